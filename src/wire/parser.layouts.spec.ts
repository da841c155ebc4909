import { parseWireDump, toParseJson } from './parser';
import { type ArticleFixture, buildDump, syntheticArticle } from './testing/dump-builder';

const gallery = (count: number, seed = 1) =>
  Array.from({ length: count }, (_unused, index) => `Protesters gather in square ${seed}.${index + 1} of central Baghdad on Friday (Photo by AHMAD AL-RUBAYE / AFP)`);

const story = (seed: number, photos: string[] = gallery(1, seed)): ArticleFixture => ({ ...syntheticArticle(seed, 6), photos });

function contentOf(input: string) {
  return parseWireDump(input).articles.map(({ headline, body, photos, bylines }) => ({ headline, body, photoCount: photos.length, bylines }));
}

const expected = (article: ArticleFixture, bylines: string[] = []) => ({
  headline: article.headline,
  body: article.body,
  photoCount: article.photos?.length ?? 0,
  bylines,
});

describe('parser on the layouts of real scrapes', () => {
  it.each([8, 9, 16, 40, 1000])('reads a gallery of %i photos, and the articles around it', (count) => {
    const articles = [story(1), story(2, gallery(count, 2)), story(3)];
    const result = parseWireDump(buildDump(articles));
    expect(result.articles.map(({ headline, body, photos }) => ({ headline, body, photoCount: photos.length }))).toEqual(
      articles.map((article) => ({ headline: article.headline, body: article.body, photoCount: article.photos!.length })),
    );
    expect(result.articles[1].photos.every((photo) => photo.agency === 'AFP' && photo.photographer === 'Ahmad Al-Rubaye')).toBe(true);
    expect(result.articles[1].anomalies).toEqual([]);
    expect(result.removed.some((entry) => entry.reason === 'unattached')).toBe(false);
  });

  it('keeps a gallery larger than the lookahead in one article, flagged for review', () => {
    const articles = [story(1, gallery(3000, 1)), story(2)];
    const result = parseWireDump(buildDump(articles));
    expect(result.articles.map((article) => [article.headline, article.photos.length, article.body])).toEqual([
      [articles[0].headline, 3000, articles[0].body],
      [articles[1].headline, 1, articles[1].body],
    ]);
    expect(result.articles[0].anomalies.map((anomaly) => anomaly.code)).toEqual(['header-printed-once']);
  });

  it('reads a headline of any length, and flags a very long one', () => {
    const headline = `${'Iraq’s parliament votes on the budget after months of talks between the blocs '.repeat(8).trim()} Finally`;
    expect(headline.length).toBeGreaterThan(600);
    const articles = [story(1), { ...story(2), headline }, story(3)];
    const result = parseWireDump(buildDump(articles));
    expect(result.articles.map((article) => article.headline)).toEqual(articles.map((article) => article.headline));
    expect(result.articles[1].body).toEqual(articles[1].body);
    expect(result.articles[1].anomalies.map((anomaly) => anomaly.code)).toEqual(['long-headline']);
  });

  it('reads a byline between the two prints of the header, and every article after it', () => {
    const photos = ['Sudani holds talks with Larijani in Baghdad Monday (Iraqi premiership)', 'Larijani arrives at the airport in Baghdad (AFP)'];
    const withByline: ArticleFixture = { ...story(2, photos), headerExtras: [{ text: 'By Jane Doe and John Smith', position: 'after-reprint' }] };
    const followers = Array.from({ length: 5 }, (_unused, index) => story(10 + index));
    const result = parseWireDump(buildDump([story(1), withByline, ...followers]));
    expect(contentOf(buildDump([story(1), withByline, ...followers]))).toEqual([
      expected(story(1)),
      expected(withByline, ['Jane Doe', 'John Smith']),
      ...followers.map((article) => expected(article)),
    ]);
    expect(result.removed.filter((entry) => entry.reason === 'byline').map((entry) => entry.text)).toEqual(['By Jane Doe and John Smith']);
  });

  it.each(['before-headline', 'before-headline-tight', 'after-headline', 'before-reprint', 'after-reprint', 'before-body'] as const)(
    'reads a byline and an "Updated" line placed %s',
    (position) => {
      const article: ArticleFixture = {
        ...story(2),
        headerExtras: [
          { text: 'By Qasim al-Araji', position },
          { text: 'Updated 12 March 2024 14:30 GMT', position },
        ],
      };
      const input = buildDump([story(1), article, story(3)]);
      expect(contentOf(input)).toEqual([expected(story(1)), expected(article, ['Qasim al-Araji']), expected(story(3))]);
      expect(parseWireDump(input).removed.filter((entry) => entry.reason === 'dateline').map((entry) => entry.text)).toEqual([
        'Updated 12 March 2024 14:30 GMT',
      ]);
    },
  );

  it('reads a dateline printed under the headline, in English and in Arabic', () => {
    const english: ArticleFixture = { ...story(2), headerExtras: [{ text: 'Monday, 3 March, 2025 - 10:45', position: 'after-headline' }] };
    const arabic: ArticleFixture = {
      headline: 'العراق يتسلم قاعدة القيارة من القوات الأمريكية',
      photos: ['جانب من مراسم تسليم قاعدة القيارة الجوية (أ.ف.ب)'],
      body: ['تسلمت القوات العراقية الخميس قاعدة القيارة الجوية.', 'وتقع القاعدة على بعد ستين كيلومترا جنوب الموصل.'],
      headerExtras: [{ text: 'الاثنين - 3 رمضان 1446 هـ - 03 مارس 2025 مـ', position: 'after-headline' }],
    };
    const result = parseWireDump(buildDump([english, arabic]));
    expect(result.articles.map((article) => article.body)).toEqual([english.body, arabic.body]);
    expect(result.removed.filter((entry) => entry.reason === 'dateline')).toHaveLength(2);
  });

  it('keeps a caption printed only once, in either print', () => {
    const onlyInSecond: ArticleFixture = { ...story(2), captionPrints: 1, headerExtras: [] };
    const secondOnlyInput = buildDump([story(1), onlyInSecond, story(3)]).replace(
      // Drop the caption from the first print, leaving it once in the second.
      `${onlyInSecond.headline}\n\n${onlyInSecond.photos![0]}\nTT`,
      `${onlyInSecond.headline}\n\nTT`,
    );
    expect(secondOnlyInput.split(onlyInSecond.photos![0]).length - 1).toBe(1);
    expect(contentOf(secondOnlyInput)).toEqual([expected(story(1)), expected(onlyInSecond), expected(story(3))]);

    const onlyInFirst: ArticleFixture = { ...story(2), captionPrints: 1, reprintCaptionPrints: 0 };
    expect(contentOf(buildDump([story(1), onlyInFirst, story(3)]))).toEqual([expected(story(1)), expected(onlyInFirst), expected(story(3))]);
  });

  it('reads a header printed only once, and flags it', () => {
    const once: ArticleFixture = { ...story(2, gallery(3, 2)), headerPrintedOnce: true };
    const result = parseWireDump(buildDump([story(1), once, story(3)]));
    expect(result.articles.map(({ headline, body, photos }) => ({ headline, body, photoCount: photos.length }))).toEqual(
      [story(1), once, story(3)].map((article) => ({ headline: article.headline, body: article.body, photoCount: article.photos!.length })),
    );
    expect(result.articles[1].anomalies.map((anomaly) => anomaly.code)).toEqual(['header-printed-once']);
  });

  it('finds an article after a gap by its shape alone, and says it guessed', () => {
    const result = parseWireDump(`${buildDump([story(1)])}\n\n\nOil Prices Slip as Demand Worries Grow\n\nBrent crude fell 2 percent on Friday as traders weighed the outlook.\n`);
    expect(result.articles.map((article) => article.headline)).toEqual([story(1).headline, 'Oil Prices Slip as Demand Worries Grow']);
    expect(result.articles[1].anomalies.map((anomaly) => anomaly.code)).toEqual(['headline-guessed']);
  });

  it('takes a caption printed twice among the body paragraphs as a photo, flagged', () => {
    const caption = 'Smoke rises over the port after the strike (Reuters)';
    const article = { ...story(2), body: ['First paragraph of the report.', `${caption}\n${caption}`, 'Second paragraph of the report.'] };
    const result = parseWireDump(buildDump([story(1), article, story(3)]));
    expect(result.articles[1].body).toEqual(['First paragraph of the report.', 'Second paragraph of the report.']);
    expect(result.articles[1].photos.map((photo) => photo.caption)).toEqual([story(2).photos![0].replace(/ \(Photo by .*\)$/u, ''), 'Smoke rises over the port after the strike']);
    expect(result.articles[1].anomalies.map((anomaly) => anomaly.code)).toEqual(['caption-in-body']);
  });

  it('reports the two prints disagreeing', () => {
    const input = buildDump([story(1, gallery(3, 1)), story(2)]).replace(`${gallery(3, 1)[2]}\n${gallery(3, 1)[2]}\n\n`, '\n');
    const [first] = parseWireDump(input).articles;
    expect(first.photos).toHaveLength(3);
    expect(first.anomalies.map((anomaly) => anomaly.code)).toEqual(['prints-disagree']);
  });

  it('flags captions without credit and lines before the first article, with their line numbers', () => {
    const result = parseWireDump(`Home | World\n\n${buildDump([story(1, ['Iraqi soldiers stand guard at the gate of the base'])])}`);
    expect(result.articles[0].anomalies.map(({ code, lines }) => ({ code, lines }))).toEqual([
      { code: 'unattached-lines', lines: [1, 1] },
      { code: 'caption-without-credit', lines: [5, 5] },
    ]);
  });

  it('adds the anomalies to the JSON of parse --json', () => {
    const json = toParseJson(parseWireDump(buildDump([{ ...story(1), headerPrintedOnce: true }])));
    expect(json.articles[0].anomalies).toEqual([
      { code: 'header-printed-once', lines: [1, expect.any(Number)], message: expect.stringContaining('printed once') },
    ]);
  });

  it('reads a headline that ends in a full stop, but not a paragraph printed again', () => {
    const usHeadline: ArticleFixture = { ...story(2), headline: 'Iran Says It Will Not Negotiate With the U.S.' };
    const repeated: ArticleFixture = { ...story(3), body: ['The talks ended on Monday.', 'Officials left the capital.', 'The talks ended on Monday.'] };
    const result = parseWireDump(buildDump([story(1), usHeadline, repeated]));
    expect(result.articles.map((article) => article.headline)).toEqual([story(1).headline, usHeadline.headline, repeated.headline]);
    expect(result.articles[1].body).toEqual(usHeadline.body);
    expect(result.articles[2].body).toEqual(['The talks ended on Monday.', 'Officials left the capital.']);
  });

  it('drops gallery counters, share buttons and links to other stories', () => {
    const photos = gallery(8, 2);
    const counted = photos.flatMap((caption, index) => [caption, `${index + 1}/8`]);
    const article: ArticleFixture = {
      ...story(2, counted),
      captionPrints: 1,
      body: ['First paragraph of the report.', 'Read also: Iraq Hands Over Qayyarah Air Base to Its Army', 'Second paragraph of the report.'],
      debris: ['Facebook', 'WhatsApp', 'Copy link', 'TT', '20'],
    };
    const [, parsed] = parseWireDump(buildDump([story(1), article, story(3)])).articles;
    expect(parsed.photos.map((photo) => photo.caption)).toEqual(photos.map((line) => line.replace(/ \(Photo by .*\)$/u, '')));
    expect(parsed.body).toEqual(['First paragraph of the report.', 'Second paragraph of the report.']);
    expect(parsed.anomalies).toEqual([]);
  });

  it('gives every article its source lines when asked', () => {
    const input = buildDump([story(1), story(2)]);
    const result = parseWireDump(input, { keepSource: true });
    const lines = input.split('\n');
    for (const article of result.articles) {
      expect(article.source).toBe(lines.slice(article.lines[0] - 1, article.lines[1]).join('\n'));
    }
    expect(parseWireDump(input).articles[0].source).toBeUndefined();
  });
});
