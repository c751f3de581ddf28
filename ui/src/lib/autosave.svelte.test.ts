import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Autosave,
  autosaveFor,
  blockReason,
  closing,
  flushAll,
  flushBeforeClose,
  hasUnsaved,
  installSaveGuards,
  keepEditing,
  quitAnyway,
  quitApp,
  reserveDraftKeys,
  saveBeforeClose,
  STILL_SAVING,
} from './autosave.svelte';

type Notes = { text: string };

/** A save function whose calls stay pending until the test resolves or rejects them. */
function controlledSave() {
  const calls: { value: Notes; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(
    (value: Notes) =>
      new Promise<Notes>((resolve, reject) => {
        calls.push({ value, resolve: () => resolve(value), reject });
      }),
  );
  return { save, calls };
}

const instances: Autosave<Notes, Notes>[] = [];
function make(save: (v: Notes) => Promise<Notes>, options = {}) {
  const a = new Autosave<Notes, Notes>(save, options);
  instances.push(a);
  return a;
}

describe('Autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    // Leave the registry empty for the next test.
    for (const a of instances.splice(0)) void a.dispose();
    await vi.runAllTimersAsync();
    vi.useRealTimers();
  });

  it('coalesces keystrokes into one save of the newest state after 300 ms', async () => {
    const save = vi.fn(async (v: Notes) => v);
    const a = make(save);
    for (const text of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      a.change({ text });
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(save).not.toHaveBeenCalled();
    expect(a.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(299);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ text: 'Hello' });
    expect(a.status).toBe('saved');
  });

  it('saves within 1 s of the first change during continuous typing', async () => {
    const save = vi.fn(async (v: Notes) => v);
    const a = make(save);
    let text = '';
    // A keystroke every 100 ms never leaves a 300 ms pause.
    for (let t = 0; t < 1000; t += 100) {
      text += 'x';
      a.change({ text });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0].text.length).toBeGreaterThanOrEqual(9);
    // The clock restarts with the next unsaved change.
    for (let t = 0; t < 1000; t += 100) {
      text += 'y';
      a.change({ text });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('flush() saves at once and resolves after the save landed', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    a.change({ text: 'draft' });
    let done: boolean | undefined;
    const flushed = a.flush().then((ok) => (done = ok));
    expect(save).toHaveBeenCalledWith({ text: 'draft' });
    expect(a.status).toBe('saving');
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBeUndefined();
    calls[0]!.resolve();
    await flushed;
    expect(done).toBe(true);
    expect(a.status).toBe('saved');
    // Nothing pending: no second save from the debounce timer.
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('queues a save asked for during an in-flight one and sends the newest state after it', async () => {
    const { save, calls } = controlledSave();
    const a = make(save);
    a.change({ text: 'one' });
    void a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    a.change({ text: 'one two' });
    a.change({ text: 'one two three' });
    const second = a.flush();
    await vi.advanceTimersByTimeAsync(1000);
    // Still only one save in flight.
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.status).toBe('saving');
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]!.value).toEqual({ text: 'one two three' });
    calls[1]!.resolve();
    expect(await second).toBe(true);
    expect(a.status).toBe('saved');
  });

  it('reports a failed save once, keeps the changes and retries until it lands', async () => {
    let fail = true;
    const save = vi.fn(async (v: Notes) => {
      if (fail) throw { code: 'storage', message: 'database is locked' };
      return v;
    });
    const onerror = vi.fn();
    const onsaved = vi.fn();
    const a = make(save, { onerror, onsaved });
    a.change({ text: 'important' });
    expect(await a.flush()).toBe(false);
    expect(a.status).toBe('error');
    expect(a.error).toBe('database is locked');
    expect(a.unsaved).toBe(true);
    expect(onerror).toHaveBeenCalledWith('database is locked');

    // First retry after 1 s fails again: no second error report.
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(onerror).toHaveBeenCalledTimes(1);
    expect(a.status).toBe('error');

    // Typing meanwhile is kept; the next retry (2 s later) sends the newest state.
    a.change({ text: 'important, and more' });
    fail = false;
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenLastCalledWith({ text: 'important, and more' });
    expect(a.status).toBe('saved');
    expect(a.error).toBeNull();
    expect(onsaved).toHaveBeenLastCalledWith({ text: 'important, and more' });
  });

  it('keeps one instance per record until it is saved, and flushAll saves every record', async () => {
    const { save, calls } = controlledSave();
    const first = autosaveFor<Notes, Notes>('meeting:m1', save);
    first.change({ text: 'typed before leaving' });
    void first.dispose();
    // Reopened while the save is still in flight: the same instance, with what was typed.
    const again = autosaveFor<Notes, Notes>('meeting:m1', save);
    expect(again).toBe(first);
    expect(again.latest).toEqual({ text: 'typed before leaving' });
    again.change({ text: 'typed before leaving, then more' });
    expect(hasUnsaved()).toBe(true);
    const all = flushAll();
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    calls[1]!.resolve();
    expect(await all).toBe(true);
    expect(calls.map((c) => c.value.text)).toEqual(['typed before leaving', 'typed before leaving, then more']);
    void again.dispose();
    expect(hasUnsaved()).toBe(false);
    // Saved and disposed: a new editor gets a fresh instance.
    expect(autosaveFor<Notes, Notes>('meeting:m1', save)).not.toBe(first);
    instances.push(autosaveFor<Notes, Notes>('meeting:m1', save));
  });

  it('does not hold the window open for more than 2 s when saving keeps failing', async () => {
    let failing = true;
    const save = vi.fn(async (v: Notes) => {
      if (failing) throw { code: 'storage', message: 'disk full' };
      return v;
    });
    const a = make(save);
    a.change({ text: 'x' });
    let closed = false;
    void flushBeforeClose().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(1500);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(501);
    expect(closed).toBe(true);
    // It kept trying while it waited.
    expect(save.mock.calls.length).toBeGreaterThan(2);
    failing = false;
  });
});

