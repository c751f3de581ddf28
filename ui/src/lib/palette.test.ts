import { describe, expect, it } from 'vitest';
import { paletteHit } from '../test/fixtures';
import { hitTarget, paletteCommands } from './palette';

describe('palette', () => {
  it('sends each kind of record to the area that opens it, and an unknown kind nowhere', () => {
    const action = paletteHit({ group: '1:1 notes', kind: 'action', ref_id: 'a1', person_id: 'p1', title: 'x' });
    expect(hitTarget(action)).toEqual({ area: 'one-on-ones', params: { personId: 'p1' } });
    expect(hitTarget(paletteHit({ kind: 'candidate', ref_id: 'c1', title: 'x' }))).toBeNull();
  });

  it('matches commands by a plain substring of their name, never reordering them', () => {
    const maya = paletteHit({ ref_id: 'p1', title: 'Maya Chen' });
    const ids = (q: string) => paletteCommands(q, [maya]).map((c) => c.id);
    expect(ids('')).toEqual([
      'go-today',
      'go-people',
      'go-one-on-ones',
      'go-skills',
      'go-ladders',
      'go-blueprint',
      'go-settings',
      'export-blueprint-pdf',
      'export-blueprint-markdown',
      'export-blueprint-json',
    ]);
    expect(ids('  CHEN ')).toEqual(['start-p1', 'export-p1']);
    expect(ids('export')).toEqual([
      'export-p1',
      'export-blueprint-pdf',
      'export-blueprint-markdown',
      'export-blueprint-json',
    ]);
    expect(ids('go to settings')).toEqual(['go-settings']);
    // A person found by their team, not their name: no commands made up for them.
    expect(ids('platform')).toEqual([]);
  });
});
