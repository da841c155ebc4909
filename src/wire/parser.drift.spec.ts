import { parseWireDump } from './parser';
import { type ArticleFixture, buildDump, syntheticArticle } from './testing/dump-builder';

const BARKER_CAPTION =
  'Coalition’s Brigadier General Vincent Barker (R) attends a pullout ceremony at the Qayyarah air base. (Photo by AHMAD AL-RUBAYE / AFP)';

const withdrawal: ArticleFixture = {
  headline: 'US Forces Withdraw from Iraq Air Base',
  photos: [BARKER_CAPTION],
  body: ['US troops handed over the Qayyarah air base on Thursday.', 'The base is located around 60 km south of Mosul.'],
};
const larijani: ArticleFixture = {
  headline: 'Regional Shifts Loom over Larijani’s Talks in Baghdad',
  photos: ['Sudani holds talks with Iran’s security chief Larijani in Baghdad Monday (Iraqi premiership)'],
  body: ['Larijani began a regional tour on Monday with a visit to Baghdad.', 'The trip will be followed by a stop in Lebanon.'],
};

function headlinesAndBodies(input: string) {
  return parseWireDump(input).articles.map(({ headline, body }) => ({ headline, body }));
}

const expectedPair = [
  { headline: withdrawal.headline, body: withdrawal.body },
  { headline: larijani.headline, body: larijani.body },
];

