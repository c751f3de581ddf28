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
// - Drafts (with the `draft` option): while saves fail, the unsaved state is also written as a
//   draft file in the data folder (api.drafts, no database involved): at the first failure of a
//   streak, then the newest state at most once a second while typing or retrying goes on, so a
//   crash or a kill mid-streak keeps it too. Once a state at least as new is saved, the draft
//   is discarded. The next start offers drafts back (lib/drafts.svelte.ts).
// - The editor owns what the user typed: the save result never flows back into the fields.
//
// Every live instance sits in a registry, so `flushAll()` can save everything before the window
// closes; an instance leaves it once disposed and fully saved (a failing one keeps retrying in
// the background after its editor is gone).
//
// Closing the window or quitting (Ctrl/Cmd+Q) waits up to 2 s for the saves. If they cannot
// land, the window stays open: every unsaved state is written as a draft and `closing.block`
// says why, for the page's "Quit anyway" / "Keep editing" dialog. Should the saves land while
// it shows, the window closes as asked.
import { api, destroyWindow, onWindowCloseRequested, toAppError } from './ipc';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type AutosaveOptions<R, T = unknown> = {
  debounceMs?: number;
  maxWaitMs?: number;
  /** Pause before retry number `attempt` (1, 2, …) after a failure. */
  retryDelayMs?: (attempt: number) => number;
  /** Called with the message on the first failure of a streak (not on every retry). */
  onerror?: (message: string) => void;
  /** Called with what the backend returned after each successful save. */
  onsaved?: (result: R) => void;
  /** Keep unsaved state as a draft file while saving fails (see the header). */
  draft?: DraftOptions<T>;
};

export type DraftOptions<T> = {
  /** What the user will recognise: "1:1 with Ada, 4 Dec". */
  label: () => string;
  /** What to keep, as JSON (default: the value itself). */
  content?: (value: T) => unknown;
};

export const DEBOUNCE_MS = 300;
export const MAX_WAIT_MS = 1000;
/** How long closing the window may wait for unsaved notes before it says why it cannot close. */
export const CLOSE_WAIT_MS = 2000;
/** While saves fail, the newest state goes to its draft at most this often. */
export const DRAFT_THROTTLE_MS = 1000;
/** How long closing waits for the drafts to be written before it shows the dialog anyway. */
export const DRAFT_WAIT_MS = 1500;
/** The reason given while a save is still running when the close wait ends (no error yet). */
export const STILL_SAVING =
  'The database has not answered for 2 seconds. It may be busy with another program, such as an import.';

const defaultRetry = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 15000);

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry for flushing, never rendered
const live = new Map<string, Autosave<unknown, unknown>>();
let anonymous = 0;
/** Keys whose drafts from an earlier run are still waiting to be restored or discarded. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup, never rendered
const reserved = new Set<string>();
/** Tells this run's drafts apart from an earlier run's under the same key. */
const RUN = Date.now().toString(36);

/**
 * Drafts kept by an earlier run under these keys are waiting for the user: a new draft for the
 * same record goes under a key of its own (`<key>:<run>`) instead of overwriting them.
 */
export function reserveDraftKeys(keys: Iterable<string>) {
  for (const key of keys) reserved.add(key);
}

export class Autosave<T, R = unknown> {
  /** saved: nothing to do · pending: waiting to save · saving: in flight · error: retrying. */
  status: SaveStatus = $state('saved');
  /** The message of the last failure while `status` is 'error'. */
  error: string | null = $state(null);
  /** The newest value handed to change(), saved or not: reopen an editor from this. */
  latest: T | null = null;

  /** Why the newest state could not be kept as a draft either, if it could not. */
  draftError: string | null = $state(null);