describe('installSaveGuards', () => {
  afterEach(() => clearMocks());

  it('saves pending notes when the window closes, then destroys it', async () => {
    mockWindows('main');
    const order: string[] = [];
    mockIPC(
      (cmd) => {
        order.push(cmd);
        return null;
      },
      { shouldMockEvents: true },
    );
    let release!: () => void;
    const a = new Autosave<Notes, void>(
      () =>
        new Promise<void>((resolve) => {
          order.push('save');
          release = resolve;
        }),
    );
    const uninstall = installSaveGuards();
    await new Promise((r) => setTimeout(r, 0));
    a.change({ text: 'last words' });
    await emit('tauri://close-requested');
    await vi.waitFor(() => expect(order).toContain('save'));
    expect(order).not.toContain('plugin:window|destroy');
    release();
    await vi.waitFor(() => expect(order).toContain('plugin:window|destroy'));
    expect(order.indexOf('save')).toBeLessThan(order.indexOf('plugin:window|destroy'));
    uninstall();
    await a.dispose();
  });

  it('quitting saves pending notes first, then closes the window', async () => {
    mockWindows('main');
    const order: string[] = [];
    mockIPC((cmd) => {
      order.push(cmd);
      return null;
    });
    const a = new Autosave<Notes, void>(async () => {
      order.push('save');
    });
    a.change({ text: 'typed a moment ago' });
    await quitApp();
    expect(order).toEqual(['save', 'plugin:window|destroy']);
    await a.dispose();
  });

  it('saves when the window is hidden', async () => {
    const save = vi.fn(async (v: Notes) => v);
    const a = new Autosave<Notes, Notes>(save);
    const uninstall = installSaveGuards();
    a.change({ text: 'switching apps' });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(save).toHaveBeenCalledWith({ text: 'switching apps' });
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    uninstall();
    await a.dispose();
  });
});

