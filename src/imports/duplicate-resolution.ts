import { EntityManager } from 'typeorm';
import {
  ArchiveCandidate,
  articleIdsByContentHash,
  bodyBandCandidates,
  comparableArticles,
  contentHashesOf,
  HEADLINE_KEY_RECENT_LIMIT,
  NearDuplicateFlag,
  newestByHeadlineKey,
  relatedCandidates,
  RelatedLinkRow,
  signedHeadlinesOf,
} from '../articles/article-rows';
import { dismissedAmong } from '../articles/dismissed-pairs';
import {
  deserialiseSignature,
  estimateJaccard,
  eventFeatures,
  HEADLINE_MATCH,
  headlineWordKeys,
  headlineWordKeysDice,
  judgeNearDuplicate,
  judgeRelated,
  ParsedArticle,
} from '../wire';
import { RowIdsByPosition } from './compact-ids';
import { HeadlineCandidates } from './headline-candidates';
import { RememberedHeadlines } from './remembered-headlines';
import type { ArticleOutcome, ImportReport } from './import-report';

/**
 * How many headlines' words an import keeps (~120 bytes each): all of its own rows up to a 1 GB dump (250,000
 * articles, ~237,000 rows), so that its headline lookup reads back only archive articles. With 50,000 the 1 GB
 * import read 10.7 s of its own headlines back from the table.
 */
const RECENT_HEADLINES = 300_000;

export interface ResolvedArticle {
  parsed: ParsedArticle;
  outcome: ArticleOutcome;
  /** Set for `merged` into the archive before writing; for new articles (and copies of them) once inserted. */
  articleId?: number;
  duplicateOf?: number;
  similarity?: number;
  reason?: string;
  /** Flagged against an earlier article of the same dump (which the parser found), not one in the archive. */
  flaggedInFile?: boolean;
}

/**
 * Decides, batch by batch, what each parsed article becomes: merged into an exact copy (earlier in the
 * file, at any distance, or in the archive), flagged as a near duplicate (in the file, or in the archive
 * through the LSH bands), or created. Pairs an editor declared "not a duplicate" are never flagged again.
 * Nothing is merged on a near match: an editor decides.
 */
export class DuplicateResolution {
  /** Where each article of the dump went, by its index, so later copies at any distance find its row. */
  private readonly placement = new RowIdsByPosition();
  /**
   * The headline words (`headlineWordKeys`) of the rows this import created or read last, by id: most headline
   * candidates are the import's own rows, and archive articles come up again and again as candidates, whose
   * headlines then need neither be read back nor split again. Bounded, so a long dump keeps its memory flat. A
   * headline an editor changes during the import is compared by its old words here, which only pre-select: the
   * decision reads the row again (`comparableArticles`).
   */
  private readonly recentHeadlines = new RememberedHeadlines(RECENT_HEADLINES);
  private readonly headlineCandidates: HeadlineCandidates;

  constructor(
    private readonly manager: EntityManager,
    private readonly report: ImportReport,
  ) {
    this.headlineCandidates = new HeadlineCandidates((keys) => newestByHeadlineKey(manager, keys), HEADLINE_KEY_RECENT_LIMIT);
  }

