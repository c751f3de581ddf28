import { describe, expect, it } from 'vitest';
import { areas } from './areas';

// The sidebar order of the UI guide; an area that exists takes its place in it.
const guideOrder = [
  'today',
  'people',
  'one-on-ones',
  'skills',
  'ladders',
  'hiring',
  'case-studies',
  'on-call',
  'calibration',
  'blueprint',
  'settings',
];

describe('areas', () => {
  it('follows the UI guide’s order', () => {
    const positions = areas.map((a) => guideOrder.indexOf(a.id));
    expect(positions).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it('gives every area its own one-key shortcut (Ctrl/Cmd + the key)', () => {
    const keys = areas.map((a) => a.shortcut);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toHaveLength(1);
  });

  it('gives every area a label, an icon and a page', () => {
    for (const area of areas) {
      expect(area.label).toBeTruthy();
      expect(area.icon).toBeTruthy();
      expect(typeof area.page).toBe('function');
    }
  });
});
