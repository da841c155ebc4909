/**
 * The language copy is written in, as a BCP 47 tag ("ar", "en", …), for ninjs `language`: by script first
 * (Arabic, Cyrillic, Greek, Hebrew, CJK, …), then, for Latin and Cyrillic text, by counting each candidate
 * language's commonest short words. Wire copy is one language per story, so the dominant one is the answer;
 * text too short or too mixed to tell gives `undefined` rather than a guess.
 */

/** Characters read: a story's language shows in its first paragraphs, and the API reads it per request. */
const SAMPLE_LENGTH = 1000;
/** Letters needed before a script can be trusted (a headline is enough; "AFP" is not). */
const MIN_LETTERS = 12;
/** Share of the letters the dominant script must have. */
const MIN_SCRIPT_SHARE = 0.6;
/** Stopword hits a Latin-script language needs, and by how much it must lead the runner-up. */
const MIN_STOPWORD_HITS = 2;
const MIN_LEAD = 1.5;

// One alternative per script, in this order, and a last one for letters of any other script; matched as runs,
// so the text is walked once (a test per character and script was ten times slower).
const SCRIPT_NAMES = ['Latin', 'Arabic', 'Cyrillic', 'Greek', 'Hebrew', 'Han', 'Kana', 'Hangul', 'Devanagari', 'Thai'] as const;
const SCRIPT_RUNS =
  /(\p{Script=Latin}+)|(\p{Script=Arabic}+)|(\p{Script=Cyrillic}+)|(\p{Script=Greek}+)|(\p{Script=Hebrew}+)|(\p{Script=Han}+)|([\p{Script=Hiragana}\p{Script=Katakana}]+)|(\p{Script=Hangul}+)|(\p{Script=Devanagari}+)|(\p{Script=Thai}+)|(\p{L}+)/gu;

// Scripts written by one language in news copy.
const SINGLE_LANGUAGE: Record<string, string> = { Greek: 'el', Hebrew: 'he', Hangul: 'ko', Thai: 'th', Devanagari: 'hi' };

// Letters of Persian and Urdu that Arabic does not use.
const PERSIAN_LETTERS = /[پچژگکی]/gu;
const URDU_LETTERS = /[ٹڈڑںےھ]/gu;
const ARABIC_ONLY_LETTERS = /[ةيكى]/gu;

const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: words('the of and to in is that for on with was as by at from his her it be are has have said were will an this which their not but'),
  fr: words('le la les des du de et un une est dans pour que qui sur au aux par pas il elle ont sont avec cette ce ses été'),
  es: words('el la los las de del y en que un una por con para es se su al lo como más pero sus fue ha han'),
  de: words('der die das und ist nicht mit den dem des ein eine auf für von zu im sich auch es hat wurde bei aus nach'),
  it: words('il lo la gli le di del della che e un una per con non sono nel alla è ha dei delle anche'),
  pt: words('o a os as de do da dos das e em um uma para com não que por no na se ao mais foi são'),
  nl: words('de het een en van in is dat op te zijn met voor niet aan er ook door bij werd'),
  tr: words('ve bir bu da de için ile olarak daha çok ama gibi olan en kadar sonra ise değil'),
  ru: words('и в не на что с по это как из но его к от для за же о все так было был она они'),
  uk: words('і в не на що з по це як із але його до від для за же та є було був вона вони'),
  bg: words('и в не на че с по това като от но за е се да са той тя те беше'),
};

// The Latin-script and Cyrillic-script candidates, so one script's words never count for the other.
const BY_SCRIPT: Record<string, string[]> = { Latin: ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'tr'], Cyrillic: ['ru', 'uk', 'bg'] };

export function detectLanguage(fullText: string): string | undefined {
  const text = fullText.slice(0, SAMPLE_LENGTH);
  const script = dominantScript(text);
  if (script === undefined) return undefined;
  if (script in SINGLE_LANGUAGE) return SINGLE_LANGUAGE[script];
  if (script === 'Arabic') return arabicScriptLanguage(text);
  if (script === 'Kana') return 'ja';
  // Han with no kana is Chinese; Japanese text always carries kana alongside its kanji.
  if (script === 'Han') return /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : 'zh';
  return byStopwords(text, BY_SCRIPT[script] ?? []);
}

function dominantScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const match of text.matchAll(SCRIPT_RUNS)) {
    // Non-letters of a script (Arabic-Indic digits, combining marks) count with it; they are rare enough.
    const length = match[0].length;
    letters += length;
    const group = match.findIndex((value, index) => index > 0 && value !== undefined);
    const script = SCRIPT_NAMES[group - 1];
    if (script !== undefined) counts.set(script, (counts.get(script) ?? 0) + length);
  }
  if (letters < MIN_LETTERS) return undefined;
  // Japanese mixes kanji and kana; count them together so neither falls short of the share.
  const kana = counts.get('Kana') ?? 0;
  if (kana > 0) counts.set('Kana', kana + (counts.get('Han') ?? 0));
  const [script, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return script !== undefined && count! / letters >= MIN_SCRIPT_SHARE ? script : undefined;
}

function arabicScriptLanguage(text: string): string {
  const persian = text.match(PERSIAN_LETTERS)?.length ?? 0;
  const urdu = text.match(URDU_LETTERS)?.length ?? 0;
  const arabic = text.match(ARABIC_ONLY_LETTERS)?.length ?? 0;
  // Urdu also writes the Persian letters, so its own letters decide first.
  if (urdu >= 2 && urdu > arabic) return 'ur';
  if (persian > arabic) return 'fa';
  return 'ar';
}

function byStopwords(text: string, candidates: string[]): string | undefined {
  const tokens = text.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
  const scores = candidates
    .map((language) => ({ language, hits: tokens.filter((token) => STOPWORDS[language].has(token)).length }))
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits < MIN_STOPWORD_HITS) return undefined;
  return !second || best.hits >= second.hits * MIN_LEAD ? best.language : undefined;
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}
