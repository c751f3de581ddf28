// Dates arrive from Rust as `YYYY-MM-DD` (calendar days, no time zone). Parse them as local days
// so a date never shifts by one, and format with the user's locale.

/** A `YYYY-MM-DD` day as a local Date at midnight. */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1);
}

/** "Mon 24 Nov" (with the year when it is not this year). */
export function formatDay(day: string, options: { weekday?: boolean } = {}): string {
  const date = parseDay(day);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat(undefined, {
    weekday: options.weekday === false ? undefined : 'short',
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  }).format(date);
}

/** "Wednesday, 26 November 2025". */
export function formatDayLong(day: string | Date): string {
  const date = typeof day === 'string' ? parseDay(day) : day;
  const parts = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
  return new Intl.DateTimeFormat(undefined, parts).format(date);
}

/** "today", "yesterday", "12 days ago" for a count of days. */
export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** Today as `YYYY-MM-DD` in local time (the form date inputs and Rust use). */
export function todayDay(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** An instant (RFC 3339) relative to `now`: "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatAgo(instant: string, now: Date = new Date()): string {
  const seconds = (now.getTime() - new Date(instant).getTime()) / 1000;
  if (!Number.isFinite(seconds)) return instant;
  if (seconds < 45) return 'just now';
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [7 * 86400, 'week'],
    [30 * 86400, 'month'],
    [365 * 86400, 'year'],
  ];
  // The largest unit the age reaches: under an hour in minutes, under a day in hours, and so on.
  const unit = [...steps].reverse().find(([size]) => seconds >= size) ?? steps[0]!;
  return relative.format(-Math.round(seconds / unit[0]), unit[1]);
}

/** An instant in local time, in full: "Thursday, 4 December 2026 at 10:02:15". */
export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(instant));
}

/** An instant in local time, short: "Thu 4 Dec, 10:02" (with the year when not this year). */
export function formatInstantShort(instant: string): string {
  const date = new Date(instant);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
