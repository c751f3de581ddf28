// Autosave for prose the user must never lose (1:1 notes first). One Autosave per record:
//
// - change(value) records the newest state and schedules a save of it: 300 ms after the last
//   change (debounce), but never later than 1 s after the first unsaved change (max wait), so
//   continuous typing still reaches the disk every second.
// - flush() saves now (blur, switching record, leaving the area, the window hiding or closing)
//   and resolves once the save has landed or failed.
// - Only one save is in flight per record; changes made meanwhile are saved right after it,
//   always with the newest state (the backend takes the whole state; saving is idempotent).
// - A failed save keeps the changes, reports `error` (the caller shows a toast once per streak)
//   and retries with a growing pause until it succeeds.
// - The editor owns what the user typed: the save result never flows back into the fields.
//
// Every live instance sits in a registry, so `flushAll()` can save everything before the window
// closes; an instance leaves it once disposed and fully saved (a failing one keeps retrying in
// the background after its editor is gone).
import { destroyWindow, onWindowCloseRequested, toAppError } from './ipc';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type AutosaveOptions<R> = {
  debounceMs?: number;
  maxWaitMs?: number;
  /** Pause before retry number `attempt` (1, 2, …) after a failure. */
  retryDelayMs?: (attempt: number) => number;
  /** Called with the message on the first failure of a streak (not on every retry). */
  onerror?: (message: string) => void;
  /** Called with what the backend returned after each successful save. */
  onsaved?: (result: R) => void;
};

export const DEBOUNCE_MS = 300;
export const MAX_WAIT_MS = 1000;
/** How long closing the window may wait for unsaved notes before it closes anyway. */
export const CLOSE_WAIT_MS = 2000;

const defaultRetry = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 15000);

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry for flushing, never rendered
const live = new Map<string, Autosave<unknown, unknown>>();
let anonymous = 0;

export class Autosave<T, R = unknown> {
  /** saved: nothing to do · pending: waiting to save · saving: in flight · error: retrying. */
  status: SaveStatus = $state('saved');
  /** The message of the last failure while `status` is 'error'. */
  error: string | null = $state(null);
  /** The newest value handed to change(), saved or not: reopen an editor from this. */
  latest: T | null = null;

  readonly key: string;
  #save: (value: T) => Promise<R>;
  #options: AutosaveOptions<R>;
  #dirty = false;
  #firstChangeAt: number | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The running save and any follow-up saves chained to it; never rejects. */
  #inFlight: Promise<void> | null = null;
  /** A save was asked for while one was in flight: start it the moment that one lands. */
  #requested = false;
  #failures = 0;
  #disposed = false;

  constructor(save: (value: T) => Promise<R>, options: AutosaveOptions<R> = {}, key?: string) {
    this.#save = save;
    this.#options = options;
    this.key = key ?? `autosave-${++anonymous}`;
    live.set(this.key, this as Autosave<unknown, unknown>);
  }

  /** True while something typed is not on disk yet. */
  get unsaved(): boolean {
    return this.#dirty || this.#inFlight !== null;
  }

  /** Points an existing instance at a new editor (same record, new callbacks). */
  configure(save: (value: T) => Promise<R>, options: AutosaveOptions<R>) {
    this.#save = save;
    this.#options = options;
    this.#disposed = false;
  }

  /** Records the newest state and schedules its save. */
  change(value: T) {
    this.latest = value;
    this.#dirty = true;
    this.#firstChangeAt ??= Date.now();
    if (this.status !== 'error') this.status = this.#inFlight ? 'saving' : 'pending';
    this.#schedule();
  }

  /** Saves any unsaved state now. Resolves true once everything is saved, false if it failed. */
  async flush(): Promise<boolean> {
    this.#clearTimers();
    if (this.#inFlight) {
      this.#requested = true;
      await this.#inFlight;
    } else if (this.#dirty) {
      await this.#run();
    }
    return !this.unsaved;
  }

  /** The editor is gone: save what is left, then leave the registry once saved. */
  dispose(): Promise<boolean> {
    this.#disposed = true;
    const done = this.flush();
    this.#release();
    return done;
  }