/** A fake drafts folder behind mockIPC: what drafts_keep / drafts_discard did, in order. */
function draftsBackend(options: { failKeep?: string } = {}) {
  const files = new Map<string, { content: string; reason: string; label: string }>();
  const log: string[] = [];
  mockWindows('main');
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      log.push(cmd);
      if (cmd === 'drafts_keep') {
        if (options.failKeep) throw { code: 'storage', message: options.failKeep };
        const d = args.draft as { key: string; content: string; reason: string; label: string };
        files.set(d.key, { content: d.content, reason: d.reason, label: d.label });
      } else if (cmd === 'drafts_discard') {
        files.delete(args.key as string);
      }
      return null;
    },
    { shouldMockEvents: true },
  );
  return { files, log, text: (key: string) => (JSON.parse(files.get(key)!.content) as Notes).text };
}

/** Run after each drafts test: every save succeeds from then on, so the registry empties. */
const heal: (() => void)[] = [];

/** A save that fails with `message` while `failing.on`. */
function flakySave(message = 'database is locked') {
  const failing = { on: true };
  heal.push(() => (failing.on = false));
  const save = vi.fn(async (v: Notes) => {
    if (failing.on) throw { code: 'storage', message };
    return v;
  });
  return { save, failing };
}

/** Like controlledSave, but healed after the test: pending and later saves resolve. */
function heldSave() {
  const held = controlledSave();
  let healed = false;
  heal.push(() => {
    healed = true;
    for (const c of held.calls) c.resolve();
  });
  const save = (value: Notes) => {
    const p = held.save(value);
    if (healed) held.calls.at(-1)!.resolve();
    return p;
  };
  return { save, calls: held.calls };
}

const draft = { label: () => '1:1 with Ada, 4 Dec' };

/** Lets due timers fire and IPC round trips (a few promise hops each) finish: 10 ms. */
async function settle() {
  for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(1);
}

