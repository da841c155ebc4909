/**
 * Lines that only say when a story was filed or updated: "Monday, 3 March, 2025 - 10:45",
 * "Updated 12 March 2024", "Published: 2024-03-12T14:30Z", "الاثنين - 3 رمضان 1446 هـ - 03 مارس 2025 مـ".
 * Scraped pages print them around the headline; they are page metadata, not copy.
 */
const MAX_DATELINE_LENGTH = 100;

const STAMP_PREFIX = /^(?:(?:last\s+)?updated|first\s+published|published|posted|modified|تحديث|آخر تحديث|نشر)(?:\s+(?:on|at))?\s*[:\-–]?\s*/iu;

const DATE_WORDS = new Set(
  [
    // English weekdays and months, full and abbreviated
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    // Arabic weekdays, Gregorian and Hijri months, era marks
    'الأحد', 'الاحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الاربعاء', 'الخميس', 'الجمعة', 'السبت',
    'يناير', 'فبراير', 'مارس', 'أبريل', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'اغسطس', 'سبتمبر', 'أكتوبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
    'محرم', 'صفر', 'ربيع', 'الأول', 'الاول', 'الآخر', 'الثاني', 'جمادى', 'الأولى', 'الآخرة', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو', 'القعدة', 'الحجة',
    'هـ', 'مـ', 'م',
  ].map((word) => word.toLowerCase()),
);
// Glue that may sit between the date parts.
const FILLER_WORDS = new Set(['at', 'on', 'the', 'of', 'am', 'pm', 'gmt', 'utc', 'ast', 'edt', 'est', 'bst', 'cet', 'ksa', 'time', 'hours', 'hour', 'ago', 'min', 'mins', 'minutes', 'ksa']);
const TIME_OR_DATE_TOKEN = /^(?:\d{1,4}(?:st|nd|rd|th)?|\d{1,2}:\d{2}(?::\d{2})?|\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[+-]\d{2}:?\d{2})$/iu;

const ANY_DIGIT = /\d/u;
const DATELINE_TOKEN = /[\p{L}\p{M}]+|[\d:/.+\-tz]+/gu;

const FULL_DATE_TOKEN = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})/u;

/** True when the line is only a date, a time or an "Updated …" stamp. */
export function isDateline(text: string): boolean {
  // Every date or time token has a digit; most lines have none and skip the tokenising.
  if (text.length > MAX_DATELINE_LENGTH || !ANY_DIGIT.test(text)) return false;
  const stamp = STAMP_PREFIX.exec(text);
  const rest = stamp ? text.slice(stamp[0].length) : text;
  const lowered = rest.toLowerCase();
  let dateParts = 0;
  let digits = false;
  // Read token by token: most lines with a digit (captions, headlines) fail at their first word.
  DATELINE_TOKEN.lastIndex = 0;
  for (let match = DATELINE_TOKEN.exec(lowered); match !== null; match = DATELINE_TOKEN.exec(lowered)) {
    const token = match[0];
    if (TIME_OR_DATE_TOKEN.test(token)) {
      digits = true;
      dateParts += FULL_DATE_TOKEN.test(token) ? 2 : 1;
    } else if (DATE_WORDS.has(token)) {
      dateParts++;
    } else if (!FILLER_WORDS.has(token) && !/^[\-–:/.]+$/u.test(token)) {
      return false;
    }
  }
  return digits && (dateParts >= 2 || stamp !== null);
}
