import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveSearch } from './liveSearch.svelte';

type Hit = { id: string; snippet: string };
const hit = (id: string): Hit => ({ id, snippet: id });

function key(k: string): KeyboardEvent {
  return new KeyboardEvent('keydown', { key: k, cancelable: true });
}

/** A fetch whose answers the test hands out one at a time. */
function controlledFetch() {
  const pending: { q: string; resolve: (hits: Hit[]) => void }[] = [];
  const fetch = vi.fn((q: string) => new Promise<Hit[]>((resolve) => pending.push({ q, resolve })));
  return { fetch, pending };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LiveSearch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps one request in flight and asks again when the question moved on', async () => {
    const { fetch, pending } = controlledFetch();
    const s = new LiveSearch<Hit>({ idPrefix: 'x', fetch, onopen: () => {} });
    s.query = 'te';
    s.refresh();
    s.query = 'terra';
    s.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    pending[0]!.resolve([hit('a')]);
    await flush();
    expect(fetch).toHaveBeenLastCalledWith('terra');
    pending[1]!.resolve([]);
    await flush();
    expect(s.hits).toEqual([]);
    expect(s.noMatches).toBe(true);
  });

  it('moves the active hit with Up/Down, opens it with Enter, clears with Esc', async () => {
    const opened: Hit[] = [];
    const s = new LiveSearch<Hit>({
      idPrefix: 'x',
      fetch: async () => [hit('a'), hit('b')],
      onopen: (h) => opened.push(h),
    });
    s.query = 'q';
    s.refresh();
    await flush();
    expect(s.listId).toBe('x-search-results');
    expect(s.activeDescendant).toBe('x-hit-0');
    s.keydown(key('ArrowUp'));
    expect(s.activeDescendant).toBe('x-hit-1');
    s.keydown(key('ArrowDown'));
    expect(s.active).toBe(0);
    s.keydown(key('Enter'));
    expect(opened).toEqual([hit('a')]);
    s.keydown(key('Escape'));
    expect(s.query).toBe('');
    expect(s.hits).toEqual([]);
    expect(s.searching).toBe(false);
  });

  it('asks again when the scope in the key changes', async () => {
    let scope = 'all';
    const { fetch, pending } = controlledFetch();
    const s = new LiveSearch<Hit>({ idPrefix: 'x', fetch, key: (q) => `${scope}:${q}`, onopen: () => {} });
    s.query = 'q';
    s.refresh();
    scope = 'one';
    pending[0]!.resolve([]);
    await flush();
    // The empty answer was for the old scope: no "no matches" yet, and a new request is out.
    expect(s.noMatches).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