describe('parseWireDump on drifted dumps', () => {
  it('reads CRLF line ends', () => {
    const input = buildDump([withdrawal, larijani], { lineEnding: '\r\n' });
    expect(headlinesAndBodies(input)).toEqual(expectedPair);
  });

  it('reads bare CR line ends with the same line numbers as LF', () => {
    const viaCr = parseWireDump(buildDump([withdrawal, larijani], { lineEnding: '\r' }));
    const viaLf = parseWireDump(buildDump([withdrawal, larijani]));
    expect(viaCr).toEqual(viaLf);
  });

  it('ignores a UTF-8 byte order mark', () => {
    const withBom = parseWireDump(Buffer.from(buildDump([withdrawal, larijani], { bom: true }), 'utf8'));
    expect(withBom).toEqual(parseWireDump(buildDump([withdrawal, larijani])));
    expect(withBom.articles[0].headline).toBe(withdrawal.headline);
  });

  it('turns non-breaking spaces into plain spaces everywhere', () => {
    const nbsp = (text: string) => text.replace(/ /g, '\u00a0');
    const input = buildDump([
      { headline: nbsp(withdrawal.headline), photos: withdrawal.photos?.map(nbsp), body: withdrawal.body.map(nbsp) },
    ]);
    const [article] = parseWireDump(input).articles;
    expect(article.headline).toBe(withdrawal.headline);
    expect(article.body).toEqual(withdrawal.body);
    expect(article.photos[0].photographer).toBe('Ahmad Al-Rubaye');
  });

  it('reads an article without a photo', () => {
    const input = buildDump([withdrawal, { ...larijani, photos: [] }, { ...withdrawal, headline: 'No Photo, No Furniture', photos: [], debris: [] }]);
    const result = parseWireDump(input);
    expect(result.articles.map((article) => article.photos.length)).toEqual([1, 0, 0]);
    expect(result.articles[1].body).toEqual(larijani.body);
    expect(result.articles[2].body).toEqual(withdrawal.body);
  });

  it('reads articles with two and three photos', () => {
    const photos = [
      'Protesters gather in Tahrir Square in central Baghdad (Reuters)',
      'Security forces close a bridge leading to the Green Zone (AP Photo/Hadi Mizban)',
      'A demonstrator waves an Iraqi flag from a rooftop (Photo: Thaier al-Sudani/Reuters)',
    ];
    const input = buildDump([
      { ...withdrawal, photos: photos.slice(0, 2) },
      { ...larijani, photos },
    ]);
    const result = parseWireDump(input);
    expect(result.articles[0].photos.map((photo) => photo.caption)).toEqual([
      'Protesters gather in Tahrir Square in central Baghdad',
      'Security forces close a bridge leading to the Green Zone',
    ]);
    expect(result.articles[1].photos.map(({ photographer, agency }) => [photographer, agency])).toEqual([
      [null, 'Reuters'],
      ['Hadi Mizban', 'AP'],
      ['Thaier al-Sudani', 'Reuters'],
    ]);
    expect(result.articles.map((article) => article.body)).toEqual([withdrawal.body, larijani.body]);
  });

  it('keeps a caption that has no credit', () => {
    const caption = 'Iraqi soldiers stand guard at the gate of the base';
    const [article] = parseWireDump(buildDump([{ ...withdrawal, photos: [caption] }])).articles;
    expect(article.photos).toEqual([{ caption, credit: null, photographer: null, agency: null }]);
    expect(article.body).toEqual(withdrawal.body);
  });

  it('reads captions printed only once per block', () => {
    const result = parseWireDump(buildDump([withdrawal, larijani], { }).replace(/^(.+\))\n\1$/gmu, '$1'));
    expect(result.articles.map((article) => article.photos.length)).toEqual([1, 1]);
    expect(result.articles.map((article) => article.body)).toEqual([withdrawal.body, larijani.body]);
    expect(result.removed.some((entry) => entry.reason === 'repeated-caption')).toBe(false);
  });

  it('reads a header block without furniture', () => {
    const result = parseWireDump(buildDump([{ ...withdrawal, debris: [] }, { ...larijani, debris: [] }]));
    expect(result.articles.map(({ headline, body }) => ({ headline, body }))).toEqual(expectedPair);
    expect(result.articles.map((article) => article.photos.length)).toEqual([1, 1]);
  });

  it('drops other furniture: share counts, Read more, Advertisement', () => {
    const input = buildDump([
      { ...withdrawal, debris: ['1.2K', '35 Shares', 'Read more'] },
      { ...larijani, debris: ['Advertisement'], body: [larijani.body[0], 'Advertisement', larijani.body[1]] },
    ]);
    const result = parseWireDump(input);
    expect(result.articles.map(({ headline, body }) => ({ headline, body }))).toEqual(expectedPair);
    expect(result.removed.filter((entry) => entry.reason === 'debris').map((entry) => entry.text)).toEqual([
      '1.2K',
      '35 Shares',
      'Read more',
      'Advertisement',
      'Advertisement',
    ]);
  });

  it('learns furniture the rules do not know from where it sits, then drops it anywhere', () => {
    const widget = 'Listen to this article';
    const input = buildDump([
      { ...withdrawal, debris: [widget, 'TT'] },
      { ...larijani, debris: [widget, 'TT'] },
      { headline: 'Oil Prices Slip as Demand Worries Grow', photos: [], debris: [widget], body: ['Brent crude fell 2 percent on Friday.', widget] },
    ]);
    const result = parseWireDump(input);
    expect(result.articles[2].photos).toEqual([]);
    expect(result.articles[2].body).toEqual(['Brent crude fell 2 percent on Friday.']);
    expect(result.removed.filter((entry) => entry.text === widget).map((entry) => entry.reason)).toEqual(['debris', 'debris', 'debris', 'debris']);
  });

  it('keeps Arabic text exactly, in NFC', () => {
    const decomposedAlefHamza = '\u0627\u0654';
    const arabic: ArticleFixture = {
      headline: `العراق يتسلم قاعدة القيارة من القوات ${decomposedAlefHamza}مريكية`,
      photos: ['جانب من مراسم تسليم قاعدة القيارة الجوية (أ.ف.ب)'],
      body: ['تسلمت القوات العراقية الخميس قاعدة القيارة الجوية.', 'وتقع القاعدة على بعد ستين كيلومترا جنوب الموصل.'],
    };
    const result = parseWireDump(buildDump([withdrawal, arabic]));
    const article = result.articles[1];
    expect(article.headline).toBe('العراق يتسلم قاعدة القيارة من القوات أمريكية');
    expect(article.headline).toBe(article.headline.normalize('NFC'));
    expect(article.body).toEqual(arabic.body);
    expect(article.photos).toEqual([{ caption: 'جانب من مراسم تسليم قاعدة القيارة الجوية', credit: 'أ.ف.ب', photographer: null, agency: 'أ.ف.ب' }]);
  });

  it('separates articles divided by a single blank line', () => {
    const input = buildDump([withdrawal, larijani, { ...withdrawal, headline: 'Third Story Headline', photos: [] }], {
      blankLinesBetweenArticles: 1,
    });
    const result = parseWireDump(input);
    expect(result.articles.map((article) => article.headline)).toEqual([withdrawal.headline, larijani.headline, 'Third Story Headline']);
    expect(result.articles[0].body).toEqual(withdrawal.body);
  });

  it('keeps a last article cut off mid-sentence, with a warning', () => {
    const input = buildDump([withdrawal, larijani], { finalNewline: false }).replace(/ by a stop in Lebanon\.$/u, ' by a st');
    const result = parseWireDump(input);
    expect(result.articles).toHaveLength(2);
    expect(result.articles[1].body.at(-1)).toBe('The trip will be followed by a st');
    expect(result.articles.map((article) => article.truncated)).toEqual([false, true]);
    expect(result.warnings).toEqual([expect.stringContaining('ends mid-sentence in "Regional Shifts Loom')]);
  });

  it('keeps a last article cut off inside its header, with a warning', () => {
    const result = parseWireDump(buildDump([withdrawal, { ...larijani, headerOnly: true }]));
    expect(result.articles.map((article) => article.headline)).toEqual([withdrawal.headline, larijani.headline]);
    expect(result.articles[0].body).toEqual(withdrawal.body);
    expect(result.articles[1]).toMatchObject({ body: [], truncated: true, photos: [{ agency: 'Iraqi premiership' }] });
    expect(result.warnings).toEqual([expect.stringContaining('ends inside the header of "Regional Shifts')]);
  });

  it('moves a By line into bylines, split into names, agencies left out', () => {
    const input = buildDump([
      { ...withdrawal, body: ['By Jane Doe and John Smith', ...withdrawal.body] },
      { ...larijani, body: [...larijani.body, 'By JANE DOE, Reuters'] },
    ]);
    const result = parseWireDump(input);
    expect(result.articles.map((article) => article.bylines)).toEqual([['Jane Doe', 'John Smith'], ['Jane Doe']]);
    expect(result.articles.map((article) => article.body)).toEqual([withdrawal.body, larijani.body]);
    expect(result.removed.filter((entry) => entry.reason === 'byline')).toHaveLength(2);
  });

  it('keeps prose that merely starts with "By"', () => {
    const paragraph = 'By Monday the base was empty.';
    const [article] = parseWireDump(buildDump([{ ...withdrawal, body: [paragraph] }])).articles;
    expect(article.body).toEqual([paragraph]);
    expect(article.bylines).toEqual([]);
  });

  it('logs text before the first article as unattached, with a warning', () => {
    const result = parseWireDump(`Home | World | Middle East\n\n${buildDump([withdrawal])}`);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0].lines[0]).toBe(3);
    expect(result.removed[0]).toEqual({ line: 1, reason: 'unattached', text: 'Home | World | Middle East' });
    expect(result.warnings).toEqual(['lines 1-1: 1 line(s) before the first article belong to no article']);
  });
});