  readonly key: string;
  #save: (value: T) => Promise<R>;
  #options: AutosaveOptions<R, T>;
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
  /** Counts change() calls: which state a save or a draft holds. */
  #version = 0;
  /** The state the newest draft write holds (queued or on disk), or null if none is. */
  #draftVersion: number | null = null;
  #draftKey: string | null = null;
  /** Draft writes and discards, one after another, so a discard never overtakes a write. */
  #draftChain: Promise<unknown> = Promise.resolve();
  /** The newest draft write: resolves true once on disk. */
  #draftWrite: Promise<boolean> | null = null;
  #draftTimer: ReturnType<typeof setTimeout> | null = null;
  #lastDraftAt = -Infinity;

  constructor(save: (value: T) => Promise<R>, options: AutosaveOptions<R, T> = {}, key?: string) {
    this.#save = save;
    this.#options = options;
    this.key = key ?? `autosave-${++anonymous}`;
    live.set(this.key, this as Autosave<unknown, unknown>);
  }

  /** True while something typed is not on disk yet. */
  get unsaved(): boolean {
    return this.#dirty || this.#inFlight !== null;
  }

  /** What the user would call this record (the draft label), else its key. */
  get label(): string {
    return this.#options.draft?.label() ?? this.key;
  }

  /** Whether unsaved state can be kept as a draft (the editor gave the `draft` option). */
  get keepsDrafts(): boolean {
    return !!this.#options.draft;
  }

  /** Points an existing instance at a new editor (same record, new callbacks). */
  configure(save: (value: T) => Promise<R>, options: AutosaveOptions<R, T>) {
    this.#save = save;
    this.#options = options;
    this.#disposed = false;
  }

  /** Records the newest state and schedules its save. */
  change(value: T) {
    this.latest = value;
    this.#version++;
    this.#dirty = true;
    this.#firstChangeAt ??= Date.now();
    if (this.status !== 'error') this.status = this.#inFlight ? 'saving' : 'pending';
    // Saving fails: what is typed meanwhile goes to the draft too (throttled).
    else this.#draftSoon();
    this.#schedule();
  }

