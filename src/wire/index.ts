export { parseByline } from './byline';
export { knownAgency, parseCaption, parseCredit, splitCaptionCredit } from './credit';
export {
  DEFAULT_DEDUP_WINDOW,
  InFileDeduplicator,
  LSH_BANDS,
  LSH_ROWS,
  MINHASH_SIZE,
  NEAR_DUPLICATE_THRESHOLD,
  SHINGLE_WORDS,
  articleContentHash,
  articleText,
  deserialiseSignature,
  estimateJaccard,
  bandHashes,
  lshBandHashes,
  lshBandKeys,
  minhashSignature,
  normaliseForComparison,
  photoFingerprint,
  serialiseSignature,
  shingles,
  type DuplicateMatch,
} from './dedup';
export { WireInputError, type WireInputErrorCode } from './errors';
export { detectLanguage } from './language';
export {
  BODY_WITH_HEADLINE,
  DEFAULT_NEAR_THRESHOLDS,
  HEADLINE_MATCH,
  headlineKeys,
  headlineLookup,
  headlineWordKeys,
  headlineWordKeysDice,
  headlineSimilarity,
  headlineWords,
  headlineWordsDice,
  judgeNearDuplicate,
  type NearDuplicateThresholds,
  type NearDuplicateVerdict,
} from './near-duplicates';
export { eventFeatures, InFileRelatedFinder, judgeRelated, relatedKeys, type EventFeatures, type RelatedVerdict } from './related';
export { normaliseLine } from './lines';
export { authorKey, displayName } from './names';
export { WireDumpParser, parseWireDump, toParseJson, type WireParseOptions } from './parser';
export { describeScore, scoreParse, type LabelledArticle, type LabelledDump, type ParseScore, type ScoredParse } from './scoring';
export type {
  AnomalyCode,
  DuplicateKind,
  ParseAnomaly,
  ParsedArticle,
  RemovedLine,
  RemovedReason,
  WireParseJson,
  WireParseResult,
  WirePhoto,
} from './types';
