import { parseWireDump } from '../parser';
import { buildDump } from './dump-builder';
import { DUPLICATE_LABELS, LABELLED_EVENTS, LabelledEvent, labelledPairs, LabelledStory } from './labelled-stories';

export interface PrecisionRecall {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

function tally(truePositives: number, falsePositives: number, falseNegatives: number): PrecisionRecall {
  const found = truePositives + falsePositives;
  const expected = truePositives + falseNegatives;
  return { truePositives, falsePositives, falseNegatives, precision: found === 0 ? 1 : truePositives / found, recall: expected === 0 ? 1 : truePositives / expected };
}

const asFixture = (story: LabelledStory) => ({ headline: story.headline, body: story.body });

/**
 * Near duplicates on the labelled pairs, through the parser (candidate lookup and verdict): each pair is a
 * two-article dump, and the second article should be flagged exactly when the pair is two versions of one story.
 */
export function evaluateNearDuplicates(): PrecisionRecall {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const pair of labelledPairs()) {
    const [, second] = parseWireDump(buildDump([asFixture(pair.first), asFixture(pair.second)]), { keepRemoved: false }).articles;
    const flagged = second!.duplicateOf === 0;
    const expected = DUPLICATE_LABELS.includes(pair.label);
    if (flagged && expected) truePositives++;
    else if (flagged) falsePositives++;
    else if (expected) falseNegatives++;
  }
  return tally(truePositives, falsePositives, falseNegatives);
}

type Kind = 'original' | 'update' | 'correction' | 'otherOutlet' | 'sameTopic';

/**
 * Related coverage on the labelled events, through the parser: one dump holds every story (originals,
 * then same-topic stories, other outlets' reports, updates and corrections). A link is right when it joins
 * reports of the same event that are not versions of each other; each other outlet's report should be linked.
 */
export function evaluateRelated(events: readonly LabelledEvent[] = LABELLED_EVENTS): PrecisionRecall {
  const order: Kind[] = ['original', 'sameTopic', 'otherOutlet', 'update', 'correction'];
  const stories = order.flatMap((kind) => events.map((event) => ({ event: event.name, kind, story: event[kind] })));
  const parsed = parseWireDump(buildDump(stories.map(({ story }) => asFixture(story))), { keepRemoved: false }).articles;
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  stories.forEach((story, index) => {
    const link = parsed[index]!.relatedTo;
    const target = link === null ? undefined : stories[link];
    const right = target !== undefined && target.event === story.event && story.kind !== 'sameTopic' && target.kind !== 'sameTopic';
    if (target !== undefined && right) truePositives++;
    else if (target !== undefined) falsePositives++;
    else if (story.kind === 'otherOutlet') falseNegatives++;
  });
  return tally(truePositives, falsePositives, falseNegatives);
}