describe('Autosave drafts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(async () => {
    for (const h of heal.splice(0)) h();
    keepEditing();
    for (const a of instances.splice(0)) void a.dispose();
    await vi.runAllTimersAsync();
    expect(hasUnsaved()).toBe(false);
    vi.useRealTimers();
    clearMocks();
  });

  function keyed(key: string, save: (v: Notes) => Promise<Notes>, options = {}) {
    const a = autosaveFor<Notes, Notes>(key, save, { draft, ...options });
    instances.push(a);
    return a;
  }

  it('keeps a draft at the first failure, the newest state at most once a second while it fails, and drops it once saved', async () => {
    const drafts = draftsBackend();
    const { save, failing } = flakySave();
    const a = keyed('meeting:m1', save);
    a.change({ text: 'Zephyr' });
    await vi.advanceTimersByTimeAsync(300);
    expect(a.status).toBe('error');
    await settle();
    expect(drafts.files.get('meeting:m1')).toEqual({
      content: JSON.stringify({ text: 'Zephyr' }),
      reason: 'database is locked',
      label: '1:1 with Ada, 4 Dec',
    });

    // Typing on while it fails: one draft write a second, with the newest state, not one per key.
    drafts.log.length = 0;
    for (const text of ['Zephyr r', 'Zephyr ro', 'Zephyr rol', 'Zephyr roll', 'Zephyr rollout']) {
      a.change({ text });
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(600);
    expect(drafts.log.filter((c) => c === 'drafts_keep')).toHaveLength(1);
    expect(drafts.text('meeting:m1')).toBe('Zephyr rollout');

    // The next retry lands that state: the draft goes.
    failing.on = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(a.status).toBe('saved');
    expect(save).toHaveBeenLastCalledWith({ text: 'Zephyr rollout' });
    expect(drafts.files.size).toBe(0);
  });

  it('keeps the draft while only an older state than it is saved', async () => {
    const drafts = draftsBackend();
    const { save, calls } = heldSave();
    const a = keyed('meeting:m2', save);
    a.change({ text: 'one' });
    void a.flush();
    calls[0]!.reject({ code: 'storage', message: 'disk full' });
    await vi.advanceTimersByTimeAsync(0);
    // The newest state is drafted, then an older save (in flight) lands: the draft stays.
    a.change({ text: 'one two' });
    await a.keepDraft('disk full');
    await vi.advanceTimersByTimeAsync(1000); // the retry starts with 'one two'
    a.change({ text: 'one two three' });
    await a.keepDraft('disk full');
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.text('meeting:m2')).toBe('one two three');
    // Then the newest state lands: gone.
    await vi.advanceTimersByTimeAsync(300);
    calls[2]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.files.has('meeting:m2')).toBe(false);
  });

  it('never overwrites a draft an earlier run left for the same record', async () => {
    const drafts = draftsBackend();
    reserveDraftKeys(['meeting:m3']);
    const { save } = flakySave();
    const a = keyed('meeting:m3', save);
    a.change({ text: 'typed today' });
    await vi.advanceTimersByTimeAsync(400);
    const keys = [...drafts.files.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^meeting:m3:[0-9a-z]+$/);
  });

  it('closing while saves fail keeps the window open, drafts everything and says why; Quit anyway closes it', async () => {
    const drafts = draftsBackend();
    const { save } = flakySave('database is locked');
    const a = keyed('meeting:m4', save);
    a.change({ text: 'last words' });
    let closes: boolean | undefined;
    void saveBeforeClose().then((ok) => (closes = ok));
    await vi.advanceTimersByTimeAsync(2100);
    expect(closes).toBe(false);
    expect(drafts.log).not.toContain('plugin:window|destroy');
    expect(closing.block?.items).toEqual([a]);
    expect(blockReason(closing.block!)).toBe('database is locked');
    expect(drafts.text('meeting:m4')).toBe('last words');

    const quit = quitAnyway();
    await vi.advanceTimersByTimeAsync(0);
    await quit;
    expect(closing.block).toBeNull();
    expect(drafts.log.at(-1)).toBe('plugin:window|destroy');
  });

  it('says a save is still running when the wait ends before any error', async () => {
    draftsBackend();
    const { save } = heldSave();
    const a = keyed('meeting:m5', save);
    a.change({ text: 'slow' });
    const closes = saveBeforeClose();
    await vi.advanceTimersByTimeAsync(2100);
    expect(await closes).toBe(false);
    expect(blockReason(closing.block!)).toBe(STILL_SAVING);
    keepEditing();
    expect(closing.block).toBeNull();
  });

  it('Ctrl+Q while saves fail: the window stays; once the saves land it closes as asked', async () => {
    const drafts = draftsBackend();
    const { save, failing } = flakySave();
    const a = keyed('meeting:m6', save);
    a.change({ text: 'quitting' });
    const quit = quitApp();
    await vi.advanceTimersByTimeAsync(2100);
    await quit;
    expect(closing.block).not.toBeNull();
    expect(drafts.log).not.toContain('plugin:window|destroy');
    failing.on = false;
    await vi.advanceTimersByTimeAsync(16000);
    expect(a.status).toBe('saved');
    expect(closing.block).toBeNull();
    expect(drafts.log).toContain('plugin:window|destroy');
    expect(drafts.files.size).toBe(0);
  });

  it('says so when the text cannot be kept as a draft either', async () => {
    draftsBackend({ failKeep: 'No space left on device' });
    const { save } = flakySave('disk I/O error');
    const a = keyed('meeting:m7', save);
    a.change({ text: 'at risk' });
    const closes = saveBeforeClose();
    await vi.advanceTimersByTimeAsync(2100);
    expect(await closes).toBe(false);
    expect(a.draftError).toBe('No space left on device');
    keepEditing();
  });

  it('closes at once when everything saves in time, without drafts', async () => {
    const drafts = draftsBackend();
    const a = keyed('meeting:m8', async (v: Notes) => v);
    a.change({ text: 'fine' });
    const closes = saveBeforeClose();
    await vi.advanceTimersByTimeAsync(0);
    expect(await closes).toBe(true);
    expect(drafts.log).not.toContain('drafts_keep');
  });
});