describe('de-duplication while parsing', () => {
  it('drops paragraphs and blocks printed twice within an article', () => {
    const [first, second, third] = withdrawal.body.concat('A third paragraph closes the story.');
    const input = buildDump([{ ...withdrawal, body: [first, first, second, third, second, third] }]);
    const result = parseWireDump(input);
    expect(result.articles[0].body).toEqual([first, second, third]);
    expect(result.removed.filter((entry) => entry.reason === 'repeated-paragraph').map((entry) => entry.text)).toEqual([first, second, third]);
  });

  it('marks the same article printed twice as an exact duplicate', () => {
    const result = parseWireDump(buildDump([withdrawal, larijani, withdrawal]));
    expect(result.articles.map((article) => [article.duplicateOf, article.duplicateKind, article.similarity])).toEqual([
      [null, null, null],
      [null, null, null],
      [0, 'exact', 1],
    ]);
  });

  it('marks every copy of an article pasted 20,000 times as an exact duplicate of the first, far beyond its window', () => {
    const result = parseWireDump(buildDump([larijani, ...Array.from({ length: 20_000 }, () => withdrawal)]), { keepRemoved: false, dedupWindow: 100 });
    const copies = result.articles.slice(2);
    expect(copies).toHaveLength(19_999);
    expect(copies.every((article) => article.duplicateOf === 1 && article.duplicateKind === 'exact')).toBe(true);
  });

  it('treats case and spacing differences as the same text', () => {
    const shouting = { ...withdrawal, body: withdrawal.body.map((paragraph) => paragraph.toUpperCase().replace(/ /g, '  ')) };
    const result = parseWireDump(buildDump([withdrawal, shouting]));
    expect(result.articles[1]).toMatchObject({ duplicateOf: 0, duplicateKind: 'exact' });
  });

  it('marks an updated version with a changed paragraph or two as a near duplicate, with its similarity', () => {
    const original = syntheticArticle(7, 20);
    const updated = {
      ...original,
      body: original.body.map((paragraph, index) => {
        if (index === 3) return paragraph.replace(/\.$/u, ', officials added on Saturday.');
        if (index === 11) return 'A spokesman later said the talks would resume next week in the capital.';
        return paragraph;
      }),
    };
    const result = parseWireDump(buildDump([original, syntheticArticle(8, 20), updated]));
    const copy = result.articles[2];
    expect(copy).toMatchObject({ duplicateOf: 0, duplicateKind: 'near' });
    expect(copy.similarity).toBeGreaterThanOrEqual(0.8);
    expect(copy.similarity).toBeLessThan(1);
  });

  it('does not flag a different story', () => {
    const result = parseWireDump(buildDump([syntheticArticle(1, 20), syntheticArticle(2, 20), syntheticArticle(3, 20)]));
    expect(result.articles.map((article) => article.duplicateOf)).toEqual([null, null, null]);
  });
});
