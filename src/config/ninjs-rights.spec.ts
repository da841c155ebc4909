import { NinjsRights } from './ninjs-rights';

describe('NinjsRights', () => {
  const rights = NinjsRights.parse(
    JSON.stringify({ '*': { copyrightHolder: 'Asharq Al-Awsat', usageTerms: 'Subscribers only' }, AFP: { copyrightHolder: 'Agence France-Presse', usageTerms: 'Editorial use only' } }),
  );

  it('gives text the "*" entry and pictures their agency’s, case-insensitively', () => {
    expect(rights.text()).toEqual({ copyrightHolder: 'Asharq Al-Awsat', usageTerms: 'Subscribers only' });
    expect(rights.picture('afp')).toEqual({ copyrightHolder: 'Agence France-Presse', usageTerms: 'Editorial use only' });
    expect(rights.picture(null)).toEqual(rights.text());
  });

  it('credits an unlisted agency as holder, and says nothing when unset', () => {
    expect(rights.picture('Iraqi premiership')).toEqual({ copyrightHolder: 'Iraqi premiership' });
    expect(NinjsRights.parse(undefined).text()).toEqual({});
    expect(NinjsRights.parse('').picture('EPA')).toEqual({ copyrightHolder: 'EPA' });
  });

  it.each([
    ['not json', /is not valid JSON/],
    ['[]', /must be a JSON object/],
    ['{"AFP":"AFP"}', /entry "AFP" must be an object/],
    ['{"AFP":{"holder":"AFP"}}', /unknown field\(s\) holder/],
    ['{"AFP":{"usageTerms":""}}', /usageTerms must be a non-empty string/],
    ['{"AFP":{}}', /names neither copyrightHolder nor usageTerms/],
    ['{"AFP":{"copyrightHolder":"A"},"afp":{"copyrightHolder":"B"}}', /twice/],
  ])('refuses %s with a message naming the problem', (raw, message) => {
    expect(() => NinjsRights.parse(raw)).toThrow(message);
  });
});
