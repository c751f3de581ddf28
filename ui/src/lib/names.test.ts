import { describe, expect, it } from 'vitest';
import { initials } from './names';

describe('initials', () => {
  it('takes the first letter of the first two words, upper-cased', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace brewster murray hopper')).toBe('GB');
    expect(initials('  Linus   Torvalds ')).toBe('LT');
    expect(initials('Cher')).toBe('C');
    expect(initials('')).toBe('');
  });
});
