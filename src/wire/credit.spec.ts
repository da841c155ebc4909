import { parseByline } from './byline';
import { parseCaption, parseCredit, splitCaptionCredit } from './credit';

describe('parseCredit', () => {
  it.each([
    ['Photo by AHMAD AL-RUBAYE / AFP', 'Ahmad Al-Rubaye', 'AFP'],
    ['AP Photo/Hadi Mizban', 'Hadi Mizban', 'AP'],
    ['AFP PHOTO / HAIDAR HAMDANI', 'Haidar Hamdani', 'AFP'],
    ['REUTERS/Thaier al-Sudani', 'Thaier al-Sudani', 'Reuters'],
    ['Photo: Khalid al-Mousily/Reuters', 'Khalid al-Mousily', 'Reuters'],
    ['Reuters', null, 'Reuters'],
    ['Getty Images', null, 'Getty Images'],
    ['EPA', null, 'EPA'],
    ['SPA', null, 'SPA'],
    ['WAM', null, 'WAM'],
    ['Photo by AFP', null, 'AFP'],
    ['Photo by Jane Doe', 'Jane Doe', null],
    ['Iraqi premiership', null, 'Iraqi premiership'],
    // The agencies' own forms, as an editor would file them.
    ['AP-Michel Euler', 'Michel Euler', 'AP'],
    ['AFP - Ahmad Gharabli', 'Ahmad Gharabli', 'AFP'],
    ['AP Photo/Hadi Mizban, File', 'Hadi Mizban', 'AP'],
    ['Khalid al-Mousily/Reuters', 'Khalid al-Mousily', 'Reuters'],
    ['REUTERS/Thaier al-Sudani/File Photo', 'Thaier al-Sudani', 'Reuters'],
    ['Prime Minister Media Office/Handout via Reuters', null, 'Reuters'],
    ['Iranian Presidency/Handout', null, 'Iranian Presidency'],
    ['Handout via Reuters', null, 'Reuters'],
    ['Handout', null, null],
    ['Ahmad Gharabli/AFP via Getty Images', 'Ahmad Gharabli', 'AFP'],
    ['Anadolu Agency via Getty Images', null, 'Anadolu Agency'],
    ['Pool/AFP', null, 'AFP'],
    ['SPA file photo', null, 'SPA'],
    ['AFP/File', null, 'AFP'],
    ['File photo: Reuters', null, 'Reuters'],
    ['Exclusive to Arab News', null, 'Arab News'],
    ['Courtesy of the Saudi Ministry of Culture', null, 'Saudi Ministry of Culture'],
    ['Photo courtesy of UNICEF', null, 'UNICEF'],
    ['AN Photo/Huda Bashatah', 'Huda Bashatah', 'Arab News'],
    ['Supplied', null, null],
    ['EPA-EFE/STRINGER', 'Stringer', 'EPA-EFE'],
    ['Xinhua/Wang Dongzhen', 'Wang Dongzhen', 'Xinhua'],
    ['Getty Images', null, 'Getty Images'],
  ])('%s -> photographer %s, agency %s', (credit, photographer, agency) => {
    expect(parseCredit(credit)).toEqual({ photographer, agency });
  });
});

describe('splitCaptionCredit', () => {
  it('splits a trailing credit off the caption', () => {
    expect(splitCaptionCredit('Talks in Baghdad Monday (Iraqi premiership)')).toEqual({
      caption: 'Talks in Baghdad Monday',
      credit: 'Iraqi premiership',
    });
  });

  it.each(['(R)', '(C)', '(L)', '(center)', '(2nd L)', '(3rd R)', '(left)', '(L to R)', '(2019)'])(
    'does not take the position marker %s for a credit',
    (marker) => {
      const line = `Prime Minister Mohammed Shia al-Sudani ${marker}`;
      expect(splitCaptionCredit(line)).toEqual({ caption: line, credit: null });
    },
  );

  it('keeps position markers inside the caption while taking the credit', () => {
    expect(parseCaption('Barker (R) and Abbas (C) attend a ceremony. (Photo by AHMAD AL-RUBAYE / AFP)')).toEqual({
      caption: 'Barker (R) and Abbas (C) attend a ceremony.',
      credit: 'Photo by AHMAD AL-RUBAYE / AFP',
      photographer: 'Ahmad Al-Rubaye',
      agency: 'AFP',
    });
  });

  it('returns a caption without credit unchanged', () => {
    expect(parseCaption('Iraqi soldiers stand guard')).toEqual({
      caption: 'Iraqi soldiers stand guard',
      credit: null,
      photographer: null,
      agency: null,
    });
  });
});

describe('parseByline', () => {
  it.each([
    ['By Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['By Jane Doe, Reuters', ['Jane Doe']],
    ['By AHMAD AL-RUBAYE', ['Ahmad Al-Rubaye']],
    ['By Qasim al-Araji & Eiyad al-Anbar', ['Qasim al-Araji', 'Eiyad al-Anbar']],
    ['By Reuters', []],
    ['By Jane Doe in Baghdad', ['Jane Doe']],
    ['By Jane Doe | Reuters', ['Jane Doe']],
    ['بقلم فاضل النشمي', ['فاضل النشمي']],
  ])('%s -> %j', (line, names) => {
    expect(parseByline(line)).toEqual(names);
  });

  it.each(['By linking the forces to messaging, Iran is telling the world.', 'By Monday the base was empty.', 'Baghdad by night'])(
    'does not read prose as a byline: %s',
    (line) => {
      expect(parseByline(line)).toBeNull();
    },
  );
});
