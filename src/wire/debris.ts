const DEBRIS_PHRASES = new Set(
  [
    'read more', 'read also', 'advertisement', 'advertising', 'share', 'shares', 'print', 'email', 'tweet',
    'comments', 'font size', 'most read', 'related', 'listen', 'اقرأ أيضا', 'اقرأ أيضاً', 'اقرأ المزيد', 'إعلان', 'مشاركة',
    'facebook', 'twitter', 'whatsapp', 'telegram', 'linkedin', 'copy link', 'link copied', 'save', 'expand', 'close',
    'next', 'previous', 'show more', 'load more', 'subscribe', 'follow us', 'skip ad',
  ].map((phrase) => phrase.toLowerCase()),
);
// Counters and widgets: "20", "1.2K", "35 Shares", "4,210 views", "TT", "A+", a gallery's "3/8" or "Photo 3 of 8".
const COUNTER = /^\d[\d.,]*\s?[kmb]?(?:\s+(?:shares?|comments?|views?|likes?|reads?))?$/iu;
const GALLERY_COUNTER = /^(?:(?:photo|image|picture|صورة)\s+)?\d+\s*(?:\/|of|من)\s*\d+$/iu;
// A link to another story: "Read also: Iraq Hands Over Base", "اقرأ أيضاً: …".
const LINK_TO_ANOTHER_STORY = /^(?:read (?:more|also)|see also|related|more on this|اقرأ (?:أيضا|أيضاً|المزيد))\s*[:：]/iu;
const WIDGET_TOKEN = /^(?:[A-Z]{1,3}[+-]?|[+-]|[A-Za-z][+-])$/u;

/** Longer than any counter, widget or debris phrase: most lines are, and skip the patterns. */
const MAX_RULE_DEBRIS_LENGTH = 24;

export function isDebrisByRule(text: string): boolean {
  if (text.length > MAX_RULE_DEBRIS_LENGTH) return LINK_TO_ANOTHER_STORY.test(text);
  return COUNTER.test(text) || GALLERY_COUNTER.test(text) || WIDGET_TOKEN.test(text) || DEBRIS_PHRASES.has(text.toLowerCase()) || LINK_TO_ANOTHER_STORY.test(text);
}

/** Longest line the learner will consider: page furniture is short, captions are not. */
export const MAX_LEARNED_DEBRIS_LENGTH = 40;
/** Sightings in the furniture slot before a line counts as furniture anywhere in the dump. */
const MIN_SIGHTINGS = 2;
/** Caps memory on adversarial dumps; furniture repeats, so the first distinct lines are the useful ones. */
const MAX_TRACKED_LINES = 10_000;

/**
 * Learns the dump's own page furniture: short lines found between the photo block and the repeated
 * headline (where only furniture sits) in several articles are treated as debris wherever they recur.
 */
export class DebrisLearner {
  private readonly sightings = new Map<string, number>();

  recordStructuralDebris(text: string): void {
    if (text.length > MAX_LEARNED_DEBRIS_LENGTH || isDebrisByRule(text)) return;
    const count = this.sightings.get(text);
    if (count !== undefined) this.sightings.set(text, count + 1);
    else if (this.sightings.size < MAX_TRACKED_LINES) this.sightings.set(text, 1);
  }

  isDebris(text: string): boolean {
    return isDebrisByRule(text) || (this.sightings.get(text) ?? 0) >= MIN_SIGHTINGS;
  }
}
