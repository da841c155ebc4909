/**
 * Times in the panel's notices, written as the panel writes them (src/admin/components/time-format.js):
 * "30 Nov 2026, 14:30 (Europe/London)", in the editor's time zone as their browser reports it.
 */
const OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** An IANA zone the runtime knows, or UTC: a made-up zone from a form must not break the notice. */
export function knownTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone === '') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatDeskTime(date: Date, timeZone: unknown): string {
  const zone = knownTimeZone(timeZone);
  return `${new Intl.DateTimeFormat('en-GB', { ...OPTIONS, timeZone: zone }).format(date)} (${zone})`;
}
