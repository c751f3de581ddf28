import { invoke } from '@tauri-apps/api/core';
import { describe, expect, it } from 'vitest';
import { mockBackend, person, prep } from './fixtures';

describe('fixtures', () => {
  it('builds complete values with only the overrides changed', () => {
    expect(person({ name: 'Ada Lovelace' })).toMatchObject({ id: 'p1', name: 'Ada Lovelace', archived_at: null });
    expect(prep().person.name).toBe('Maya Chen');
    expect(prep().open_actions).toEqual([]);
  });

  it('routes commands by name, records every call, and refuses unknown ones', async () => {
    const backend = mockBackend({ echo: (args) => args.text });
    await expect(invoke('echo', { text: 'hi' })).resolves.toBe('hi');
    await expect(invoke('nope')).rejects.toThrow('unexpected command nope');
    await expect(invoke('toString')).rejects.toThrow('unexpected command toString');
    expect(backend.calls.map((c) => c.cmd)).toEqual(['echo', 'nope', 'toString']);
    expect(backend.argsOf('echo')).toEqual([{ text: 'hi' }]);
    expect(backend.lastArgs('echo')).toEqual({ text: 'hi' });
    expect(backend.called('nope')).toBe(true);
    expect(backend.called('other')).toBe(false);
  });
});