  /** Before writing: the outcome of each article. Ids of articles new in this batch are filled in by `settle`. */
  async resolve(batch: readonly ParsedArticle[]): Promise<ResolvedArticle[]> {
    const existingByHash = await articleIdsByContentHash(this.manager, batch.map((article) => article.contentHash));
    const inBatch = new Map(batch.map((article) => [article.index, article]));
    const resolved: ResolvedArticle[] = [];
    const needsArchiveCheck: ResolvedArticle[] = [];
    for (const parsed of batch) {
      const earlierInFile = parsed.duplicateOf !== null ? this.placement.get(parsed.duplicateOf) ?? idInBatch(resolved, parsed.duplicateOf) : undefined;
      if (parsed.duplicateKind === 'exact' && (earlierInFile !== undefined || inBatch.has(parsed.duplicateOf!))) {
        const earlier = inBatch.get(parsed.duplicateOf!);
        const where = earlier ? `lines ${earlier.lines[0]}–${earlier.lines[1]}` : 'earlier in this file';
        resolved.push({ parsed, outcome: 'merged', articleId: earlierInFile, duplicateOf: earlierInFile, reason: `same copy as ${where}` });
        continue;
      }
      const existing = existingByHash.get(parsed.contentHash);
      if (existing !== undefined) {
        resolved.push({ parsed, outcome: 'merged', articleId: existing, duplicateOf: existing, reason: `same copy as existing article ${existing}` });
        continue;
      }
      if (parsed.duplicateKind === 'near' && parsed.duplicateOf !== null) {
        // The earlier version may still be waiting for its id in this very batch; `settle` fills it in.
        resolved.push({ parsed, outcome: 'flagged', duplicateOf: earlierInFile, similarity: parsed.similarity ?? undefined, reason: 'near duplicate of an article earlier in this file', flaggedInFile: true });
        continue;
      }
      const entry: ResolvedArticle = { parsed, outcome: 'created' };
      resolved.push(entry);
      needsArchiveCheck.push(entry);
    }
    const started = performance.now();
    await this.flagNearDuplicatesInArchive(needsArchiveCheck);
    this.report.nearDuplicateMs += performance.now() - started;
    return resolved;
  }

  /**
   * After the batch's new articles have ids: copies and flags pointing at an article new in this batch get
   * its id, in-file flags on a dismissed pair become plain creations, and every article's row is remembered
   * for later batches. Returns the flags to write.
   */
  async settle(resolved: readonly ResolvedArticle[]): Promise<NearDuplicateFlag[]> {
    const idOf = new Map<number, number>();
    for (const entry of resolved) if (entry.articleId !== undefined) idOf.set(entry.parsed.index, entry.articleId);
    for (const entry of resolved) {
      if (entry.outcome === 'merged' && entry.articleId === undefined) {
        entry.articleId = idOf.get(entry.parsed.duplicateOf!)!;
        entry.duplicateOf = entry.articleId;
      }
      if (entry.outcome === 'flagged') entry.duplicateOf ??= idOf.get(entry.parsed.duplicateOf!) ?? this.placement.get(entry.parsed.duplicateOf!);
      if (entry.articleId !== undefined) this.placement.set(entry.parsed.index, entry.articleId);
      if (entry.outcome !== 'merged') {
        // Every imported row has a signature, so these headlines can all be compared.
        this.recentHeadlines.remember(entry.articleId!, entry.parsed.headlineWordKeys);
        this.headlineCandidates.added(entry.articleId!, entry.parsed.headlineKeys);
      }
    }

    const inFile = resolved.filter((entry) => entry.outcome === 'flagged' && entry.flaggedInFile);
    const targetHashes = await contentHashesOf(this.manager, inFile.map((entry) => entry.duplicateOf!));
    const dismissed = await dismissedAmong(this.manager, inFile.map((entry) => [entry.parsed.contentHash, targetHashes.get(entry.duplicateOf!)!] as const));
    for (const position of dismissed) keepApart(inFile[position]!);
    return resolved
      .filter((entry) => entry.outcome === 'flagged')
      .map((entry) => ({ articleId: entry.articleId!, duplicateOfId: entry.duplicateOf!, score: entry.similarity ?? null }));
  }

  /**
   * Related coverage for the articles this batch created (not copies, not flagged versions): the earlier
   * article of the same dump the parser linked, or else the earliest archive article reporting the same
   * event, found through the related keys and confirmed by `judgeRelated`. Returns the links to write.
   */
  async relate(resolved: readonly ResolvedArticle[]): Promise<RelatedLinkRow[]> {
    const links: RelatedLinkRow[] = [];
    const needsArchiveCheck: ResolvedArticle[] = [];
    for (const entry of resolved) {
      if (entry.outcome !== 'created') continue;
      const inFile = entry.parsed.relatedTo !== null ? this.placement.get(entry.parsed.relatedTo) : undefined;
      if (inFile !== undefined && inFile !== entry.articleId) {
        links.push({ articleId: entry.articleId!, relatedId: inFile });
      } else if (entry.parsed.relatedKeys.length > 0) {
        needsArchiveCheck.push(entry);
      }
    }
    const candidates = await relatedCandidates(this.manager, needsArchiveCheck.map((entry) => entry.parsed.relatedKeys));
    const linked = new Set<number>();
    const features = new Map<number, ReturnType<typeof eventFeatures>>();
    for (const candidate of candidates) {
      const entry = needsArchiveCheck[candidate.position]!;
      // Only an earlier article, and never the article itself or the story it is a version of.
      if (linked.has(candidate.position) || candidate.articleId >= entry.articleId! || candidate.articleId === entry.duplicateOf) continue;
      if (!features.has(candidate.position)) features.set(candidate.position, eventFeatures(entry.parsed));
      if (!judgeRelated(features.get(candidate.position)!, eventFeatures(candidate)).related) continue;
      linked.add(candidate.position);
      links.push({ articleId: entry.articleId!, relatedId: candidate.articleId });
    }
    return links;
  }

