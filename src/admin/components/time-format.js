/**
 * One way to write a time in the panel, in the editor's own time zone (the browser's): "30 Nov 2026, 14:30",
 * or "14:30" where the day is obvious. src/common/desk-time.ts writes the server's notices the same way.
 */
const DATE_TIME = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const dayOf = (date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short' }).format(date);

export function formatDeskTime(value) {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat('en-GB', DATE_TIME).format(date);
}

/** "14:30" today, the full date and time on any other day. */
export function formatDeskTimeShort(value, now = new Date()) {
  const date = new Date(value);
  return dayOf(date) === dayOf(now) ? new Intl.DateTimeFormat('en-GB', TIME).format(date) : formatDeskTime(date);
}

/** "in 25 min", "in 2 h", "in 3 days"; a time already passed is "due now" (the scheduler runs every few seconds). */
export function timeUntil(value, now = new Date()) {
  const minutes = Math.round((new Date(value).getTime() - now.getTime()) / 60000);
  if (minutes <= 0) return 'due now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** The badge text for a scheduled article: "Scheduled for 14:30 (in 2 h)". */
export function scheduledLabel(value, now = new Date()) {
  return `Scheduled for ${formatDeskTimeShort(value, now)} (${timeUntil(value, now)})`;
}

export const editorTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