  /**
   * Writes the newest unsaved state as a draft now (unless that state is already kept).
   * Resolves true once it is on disk, false if there is nothing to keep it with or it failed.
   */
  keepDraft(reason: string): Promise<boolean> {
    const options = this.#options.draft;
    if (!options || this.latest === null) return Promise.resolve(false);
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#draftTimer = null;
    this.#lastDraftAt = Date.now();
    const version = this.#version;
    // This very state is already kept (or on its way to the disk).
    if (this.#draftVersion === version && this.#draftWrite) return this.#draftWrite;
    this.#draftVersion = version;
    this.#draftKey ??= reserved.has(this.key) ? `${this.key}:${RUN}` : this.key;
    const draft = {
      key: this.#draftKey,
      label: options.label(),
      content: JSON.stringify(options.content ? options.content(this.latest) : this.latest),
      reason,
      saved_at: '',
    };
    const write = this.#draftChain.then(() =>
      api.drafts.keep(draft).then(
        () => {
          if (this.#draftVersion === version) this.draftError = null;
          return true;
        },
        (e: unknown) => {
          this.draftError = toAppError(e).message;
          // Not on disk: the next keepDraft tries again, even for this same state.
          if (this.#draftWrite === write) this.#draftWrite = null;
          return false;
        },
      ),
    );
    this.#draftChain = write;
    this.#draftWrite = write;
    return write;
  }

  /** The draft on disk is as old as `version` or older and that state is saved: drop it. */
  #discardDraftUpTo(version: number) {
    if (this.#draftVersion === null || this.#draftVersion > version || !this.#draftKey) return;
    const key = this.#draftKey;
    this.#draftVersion = null;
    this.#draftWrite = null;
    this.draftError = null;
    if (this.#draftTimer) clearTimeout(this.#draftTimer);
    this.#draftTimer = null;
    this.#draftChain = this.#draftChain.then(() => api.drafts.discard(key).catch(() => {}));
  }

  /** A draft of the newest state soon: at once if none was written in the last second. */
  #draftSoon() {
    if (!this.#options.draft || this.#draftTimer) return;
    const wait = Math.max(0, this.#lastDraftAt + DRAFT_THROTTLE_MS - Date.now());
    this.#draftTimer = setTimeout(() => {
      this.#draftTimer = null;
      if (this.unsaved) void this.keepDraft(this.error ?? STILL_SAVING);
    }, wait);
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
    const version = this.#version;
    this.#dirty = false;
    this.#firstChangeAt = null;
    this.#requested = false;
    if (this.status !== 'error') this.status = 'saving';
    this.#inFlight = this.#save(value).then(
      (result) => {
        this.#inFlight = null;
        this.#failures = 0;
        this.error = null;
        this.#discardDraftUpTo(version);
        this.#options.onsaved?.(result);
        if (this.#dirty) {
          // Typed during the save: go again now if asked to, else let the pending timer do it.
          if (this.#requested || !this.#timer) return this.#run();
          this.status = 'pending';
          return;
        }
        this.status = 'saved';
        this.#release();
        closeIfSaved();
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
        this.#draftSoon();
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
export function autosaveFor<T, R>(key: string, save: (value: T) => Promise<R>, options: AutosaveOptions<R, T> = {}) {
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

/** True while the record under `key` has changes that are not on disk. */
export function isUnsaved(key: string): boolean {
  return live.get(key)?.unsaved ?? false;
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

/** Why the window did not close: what is unsaved, for the "Quit anyway" / "Keep editing" dialog. */
export type CloseBlock = {
  /** The records with unsaved changes (their `status` and `error` stay live). */
  items: Autosave<unknown, unknown>[];
};

/** Set while the window stays open because saving failed; the page shows it as a dialog. */
export const closing: { block: CloseBlock | null } = $state({ block: null });

/** The reason to show: the first save error, or that a save is still running. */
export function blockReason(block: CloseBlock): string {
  return block.items.find((a) => a.error)?.error ?? STILL_SAVING;
}

/** Every unsaved record as a draft with its newest state; waits at most `limitMs`. */
async function keepDrafts(items: Autosave<unknown, unknown>[], limitMs = DRAFT_WAIT_MS): Promise<void> {
  const all = Promise.all(items.map((a) => a.keepDraft(a.error ?? STILL_SAVING)));
  await Promise.race([all, sleep(limitMs)]);
}

/**
 * Before the window closes (close button, Ctrl/Cmd+Q): saves everything, waiting at most
 * `limitMs`. Resolves true when the window may close. Otherwise every unsaved state is kept as
 * a draft, `closing.block` says why, and it resolves false: the window stays open.
 */
export async function saveBeforeClose(limitMs = CLOSE_WAIT_MS): Promise<boolean> {
  await flushBeforeClose(limitMs);
  const items = [...live.values()].filter((a) => a.unsaved);
  if (items.length === 0) {
    closing.block = null;
    return true;
  }
  await keepDrafts(items);
  // The saves may have landed while the drafts were written.
  if (items.every((a) => !a.unsaved)) {
    closing.block = null;
    return true;
  }
  closing.block = { items };
  return false;
}

/** "Quit anyway": the drafts hold the newest state (written again if typing went on); close. */
export async function quitAnyway(): Promise<void> {
  const items = closing.block?.items.filter((a) => a.unsaved) ?? [];
  closing.block = null;
  await keepDrafts(items, 1000);
  await destroyWindow();
}

/** "Keep editing": the window stays; saving goes on retrying in the background. */
export function keepEditing() {
  closing.block = null;
}

/** The user asked to close and only failed saves held the window: once they land, close. */
function closeIfSaved() {
  const block = closing.block;
  if (!block || block.items.some((a) => a.unsaved)) return;
  closing.block = null;
  void destroyWindow().catch(() => {});
}

/** Quit (Ctrl/Cmd+Q): save everything as closing the window does, then close it (or say why not). */
export async function quitApp(): Promise<void> {
  if (await saveBeforeClose()) await destroyWindow();
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
  onWindowCloseRequested(() => saveBeforeClose())
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
