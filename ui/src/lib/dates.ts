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
