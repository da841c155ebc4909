import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ArticleEventName, ArticleUpdateChanges, ArticleUpdatedEvent } from '../src/articles/article-events';
import { Article } from '../src/articles/article.entity';
import { HEADLINE_KEY_RECENT_LIMIT, newestByHeadlineKey } from '../src/articles/article-rows';
import { HEADLINE_CANDIDATE_LIMIT, HeadlineCandidates } from '../src/imports/headline-candidates';
import { dismissedPairKey } from '../src/articles/dismissed-pairs';
import { ArticleRevision } from '../src/articles/revision.entity';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { ImportErrorCode } from '../src/imports/import-error';
import { ImportStatus } from '../src/imports/import.entity';
import { ImportsService } from '../src/imports/imports.service';
import { SAMPLE_DUMP } from '../src/imports/sample-import';
import { ImportReport } from '../src/imports/import-report';
import { parseWireDump, serialiseSignature } from '../src/wire';
import { ArticleFixture, buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { LABELLED_EVENTS } from '../src/wire/testing/labelled-stories';
import { ArticleFeedService } from '../src/articles/article-feed.service';
import { PublishingService } from '../src/publishing/publishing.service';
import { UserRole } from '../src/auth/user.entity';
import { articleFixture, insertArticle, insertUserActor } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const operator: Actor = { kind: 'system', name: 'test' };

async function rowCounts(testApp: TestApp): Promise<Record<string, number>> {
  const [row] = await testApp.dataSource.query(`SELECT
    (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM photos) AS photos,
    (SELECT count(*)::int FROM captions) AS captions, (SELECT count(*)::int FROM authors) AS authors,
    (SELECT count(*)::int FROM bylines) AS bylines`);
  return row;
}

describe('importing wire dumps', () => {
  let testApp: TestApp;
  let imports: ImportsService;
  let directory: string;

  const writeDump = async (name: string, content: string | Buffer) => {
    const path = join(directory, name);
    await writeFile(path, content);
    return path;
  };

  beforeAll(async () => {
    testApp = await bootTestApp();
    imports = testApp.app.get(ImportsService);
    directory = await mkdtemp(join(tmpdir(), 'wiredesk-imports-'));
  });
  afterAll(async () => {
    await testApp.close();
    await rm(directory, { recursive: true, force: true });
  });

  describe('the sample dump', () => {
    let report: ImportReport;

    beforeAll(async () => {
      const outcome = await imports.importFile(SAMPLE_DUMP, operator);
      report = outcome.report!;
      expect(outcome.import.status).toBe(ImportStatus.Completed);
    });

    it('creates two draft articles with their copy, source lines and import', async () => {
      const articles = await testApp.dataSource.getRepository(Article).find({ order: { id: 'ASC' } });
      expect(articles.map((article) => article.headline)).toEqual([
        'US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan',
        'Regional Shifts Loom over Larijani’s Talks in Baghdad',
      ]);
      expect(articles.every((article) => article.status === ArticleStatus.Draft)).toBe(true);
      expect(articles[0]!.body[0]).toMatch(/^US troops with the coalition fighting ISIS/);
      expect(articles[0]!.body).not.toContain('TT');
      expect([articles[0]!.sourceLineStart, articles[0]!.sourceLineEnd]).toEqual([1, 39]);
      expect(articles[0]!.slug).toBe('us-forces-withdraw-from-iraq-air-base-as-part-of-redeployment-plan');
    });

    it('stores each photo once with its caption, credit, photographer and agency', async () => {
      const photos = await testApp.dataSource.query(
        `SELECT p.credit, p.agency, au.name AS photographer, c.text AS caption
           FROM captions c JOIN photos p ON p.id = c."photoId" LEFT JOIN authors au ON au.id = p."photographerId" ORDER BY c."articleId"`,
      );
      expect(photos).toEqual([
        {
          credit: 'Photo by AHMAD AL-RUBAYE / AFP',
          agency: 'AFP',
          photographer: 'Ahmad Al-Rubaye',
          caption: expect.stringMatching(/^Coalition’s Brigadier General Vincent Barker \(R\).*Qayyarah air base\.$/),
        },
        { credit: 'Iraqi premiership', agency: 'Iraqi premiership', photographer: null, caption: 'Sudani holds talks with Iran’s security chief Larijani in Baghdad Monday' },
      ]);
    });

    it('reports what it did, with removed lines and their reasons', () => {
      expect(report.counts).toMatchObject({ articlesCreated: 2, exactDuplicates: 0, nearDuplicates: 0, photosCreated: 2, authorsCreated: 1 });
      expect(report.articles.map((entry) => [entry.outcome, entry.lines])).toEqual([
        ['created', [1, 39]],
        ['created', [43, 87]],
      ]);
      expect(report.removed).toEqual(expect.arrayContaining([{ line: 5, reason: 'debris', text: 'TT' }, { line: 6, reason: 'debris', text: '20' }]));
      expect(report.removed.some((entry) => entry.reason === 'repeated-headline' && entry.line === 8)).toBe(true);
      expect(report.counts.linesRemoved).toBe(report.removed.length);
    });

    it('does nothing when the same bytes come again', async () => {
      const before = await rowCounts(testApp);
      const again = await imports.importFile(SAMPLE_DUMP, operator);
      expect(again.alreadyImported).toBe(true);
      expect(await rowCounts(testApp)).toEqual(before);
    });

    it('merges a re-scraped copy of the same stories instead of creating rows, and says which it matched', async () => {
      const before = await rowCounts(testApp);
      const crlf = `\ufeff${(await readFile(SAMPLE_DUMP, 'utf8')).replace(/\n/g, '\r\n')}`;
      const outcome = await imports.importFile(await writeDump('rescrape.txt', crlf), operator);
      expect(outcome.import.counts).toMatchObject({ articlesCreated: 0, exactDuplicates: 2, photosCreated: 0, authorsCreated: 0 });
      expect(outcome.report!.articles.map((entry) => entry.outcome)).toEqual(['merged', 'merged']);
      expect(outcome.report!.articles[0]!.reason).toMatch(/existing article \d+/);
      expect(await rowCounts(testApp)).toEqual(before);
    });
  });

  it('records a revision and a new version when an exact copy adds a photo to an existing article', async () => {
    const story: ArticleFixture = { ...syntheticArticle(9700), photos: ['Crowds at the border crossing (Reuters)'] };
    const first = await imports.importFile(await writeDump('story-1.txt', buildDump([story])), operator);
    const articleId = first.report!.articles[0]!.articleId;
    const before = await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: articleId });
    const updates: Array<{ id: number; changes: ArticleUpdateChanges }> = [];
    const listener = ({ article, changes }: ArticleUpdatedEvent) => updates.push({ id: article.id, changes });
    testApp.app.get(EventEmitter2).on(ArticleEventName.Updated, listener);

    try {
      const reprint: ArticleFixture = { ...story, photos: [...story.photos!, 'Trucks wait to cross on Monday (AFP)'] };
      const again = await imports.importFile(await writeDump('story-2.txt', buildDump([reprint])), operator);
      expect(again.report!.articles[0]).toMatchObject({ outcome: 'merged', articleId });

      const after = await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: articleId });
      expect(after.version).toBe(before.version + 1);
      const [revision] = await testApp.dataSource.getRepository(ArticleRevision).find({ where: { articleId } });
      expect(revision).toMatchObject({ version: after.version, actorName: `wire import ${again.import.id}` });
      expect(Object.values(revision!.changes.captions!.to)).toEqual(['Trucks wait to cross on Monday']);
      expect(updates).toEqual([{ id: articleId, changes: { copy: ['captions'] } }]);
    } finally {
      testApp.app.get(EventEmitter2).off(ArticleEventName.Updated, listener);
    }
  });

  it('flags an updated version of a story as a near duplicate draft, never merging it', async () => {
    const original = syntheticArticle(9001);
    const updated: ArticleFixture = { ...original, body: [...original.body.slice(0, 11), 'An update added this closing paragraph with fresh reaction from officials.'] };
    await imports.importFile(await writeDump('original.txt', buildDump([original])), operator);
    const outcome = await imports.importFile(await writeDump('updated.txt', buildDump([updated])), operator);

    expect(outcome.import.counts).toMatchObject({ articlesCreated: 1, nearDuplicates: 1 });
    const entry = outcome.report!.articles[0]!;
    expect(entry.outcome).toBe('flagged');
    expect(entry.similarity).toBeGreaterThanOrEqual(0.8);
    const flagged = await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: entry.articleId });
    expect(flagged).toMatchObject({ status: ArticleStatus.Draft, duplicateKind: 'near', duplicateOfId: entry.duplicateOf });
    expect(flagged.duplicateScore).toBeCloseTo(entry.similarity!, 3);
  });

  it('does not flag again a pair an editor declared "not a duplicate"', async () => {
    const original = syntheticArticle(9050);
    const updated: ArticleFixture = { ...original, body: [...original.body.slice(0, 11), 'A closing paragraph the desk decided makes this a separate story.'] };
    const first = await imports.importFile(await writeDump('kept-apart-1.txt', buildDump([original])), operator);
    const [originalRow] = await testApp.dataSource.query(`SELECT id, "contentHash" FROM articles WHERE id = $1`, [first.report!.articles[0]!.articleId]);
    const updatedHash = parseWireDump(buildDump([updated])).articles[0]!.contentHash;
    const { lowHash, highHash } = dismissedPairKey(originalRow.contentHash, updatedHash);
    await testApp.dataSource.query(
      `INSERT INTO dismissed_duplicate_pairs ("lowHash", "highHash", "articleId", "otherArticleId") VALUES ($1, $2, $3, $3)`,
      [lowHash, highHash, originalRow.id],
    );

    const outcome = await imports.importFile(await writeDump('kept-apart-2.txt', buildDump([updated])), operator);
    expect(outcome.report!.articles[0]).toMatchObject({ outcome: 'created' });
    expect(outcome.import.counts).toMatchObject({ articlesCreated: 1, nearDuplicates: 0 });
  });

  it('handles copies within one dump: exact copies merge, near ones are flagged against the first', async () => {
    const story = syntheticArticle(9100);
    const rewrite: ArticleFixture = { ...story, body: [...story.body.slice(0, 11), 'Officials later confirmed the figures in a short statement.'] };
    const outcome = await imports.importFile(await writeDump('inside.txt', buildDump([story, syntheticArticle(9101), story, rewrite])), operator);
    expect(outcome.report!.articles.map((entry) => entry.outcome)).toEqual(['created', 'created', 'merged', 'flagged']);
    const [first, , copy, near] = outcome.report!.articles;
    expect(copy!.articleId).toBe(first!.articleId);
    expect(near!.duplicateOf).toBe(first!.articleId);
  });

  it('keeps one row for an article pasted 20,000 times in one file and again in another, as parse counts it', async () => {
    const story = syntheticArticle(9400, 2);
    const dump = buildDump(Array.from({ length: 20_000 }, () => story));
    const parsed = parseWireDump(dump, { keepRemoved: false });
    expect(parsed.articles.filter((article) => article.duplicateKind === 'exact')).toHaveLength(19_999);

    // The copies are merged, so only the first is stemmed for search on the side connection.
    const manager = testApp.dataSource.manager;
    const query = manager.query.bind(manager);
    let stemmed = 0;
    const sideQuery = jest.spyOn(manager, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
      // The staged copies go as jsonb in binary form: a version byte, then the JSON text.
      if (sql.includes('wiredesk_search_vector')) stemmed += JSON.parse((parameters![0] as Buffer).subarray(1).toString()).length;
      return query(sql, parameters);
    });
    const outcome = await imports.importFile(await writeDump('pasted.txt', dump), operator).finally(() => sideQuery.mockRestore());
    expect(stemmed).toBe(1);
    expect(outcome.import.counts).toMatchObject({ articlesCreated: 1, exactDuplicates: 19_999, nearDuplicates: 0 });
    const rows = await testApp.dataSource.query(`SELECT id FROM articles WHERE "contentHash" = $1`, [parsed.articles[0]!.contentHash]);
    expect(rows).toHaveLength(1);

    const again = await imports.importFile(await writeDump('pasted-again.txt', buildDump([syntheticArticle(9401, 2), story, story])), operator);
    expect(again.import.counts).toMatchObject({ articlesCreated: 1, exactDuplicates: 2 });
    expect(again.report!.articles.slice(1).map((entry) => entry.articleId)).toEqual([rows[0].id, rows[0].id]);
  }, 300_000);

  it('flags an updated version with nearly the same headline further down the same dump than the parser looks back', async () => {
    // An update that keeps the first five of the original's twelve paragraphs (body Jaccard about 0.3: no body band in
    // common), so only its headline can find the original.
    const base = syntheticArticle(9690, 12);
    const first = { ...base, headline: 'Basra Refinery Restarts Northern Export Pipeline After Repairs' };
    const later = { ...base, headline: 'Basra Refinery Restarts Northern Export Pipeline After Long Repairs', body: [...base.body.slice(0, 5), ...syntheticArticle(9691, 7).body] };
    // More stories between the versions than the parse worker's window (two batches): the importer's own lookup,
    // with the headline words it kept of its recent rows, is what finds the original.
    const between = Array.from({ length: 1_100 }, (_, index) => syntheticArticle(60_000 + index, 2));
    const outcome = await imports.importFile(await writeDump('refinery-far.txt', buildDump([first, ...between, later])), operator);
    const [original, update] = [outcome.report!.articles[0]!, outcome.report!.articles.at(-1)!];
    expect(update).toMatchObject({ outcome: 'flagged', duplicateOf: original.articleId, reason: `near duplicate of existing article ${original.articleId} (nearly the same headline, edited body)` });
  }, 120_000);

  it('flags an updated version with nearly the same headline and an edited body across dumps, below the body-only cut', async () => {
    const event = LABELLED_EVENTS.find((candidate) => candidate.name === 'cairo-rate-hike')!;
    await imports.importFile(await writeDump('rates-1.txt', buildDump([event.original])), operator);
    const outcome = await imports.importFile(await writeDump('rates-2.txt', buildDump([event.update])), operator);
    const entry = outcome.report!.articles[0]!;
    expect(entry).toMatchObject({ outcome: 'flagged', reason: expect.stringMatching(/nearly the same headline/) });
    expect(entry.similarity).toBeLessThan(0.8);
    const [row] = await testApp.dataSource.query(`SELECT status, "duplicateKind" FROM articles WHERE id = $1`, [entry.articleId]);
    expect(row).toEqual({ status: ArticleStatus.Draft, duplicateKind: 'near' });
  });

  it('finds the version being updated even when more earlier stories than the candidate cap share a headline key with it', async () => {
    const event = LABELLED_EVENTS.find((candidate) => candidate.name === 'riyadh-oil-output')!;
    // Forty earlier stories whose headlines share seven of the nine words (and so some headline keys), with other bodies.
    const stem = event.original.headline.split(' ').slice(0, -2).join(' ');
    const decoys = Array.from({ length: 40 }, (_, index) => ({ ...syntheticArticle(9600 + index, 2), headline: `${stem} as Decoy${index} Filler${index}` }));
    const first = await imports.importFile(await writeDump('rates-busy-1.txt', buildDump([...decoys, event.original])), operator);
    const original = first.report!.articles.at(-1)!;
    const outcome = await imports.importFile(await writeDump('rates-busy-2.txt', buildDump([event.update])), operator);
    expect(outcome.report!.articles[0]).toMatchObject({ outcome: 'flagged', duplicateOf: original.articleId });
  });

  it('reads only the newest articles of a hot headline key, and still finds an older story through a key it shares with fewer', async () => {
    // Keys far from any a test headline hashes to, so the suite's other stories stay out of the counts.
    const [hot, quiet, elsewhere] = [-2_000_000_001, -2_000_000_002, -2_000_000_003];
    const signed = { minhash: Buffer.alloc(8) };
    const original = await insertArticle(testApp.dataSource, signed);
    const decoys = await testApp.dataSource.getRepository(Article).save(
      Array.from({ length: HEADLINE_KEY_RECENT_LIMIT + 50 }, () => articleFixture(signed)),
    );
    const decoyIds = decoys.map((decoy) => decoy.id).sort((a, b) => a - b);
    await testApp.dataSource.query(`INSERT INTO article_headline_keys (key, "articleId") SELECT * FROM unnest($1::int[], $2::int[])`, [
      [hot, quiet, ...decoyIds.map(() => hot)],
      [original.id, original.id, ...decoyIds],
    ]);

    const [update, hotOnly] = [[hot, quiet, elsewhere], [hot, elsewhere]];
    const found = await new HeadlineCandidates((keys) => newestByHeadlineKey(testApp.dataSource.manager, keys), HEADLINE_KEY_RECENT_LIMIT).find([update, hotOnly]);
    const idsOf = (position: number) => found.filter((candidate) => candidate.position === position).map((candidate) => candidate.articleId);
    // Sharing two keys ranks it within the cap, though fifty more than the limit of newer stories hold the hot key.
    expect(idsOf(0)).toHaveLength(HEADLINE_CANDIDATE_LIMIT);
    expect(idsOf(0)).toContain(original.id);
    // What the bound gives up: through the hot key alone only its newest stories are read, the earliest of them first.
    expect(idsOf(1).sort((a, b) => a - b)).toEqual(decoyIds.slice(50, 50 + HEADLINE_CANDIDATE_LIMIT));
  });

  it('links the same event told by another outlet as related, never flagged, and shows it only where drafts may be read', async () => {
    const event = LABELLED_EVENTS.find((candidate) => candidate.name === 'ankara-earthquake')!;
    const first = await imports.importFile(await writeDump('quake-1.txt', buildDump([event.original, event.sameTopic])), operator);
    const [originalId, sameTopicId] = first.report!.articles.map((entry) => entry.articleId);
    const second = await imports.importFile(await writeDump('quake-2.txt', buildDump([event.otherOutlet])), operator);
    const other = second.report!.articles[0]!;
    expect(other.outcome).toBe('created');
    expect(await testApp.dataSource.query(`SELECT "articleId", "relatedId" FROM article_related_links WHERE "articleId" = ANY($1)`, [[other.articleId, sameTopicId]])).toEqual([
      { articleId: other.articleId, relatedId: originalId },
    ]);

    const feed = testApp.app.get(ArticleFeedService);
    expect((await feed.detail({ id: originalId! })).related).toEqual([expect.objectContaining({ id: other.articleId, status: ArticleStatus.Draft })]);
    const editor = await insertUserActor(testApp.dataSource, UserRole.Editor);
    const published = await testApp.app.get(PublishingService).publish(originalId!, editor);
    expect((await feed.get(published.slug)).related).toEqual([]);
    await testApp.app.get(PublishingService).publish(other.articleId, editor);
    expect((await feed.get(published.slug)).related).toEqual([{ id: other.articleId, slug: expect.any(String), headline: event.otherOutlet.headline }]);
  });

  it('links related coverage within one dump and keeps versions of a story as near duplicates, not related', async () => {
    const event = LABELLED_EVENTS.find((candidate) => candidate.name === 'doha-gaza-talks')!;
    const outcome = await imports.importFile(await writeDump('doha.txt', buildDump([event.original, event.otherOutlet, event.update])), operator);
    const [original, other, update] = outcome.report!.articles;
    expect([original!.outcome, other!.outcome, update!.outcome]).toEqual(['created', 'created', 'flagged']);
    const links = await testApp.dataSource.query(`SELECT "articleId", "relatedId" FROM article_related_links WHERE "relatedId" = $1`, [original!.articleId]);
    expect(links).toEqual([{ articleId: other!.articleId, relatedId: original!.articleId }]);
  });

  it('keeps one author per person and one photo per picture across dumps', async () => {
    const caption = 'Protesters gather in Tahrir Square on Friday';
    const first: ArticleFixture = { ...syntheticArticle(9200), photos: [`${caption} (Photo by KHALED EL-DESOUKI / AFP)`] };
    const second: ArticleFixture = { ...syntheticArticle(9201), photos: [`${caption} (Photo by KHALED EL-DESOUKI / AFP)`, 'A second picture of the square (Photo by Khaled el Desouki / AFP)'] };
    await imports.importFile(await writeDump('photo-1.txt', buildDump([first])), operator);
    const outcome = await imports.importFile(await writeDump('photo-2.txt', buildDump([second])), operator);

    expect(outcome.import.counts).toMatchObject({ photosCreated: 1, authorsCreated: 0 });
    const authors = await testApp.dataSource.query(`SELECT name FROM authors WHERE key LIKE '%desouki%'`);
    expect(authors).toHaveLength(1);
    const shared = await testApp.dataSource.query(
      `SELECT count(*)::int AS captions FROM captions c JOIN photos p ON p.id = c."photoId" WHERE c.text = $1`,
      [caption],
    );
    expect(shared[0].captions).toBe(2);
  });

  describe('full-text vectors computed beside the import', () => {
    const searchable = async (importId: number) =>
      testApp.dataSource.query(
        `SELECT count(*)::int AS articles, count(*) FILTER (WHERE "searchVector" = wiredesk_search_vector(headline, body))::int AS matching
           FROM articles WHERE "importId" = $1`,
        [importId],
      );

    it('stores for each imported article the vector its headline and body give, and search finds it', async () => {
      const manager = testApp.dataSource.manager;
      const sideQueries = jest.spyOn(manager, 'query');
      const stories = Array.from({ length: 1_500 }, (_, index) => syntheticArticle(40_000 + index));
      let outcome: Awaited<ReturnType<ImportsService['importFile']>>;
      let staging: Parameters<typeof manager.query>[];
      let releases: number[][];
      try {
        outcome = await imports.importFile(await writeDump('vectors.txt', buildDump(stories)), operator);
        staging = sideQueries.mock.calls.filter(([sql]) => sql.includes('INSERT INTO article_staged_copies'));
        releases = sideQueries.mock.calls.filter(([sql]) => sql.includes('DELETE FROM article_staged_copies')).map(([, parameters]) => parameters as number[]);
      } finally {
        sideQueries.mockRestore();
      }

      // Every batch was staged beside the transaction (none fell back to the trigger), and nothing staged is left.
      expect(staging.length).toBeGreaterThanOrEqual(2);
      // The parameter is jsonb in binary form: a version byte, then the JSON text.
      expect(staging.flatMap(([, parameters]) => JSON.parse((parameters as Buffer[])[0]!.subarray(1).toString()) as unknown[])).toHaveLength(1_500);
      expect(await testApp.dataSource.query(`SELECT count(*)::int AS left FROM article_staged_copies`)).toEqual([{ left: 0 }]);
      // Batch by batch, each release starts where the one before ended ([importId, from, before]): none walks the
      // copies already deleted again, which the open transaction keeps in the index (a cost growing with the dump).
      const byBatch = releases.filter(([, , before]) => before! < 2 ** 31 - 1).map(([, from, before]) => [from, before]);
      expect(byBatch.length).toBeGreaterThanOrEqual(3);
      expect(byBatch.at(-1)![1]).toBeGreaterThan(0);
      byBatch.forEach(([from], index) => expect(from).toBe(index === 0 ? 0 : byBatch[index - 1]![1]));
      expect(await searchable(outcome.import.id)).toEqual([{ articles: 1_500, matching: 1_500 }]);
      const found = await testApp.dataSource.query(`SELECT headline FROM articles WHERE "searchVector" @@ websearch_to_tsquery('english', $1)`, [stories[1_100]!.headline]);
      expect(found.map((row: { headline: string }) => row.headline)).toContain(stories[1_100]!.headline);
    });

    /** Makes staging on the side connection fail as a lost connection would; the caller restores the spy. */
    const failStaging = () => {
      const manager = testApp.dataSource.manager;
      const query = manager.query.bind(manager);
      return jest.spyOn(manager, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
        if (sql.includes('wiredesk_search_vector')) throw new Error('connection lost');
        return query(sql, parameters);
      });
    };

    it('still stores the right vectors when the side connection fails: the table computes them', async () => {
      const sideQuery = failStaging();
      try {
        const stories = Array.from({ length: 600 }, (_, index) => syntheticArticle(30_000 + index));
        const outcome = await imports.importFile(await writeDump('vectors-fallback.txt', buildDump(stories)), operator);
        expect(sideQuery).toHaveBeenCalled();
        expect(outcome.import.status).toBe(ImportStatus.Completed);
        expect(await searchable(outcome.import.id)).toEqual([{ articles: 600, matching: 600 }]);
      } finally {
        sideQuery.mockRestore();
      }
    });

    it('keeps bodies, signatures and band keys exactly, quotes, backslashes, braces and "NULL" included, staged or sent with the row', async () => {
      const tricky = [
        'He said "no" and left {the hall, the city}, back\\slash and all.',
        'NULL',
        '{"json": "or not"}, then a comma, and [brackets]',
        'In Baghdad (\u0628\u063a\u062f\u0627\u062f) a cafe\u0301 \u{1f600} stayed open.',
      ];
      const stories = Array.from({ length: 3 }, (_, index) => ({ ...syntheticArticle(31_000 + index, 2), body: [...tricky, `Paragraph ${index} ends the story.`] }));
      const dump = buildDump(stories);
      const parsed = parseWireDump(dump, { keepRemoved: false }).articles;
      const stored = async (importId: number) =>
        testApp.dataSource.query(`SELECT body, "lshBands" AS bands, minhash FROM articles WHERE "importId" = $1 ORDER BY "sourceLineStart"`, [importId]) as Promise<
          { body: string[]; bands: number[]; minhash: Buffer }[]
        >;
      const expected = parsed.map((article) => ({ body: article.body, bands: Array.from(article.lshBands), minhash: serialiseSignature(article.signature) }));
      expect(expected[0]!.body.slice(0, 4)).toEqual(tricky.map((line) => line.normalize('NFC')));

      const staged = await imports.importFile(await writeDump('tricky-staged.txt', dump), operator);
      expect(await stored(staged.import.id)).toEqual(expected);

      await testApp.dataSource.query(`DELETE FROM articles WHERE "importId" = $1`, [staged.import.id]);
      const sideQuery = failStaging();
      try {
        const sent = await imports.importFile(await writeDump('tricky-sent.txt', `${dump}\n`), operator);
        expect(await stored(sent.import.id)).toEqual(expected);
      } finally {
        sideQuery.mockRestore();
      }
    });
  });

  describe('bad input is refused, reported and writes no copy', () => {
    it.each([
      ['empty.txt', Buffer.alloc(0), ImportErrorCode.Empty, /empty/i],
      ['binary.txt', Buffer.from('Headline\n\x00\x01\x02'), ImportErrorCode.Binary, /NUL byte at byte offset 9/],
      ['latin1.txt', Buffer.concat([Buffer.from('Headline\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' owners\n')]), ImportErrorCode.InvalidUtf8, /byte offset 13/],
      ['prose.txt', Buffer.from('Just a note.\nNothing that looks like an article.\n'), ImportErrorCode.NoArticles, /article/i],
    ])('%s', async (name, content, code, message) => {
      const before = await rowCounts(testApp);
      await expect(imports.importFile(await writeDump(name, content), operator)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await rowCounts(testApp)).toEqual(before);
      const [recorded] = await testApp.dataSource.query(`SELECT status, error FROM imports WHERE "fileName" = $1`, [name]);
      expect(recorded).toEqual({ status: ImportStatus.Rejected, error: expect.stringMatching(message) });
    });

    it('rolls back every article of a dump that goes bad after the first batches were written', async () => {
      const articles = Array.from({ length: 1200 }, (_, index) => syntheticArticle(20_000 + index, 2));
      const broken = Buffer.concat([Buffer.from(buildDump(articles)), Buffer.from([0xff, 0x0a])]);
      const before = await rowCounts(testApp);
      await expect(imports.importFile(await writeDump('broken.txt', broken), operator)).rejects.toMatchObject({ code: ImportErrorCode.InvalidUtf8 });
      expect(await rowCounts(testApp)).toEqual(before);
      // The copies staged for the batches it read are dropped too.
      expect(await testApp.dataSource.query(`SELECT count(*)::int AS left FROM article_staged_copies`)).toEqual([{ left: 0 }]);
    });

    it('sweeps copies staged by an import whose process died, and leaves a running one\'s alone', async () => {
      const stage = (importId: number, age: string) =>
        testApp.dataSource.query(
          `INSERT INTO article_staged_copies ("importId", position, headline, body, minhash, "searchVector", "stagedAt")
           VALUES ($1, 0, 'h', '{b}', '\\x00', to_tsvector('h'), now() - $2::interval)`,
          [importId, age],
        );
      await stage(900_001, '2 hours');
      await stage(900_002, '1 minute');
      try {
        await imports.importFile(await writeDump('after-a-crash.txt', buildDump([syntheticArticle(9_970)])), operator);
        const left = await testApp.dataSource.query(`SELECT "importId" FROM article_staged_copies ORDER BY "importId"`);
        expect(left).toEqual([{ importId: 900_002 }]);
      } finally {
        await testApp.dataSource.query(`DELETE FROM article_staged_copies WHERE "importId" IN (900001, 900002)`);
      }
    });
  });

  it('previews a dry run without writing anything', async () => {
    const before = await rowCounts(testApp);
    const outcome = await imports.importFile(await writeDump('dry.txt', buildDump([syntheticArticle(9300), syntheticArticle(9301)])), operator, { dryRun: true });
    expect(outcome.report!.counts.articlesCreated).toBe(2);
    expect(await rowCounts(testApp)).toEqual(before);
    expect(await testApp.dataSource.query(`SELECT id FROM imports WHERE "fileName" = 'dry.txt'`)).toEqual([]);
    expect(await testApp.dataSource.query(`SELECT count(*)::int AS left FROM article_staged_copies`)).toEqual([{ left: 0 }]);
  });

  describe('over HTTP', () => {
    let importToken: string;
    let readToken: string;

    beforeAll(async () => {
      const tokens = testApp.app.get(ApiTokensService);
      importToken = (await tokens.create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
      readToken = (await tokens.create({ name: 'reader', scopes: [TokenScope.ContentRead] }, operator)).secret;
    });

    const upload = (token: string | undefined, content: Buffer, options: { filename?: string; contentType?: string } = {}) => {
      const call = request(testApp.app.getHttpServer()).post('/api/imports');
      if (token) call.set('Authorization', `Bearer ${token}`);
      return call.attach('file', content, { filename: options.filename ?? 'upload.txt', contentType: options.contentType ?? 'text/plain' });
    };

    async function waitForImport(location: string): Promise<request.Response> {
      for (let attempt = 0; attempt < 300; attempt += 1) {
        const response = await request(testApp.app.getHttpServer()).get(location).set('Authorization', `Bearer ${importToken}`).expect(200);
        if (response.body.status !== ImportStatus.Queued && response.body.status !== ImportStatus.Running) return response;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`import at ${location} did not finish`);
    }

    it('accepts an upload with 202 and a Location, imports it in the background and serves the report', async () => {
      const dump = Buffer.from(buildDump([syntheticArticle(9400), syntheticArticle(9401)]));
      const accepted = await upload(importToken, dump, { filename: 'http.txt' }).expect(202);
      expect(accepted.headers.location).toBe(`/api/imports/${accepted.body.id}`);
      expect(accepted.body).toMatchObject({ status: ImportStatus.Queued, fileName: 'http.txt', alreadyImported: false });

      const done = await waitForImport(accepted.headers.location);
      expect(done.body).toMatchObject({ status: ImportStatus.Completed, counts: { articlesCreated: 2 } });
      expect(done.body.report.articles).toHaveLength(2);

      const again = await upload(importToken, dump, { filename: 'http-again.txt' }).expect(200);
      expect(again.body).toMatchObject({ id: accepted.body.id, alreadyImported: true });

      const list = await request(testApp.app.getHttpServer()).get('/api/imports?limit=5').set('Authorization', `Bearer ${importToken}`).expect(200);
      expect(list.body.items[0]).toMatchObject({ id: accepted.body.id });
      expect(list.body.items[0].report).toBeUndefined();
    });

    it('shows import reports (which quote draft copy) only to callers who may import or read drafts', async () => {
      const publishOnly = (await testApp.app.get(ApiTokensService).create({ name: 'publisher', scopes: [TokenScope.ContentPublish] }, operator)).secret;
      const [{ id }] = await testApp.dataSource.query('SELECT id FROM imports ORDER BY id LIMIT 1');
      const server = testApp.app.getHttpServer();
      await request(server).get(`/api/imports/${id}`).set('Authorization', `Bearer ${publishOnly}`).expect(403);
      await request(server).get('/api/imports').set('Authorization', `Bearer ${publishOnly}`).expect(403);
      await request(server).get(`/api/imports/${id}`).set('Authorization', `Bearer ${readToken}`).expect(200);
      await request(server).get(`/api/imports/${id}`).set('Authorization', `Bearer ${importToken}`).expect(200);
    });

    it('refuses callers without the imports scope', async () => {
      await upload(undefined, Buffer.from(buildDump([syntheticArticle(9500)]))).expect(401);
      const forbidden = await upload(readToken, Buffer.from(buildDump([syntheticArticle(9500)]))).expect(403);
      expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('answers bad uploads with problem JSON naming the problem', async () => {
      const invalid = await upload(importToken, Buffer.from([0x41, 0x0a, 0xc3, 0x28])).expect(422);
      expect(invalid.body).toMatchObject({ code: ImportErrorCode.InvalidUtf8, byteOffset: 2 });
      const image = await upload(importToken, Buffer.from('GIF89a'), { filename: 'photo.gif', contentType: 'image/gif' }).expect(415);
      expect(image.body.detail).toMatch(/text\/plain/);
      const missing = await request(testApp.app.getHttpServer()).post('/api/imports').set('Authorization', `Bearer ${importToken}`).field('note', 'no file').expect(400);
      expect(missing.body.detail).toMatch(/field "file"/);
    });
  });
});

describe('queued imports across restarts and instances', () => {
  it('an upload queued before a restart is imported by the next instance, exactly once', async () => {
    const enqueuing = await bootTestApp({ runWorkers: false });
    const dump = Buffer.from(buildDump([syntheticArticle(9600), syntheticArticle(9601), syntheticArticle(9602)]));
    const token = (await enqueuing.app.get(ApiTokensService).create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
    const response = await request(enqueuing.app.getHttpServer())
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', dump, { filename: 'restart.txt', contentType: 'text/plain' })
      .expect(202);
    const queued = { import: { id: response.body.id as number } };
    await enqueuing.app.close();

    const first = await bootTestApp({ database: enqueuing.database });
    const second = await bootTestApp({ database: enqueuing.database });
    try {
      // Both instances poll the queue; the job goes to one of them, and a direct second run changes nothing.
      for (let attempt = 0; attempt < 400; attempt += 1) {
        const [row] = await first.dataSource.query('SELECT status FROM imports WHERE id = $1', [queued.import.id]);
        if (row.status === ImportStatus.Completed) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await second.app.get(ImportsService).runQueued(queued.import.id);
      const [row] = await first.dataSource.query('SELECT status, counts FROM imports WHERE id = $1', [queued.import.id]);
      expect(row).toMatchObject({ status: ImportStatus.Completed, counts: { articlesCreated: 3 } });
      expect(await first.dataSource.query('SELECT id FROM articles')).toHaveLength(3);
      expect(await first.dataSource.query('SELECT "importId" FROM import_payload_chunks')).toEqual([]);
    } finally {
      await second.close();
      await first.close();
      await enqueuing.database.drop();
    }
  });
});

describe('importing over the size limit', () => {
  let testApp: TestApp;
  const previous = process.env.IMPORT_MAX_BYTES;

  beforeAll(async () => {
    process.env.IMPORT_MAX_BYTES = '1024';
    testApp = await bootTestApp();
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.IMPORT_MAX_BYTES;
    else process.env.IMPORT_MAX_BYTES = previous;
    await testApp.close();
  });

  it('answers 413 and writes nothing', async () => {
    const token = (await testApp.app.get(ApiTokensService).create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
    const response = await request(testApp.app.getHttpServer())
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', Buffer.from(buildDump([syntheticArticle(1), syntheticArticle(2)])), { filename: 'big.txt', contentType: 'text/plain' })
      .expect(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await testApp.dataSource.query('SELECT id FROM articles')).toEqual([]);
  });
});