  #schedule() {
    if (this.#timer) clearTimeout(this.#timer);
    const debounce = this.#options.debounceMs ?? DEBOUNCE_MS;
    const maxWait = this.#options.maxWaitMs ?? MAX_WAIT_MS;
    const untilMax = (this.#firstChangeAt ?? Date.now()) + maxWait - Date.now();
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        void this.#run();
      },
      Math.max(0, Math.min(debounce, untilMax)),
    );
  }

  #clearTimers() {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#timer = null;
    this.#retryTimer = null;
  }

  #run(): Promise<void> {
    if (this.#inFlight) {
      this.#requested = true;
      return this.#inFlight;
    }
    this.#clearTimers();
    if (!this.#dirty) return Promise.resolve();
    const value = this.latest as T;
    this.#dirty = false;
    this.#firstChangeAt = null;
    this.#requested = false;
    if (this.status !== 'error') this.status = 'saving';
    this.#inFlight = this.#save(value).then(
      (result) => {
        this.#inFlight = null;
        this.#failures = 0;
        this.error = null;
        this.#options.onsaved?.(result);
        if (this.#dirty) {
          // Typed during the save: go again now if asked to, else let the pending timer do it.
          if (this.#requested || !this.#timer) return this.#run();
          this.status = 'pending';
          return;
        }
        this.status = 'saved';
        this.#release();
      },
      (e: unknown) => {
        this.#inFlight = null;
        // Keep the changes; a newer change() may already have replaced `latest`.
        this.#dirty = true;
        this.#firstChangeAt ??= Date.now();
        this.#requested = false;
        this.#failures++;
        this.error = toAppError(e).message;
        this.status = 'error';
        if (this.#failures === 1) this.#options.onerror?.(this.error);
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = null;
        const delay = (this.#options.retryDelayMs ?? defaultRetry)(this.#failures);
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = null;
          void this.#run();
        }, delay);
      },
    );
    return this.#inFlight;
  }

  #release() {
    if (this.#disposed && !this.unsaved && live.get(this.key) === this) live.delete(this.key);
  }
}

/**
 * The one Autosave for a record (e.g. `meeting:<id>`): reuses the live instance if an editor for
 * the same record is still saving or retrying, so there is never more than one save in flight
 * per record and a reopened editor can start from `latest`.
 */
export function autosaveFor<T, R>(key: string, save: (value: T) => Promise<R>, options: AutosaveOptions<R> = {}) {
  const existing = live.get(key) as Autosave<T, R> | undefined;
  if (existing) {
    existing.configure(save, options);
    return existing;
  }
  return new Autosave<T, R>(save, options, key);
}

/** True while any record has changes that are not on disk. */
export function hasUnsaved(): boolean {
  return [...live.values()].some((a) => a.unsaved);
}

/** Saves everything now. Resolves true when all of it is saved, false if any save failed. */
export async function flushAll(): Promise<boolean> {
  const results = await Promise.all([...live.values()].map((a) => a.flush()));
  return results.every(Boolean);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Saves everything now, waiting at most `limitMs` (before reading data that notes feed into). */
export async function flushAllWithin(limitMs = 1500): Promise<boolean> {
  return Promise.race([flushAll(), sleep(limitMs).then(() => false)]);
}

/** Before the window closes: keep trying to save everything, but for at most `limitMs`. */
export async function flushBeforeClose(limitMs = CLOSE_WAIT_MS): Promise<void> {
  const deadline = Date.now() + limitMs;
  const attempt = async () => {
    while (!(await flushAll()) && Date.now() + 200 < deadline) await sleep(200);
  };
  await Promise.race([attempt(), sleep(limitMs)]);
}

/** Quit (Ctrl/Cmd+Q): save everything as closing the window does, then close it. */
export async function quitApp(): Promise<void> {
  await flushBeforeClose();
  await destroyWindow();
}

let installed: (() => void) | null = null;

/**
 * Saves everything when the window hides (minimised, another app, screen lock), when the page
 * goes away, and before the window closes: one close handler for the whole app. Call once.
 */
export function installSaveGuards(): () => void {
  if (installed) return installed;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void flushAll();
  };
  const onPageHide = () => void flushAll();
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  let unlisten: (() => void) | null = null;
  let removed = false;
  onWindowCloseRequested(() => flushBeforeClose())
    .then((u) => (removed ? u() : (unlisten = u)))
    .catch(() => {
      // Not inside Tauri (unit tests, a browser preview): nothing to hook.
    });
  installed = () => {
    removed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onPageHide);
    try {
      unlisten?.();
    } catch {
      // The window is already gone.
    }
    installed = null;
  };
  return installed;
}
