import { createHash } from 'node:crypto';
import { articleContentHash, articleText, bandHashes, lshBandHashes, minhashSignature, serialiseSignature } from './dedup';
import { headlineKeys } from './near-duplicates';
import { eventFeatures, relatedKeys } from './related';

/**
 * Archives hold these keys (articles."contentHash", minhash, "lshBands", "relatedKeys"; article_headline_keys), and an
 * import finds earlier copies and coverage only if it computes them as they were stored: any change here,
 * even a faster way to the same text, must leave them bit for bit. Digests taken from the keys as stored before
 * the parse was optimised (issue 9). Changing a layout on purpose takes a migration that re-keys the archive, as
 * RekeyBodyBands did for the body bands.
 */
const STORIES = {
  ASCII: {
    headline: 'US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan',
    body: [
      'BAGHDAD - US troops handed over the Qayyarah air base to the Iraqi military on Thursday, officials said.',
      'About 500 soldiers are withdrawing, Brigadier General Vincent Barker told Ali Larijani and Mohammad Fadhel in Erbil on 12 March.',
    ],
  },
  'curly quotes and dashes': {
    headline: 'Iraq’s “Forces” Withdraw — Again, Says Larijani’s Office',
    body: [
      '“This visit is not a surprise,” the source said of Ali Larijani’s talks with Fuad Hussein in Baghdad on 12 March.',
      'The 2,500 troops — of whom 300 are Kurdish — left Qayyarah for Erbil, Vincent Barker said.',
    ],
  },
  Arabic: {
    headline: 'العراق يتسلم قاعدة القيارة الجوية من قوات التحالف',
    body: ['تسلمت القوات العراقية الخميس قاعدة القيارة الجوية من قوات التحالف الدولي.', 'وقال المتحدث إن 500 جندي غادروا القاعدة.'],
  },
  'decomposed, astral and special-cased': {
    headline: 'Cafe\u0301 Talks in İstanbul on ΟΔΥΣΣΕΥΣ and the \u{1d400}rmy',
    body: ['naïve ﬁnance STRASSE Å A\u030a \u212b ǅemal ٣٠٠ Ⅻ met the el-Ñino Group and al-Ṣadr in Baghdad.'],
  },
};

const STORED = {
  ASCII: '9fa24e12c0618d26b68ff5a40572125736a9723c871820c46d05f10a580ece45',
  'curly quotes and dashes': '76019f9642864a103b9caaab70ef622750f2b15cdb2061d47bb5e1d714d60bb8',
  Arabic: 'ecc06f5a10ce0ef3ed1b257b6e58fbd760ee8c007a31c6e9b39d8384805ecfd4',
  'decomposed, astral and special-cased': 'cc5d1b825d355356d47ed7ab0d3e4ed2cf5cf94ba9b1a454d2ac1973f01e5fc1',
};

/** Digests of the 16 × 6 body bands (`lshBandHashes`), taken when the archive was re-keyed to that layout. */
const STORED_BANDS: Record<keyof typeof STORIES, string> = {
  ASCII: '585f1e6f228c5b43911642abe7b06b969c5d137f3aea5b15aac26abb0715b711',
  'curly quotes and dashes': '3eaa66aca3a542489d4d63ab7fa3da654ed9f746b26b075dca437f169a7f7213',
  Arabic: 'f2eaed30d3304c96593fcc79fed203280a0b5e29d4d2f3584447e1376807d288',
  'decomposed, astral and special-cased': '95d2597a4db7e63b9fc78fe5375cf148b7fb49a94a73d8812ab5c214114aa1d1',
};

describe('keys stored in the archive', () => {
  it.each(Object.keys(STORIES) as Array<keyof typeof STORIES>)('are computed as they were stored (%s)', (name) => {
    const story = STORIES[name];
    const signature = minhashSignature(articleText(story));
    const keys = {
      contentHash: articleContentHash(story),
      signature: serialiseSignature(signature).toString('base64'),
      // The 32 × 8 layout stored until migration RekeyBodyBands, which still computes it to go back down.
      bands: Array.from(bandHashes(signature, 32, 8)),
      headlineKeys: Array.from(headlineKeys(story.headline)),
      relatedKeys: Array.from(relatedKeys(eventFeatures(story))),
    };
    expect(createHash('sha256').update(JSON.stringify(keys)).digest('hex')).toBe(STORED[name]);
  });

  it.each(Object.keys(STORIES) as Array<keyof typeof STORIES>)('give the body bands stored since migration RekeyBodyBands (%s)', (name) => {
    const bands = Array.from(lshBandHashes(minhashSignature(articleText(STORIES[name]))));
    expect(bands).toHaveLength(16);
    expect(createHash('sha256').update(JSON.stringify(bands)).digest('hex')).toBe(STORED_BANDS[name]);
  });
});