  /**
   * Archive candidates: articles sharing a body band (with their signatures), and articles sharing a headline
   * key whose headline is close enough for the headline rule, whose signatures are then read.
   */
  private async nearDuplicateCandidates(entries: readonly ResolvedArticle[]): Promise<ArchiveCandidate[]> {
    const byBody = await bodyBandCandidates(this.manager, entries.map((entry) => entry.parsed.lshBands));
    const pairKey = (candidate: { position: number; articleId: number }) => candidate.position * 2 ** 32 + candidate.articleId;
    const seen = new Set(byBody.map(pairKey));
    const ranked = (await this.headlineCandidates.find(entries.map((entry) => entry.parsed.headlineKeys))).filter((candidate) => !seen.has(pairKey(candidate)));
    const read = await signedHeadlinesOf(this.manager, ranked.map((candidate) => candidate.articleId).filter((id) => !this.recentHeadlines.has(id)));
    for (const [id, headline] of read) this.recentHeadlines.remember(id, headlineWordKeys(headline));
    const byHeadline = ranked.filter(({ position, articleId }) => {
      const words = this.recentHeadlines.get(articleId);
      return words !== undefined && headlineWordKeysDice(entries[position]!.parsed.headlineWordKeys, words) >= HEADLINE_MATCH;
    });
    const compared = await comparableArticles(this.manager, byHeadline.map((candidate) => candidate.articleId));
    return [...byBody, ...byHeadline.flatMap(({ position, articleId }) => (compared.has(articleId) ? [{ position, ...compared.get(articleId)! }] : []))];
  }

  /**
   * Confirms archive candidates (sharing a body band or a headline key) with `judgeNearDuplicate`, skips
   * dismissed pairs and flags the best match.
   */
  private async flagNearDuplicatesInArchive(entries: readonly ResolvedArticle[]): Promise<void> {
    const candidates = await this.nearDuplicateCandidates(entries);
    const confirmed = candidates
      .map((candidate) => {
        const entry = entries[candidate.position]!;
        const similarity = estimateJaccard(entry.parsed.signature, deserialiseSignature(candidate.minhash));
        return { candidate, verdict: judgeNearDuplicate(similarity, entry.parsed.headline, candidate.headline) };
      })
      .filter(({ verdict }) => verdict.rule !== null);
    const dismissed = await dismissedAmong(this.manager, confirmed.map(({ candidate }) => [entries[candidate.position]!.parsed.contentHash, candidate.contentHash] as const));
    confirmed.forEach(({ candidate, verdict }, position) => {
      if (dismissed.has(position)) return;
      const entry = entries[candidate.position]!;
      const { similarity } = verdict;
      if (entry.similarity === undefined || similarity > entry.similarity || (similarity === entry.similarity && candidate.articleId < entry.duplicateOf!)) {
        entry.outcome = 'flagged';
        entry.duplicateOf = candidate.articleId;
        entry.similarity = similarity;
        entry.reason = `near duplicate of existing article ${candidate.articleId}${verdict.rule === 'headline-and-body' ? ' (nearly the same headline, edited body)' : ''}`;
      }
    });
  }
}

function keepApart(entry: ResolvedArticle): void {
  entry.outcome = 'created';
  entry.reason = `an editor declared it not a duplicate of article ${entry.duplicateOf}`;
  entry.duplicateOf = undefined;
  entry.similarity = undefined;
  entry.flaggedInFile = undefined;
}

function idInBatch(resolved: readonly ResolvedArticle[], index: number): number | undefined {
  return resolved.find((entry) => entry.parsed.index === index)?.articleId;
}
