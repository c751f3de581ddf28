import { describe, expect, it } from 'vitest';
import { formatAgo } from './dates';

describe('formatAgo', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const ago = (seconds: number) => formatAgo(new Date(now.getTime() - seconds * 1000).toISOString(), now);

  it('says how long ago in the largest unit reached', () => {
    expect(ago(10)).toBe('just now');
    expect(ago(-30)).toBe('just now');
    expect(ago(60)).toBe('1 minute ago');
    expect(ago(5 * 60)).toBe('5 minutes ago');
    expect(ago(59 * 60)).toBe('59 minutes ago');
    expect(ago(2 * 3600)).toBe('2 hours ago');
    expect(ago(26 * 3600)).toBe('yesterday');
    expect(ago(3 * 86400)).toBe('3 days ago');
    expect(ago(15 * 86400)).toBe('2 weeks ago');
    expect(formatAgo('not a date', now)).toBe('not a date');
  });
});
