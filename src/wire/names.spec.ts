import { authorKey, displayName } from './names';

describe('authorKey', () => {
  it('gives spelling variants of one name the same key', () => {
    const keys = ['AHMAD AL-RUBAYE', 'Ahmad Al-Rubaye', 'Ahmad al Rubaye', 'Ahmad al-Rubaye', 'Áhmad Al Rubaye', 'Ahmad  El-Rubaye', 'Ahmad Alrubaye'].map(
      authorKey,
    );
    expect(new Set(keys)).toEqual(new Set(['ahmad alrubaye']));
  });

  it('keeps different people apart', () => {
    expect(authorKey('Ahmad Al-Rubaye')).not.toBe(authorKey('Ahmed Al-Rubaye'));
    expect(authorKey('Jane Doe')).not.toBe(authorKey('John Doe'));
  });

  it('strips Arabic diacritics', () => {
    expect(authorKey('مُحَمَّد')).toBe(authorKey('محمد'));
  });
});

describe('displayName', () => {
  it.each([
    ['AHMAD AL-RUBAYE', 'Ahmad Al-Rubaye'],
    ["SEAN O'NEIL", "Sean O'Neil"],
    ['Thaier al-Sudani', 'Thaier al-Sudani'],
    ['  Jane   Doe ', 'Jane Doe'],
    ['فايز نور الدين', 'فايز نور الدين'],
  ])('%s -> %s', (name, expected) => {
    expect(displayName(name)).toBe(expected);
  });
});
