import { formatDeskTime, knownTimeZone } from './desk-time';

describe('desk time', () => {
  const at = new Date('2026-11-30T14:30:00Z');

  it('writes a time in the editor’s zone, naming the zone', () => {
    expect(formatDeskTime(at, 'Asia/Dubai')).toBe('30 Nov 2026, 18:30 (Asia/Dubai)');
    expect(formatDeskTime(at, 'UTC')).toBe('30 Nov 2026, 14:30 (UTC)');
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(knownTimeZone('Mars/Olympus')).toBe('UTC');
    expect(knownTimeZone(undefined)).toBe('UTC');
    expect(formatDeskTime(at, '<script>')).toBe('30 Nov 2026, 14:30 (UTC)');
  });
});
