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
