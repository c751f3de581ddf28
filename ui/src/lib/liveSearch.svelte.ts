// The state behind a search-as-you-type list (SearchField + SearchResults): the query, the hits
// that answer it, the active hit, one request in flight at a time, and the field's keys.
import type { AppError } from './ipc';
import { showToast } from './toasts.svelte';

export interface LiveSearchOptions<T> {
  /** Ids: the listbox is `${idPrefix}-search-results`, its options `${idPrefix}-hit-N`. */
  idPrefix: string;
  fetch: (q: string) => Promise<T[]>;
  /** What identifies a question (the text and any scope); a change of it asks again. */
  key?: (q: string) => string;
  onopen: (hit: T) => void;
}

export class LiveSearch<T> {
  query = $state('');
  hits: T[] = $state([]);
  /** Which question the shown hits answer (see `key`); lags `query` while a request is in flight. */
  hitsFor: string | null = $state(null);
  active = $state(0);
  searching = $derived(this.query.trim() !== '');

  #inFlight = false;
  #opts: LiveSearchOptions<T>;

  constructor(opts: LiveSearchOptions<T>) {
    this.#opts = opts;
  }

  get listId(): string {
    return `${this.#opts.idPrefix}-search-results`;
  }

  optionId(i: number): string {
    return `${this.#opts.idPrefix}-hit-${i}`;
  }

  get activeDescendant(): string | undefined {
    return this.searching && this.hits.length ? this.optionId(this.active) : undefined;
  }

  /** What a SearchField needs from this search: `<SearchField {...search.field} bind:value={search.query} …>`. */
  get field() {
    return {
      listId: this.listId,
      expanded: this.searching,
      activeDescendant: this.activeDescendant,
      oninput: this.refresh,
      onkeydown: this.keydown,
      onclear: this.clear,
    };
  }

  /** The last answer was empty and it answers what the box asks now. */
  get noMatches(): boolean {
    return this.hitsFor !== null && this.hits.length === 0 && this.hitsFor === this.#key(this.query.trim());
  }

  #key(q: string): string {
    return this.#opts.key ? this.#opts.key(q) : q;
  }

  // One request in flight at a time; when it returns, ask again if the question moved on.
  async #search(q: string) {
    if (this.#inFlight) return;
    this.#inFlight = true;
    const asked = this.#key(q);
    try {
      const result = await this.#opts.fetch(q);
      if (this.query.trim()) {
        this.hits = result;
        this.hitsFor = asked;
        this.active = Math.min(this.active, Math.max(result.length - 1, 0));
      }
    } catch (e) {
      showToast((e as AppError).message, { kind: 'error' });
    } finally {
      this.#inFlight = false;
      const now = this.query.trim();
      if (now && this.#key(now) !== asked) this.#search(now);
    }
  }

  /** The text (or the scope) changed: ask again. */
  refresh = () => {
    this.active = 0;
    const q = this.query.trim();
    if (!q) {
      this.hits = [];
      this.hitsFor = null;
      return;
    }
    this.#search(q);
  };

  clear = () => {
    this.query = '';
    this.hits = [];
    this.hitsFor = null;
    this.active = 0;
  };

  open = (i: number) => {
    const hit = this.hits[i];
    if (!hit) return;
    this.active = i;
    this.#opts.onopen(hit);
  };

  /** Keys in the search field: Esc clears (or leaves the field), Up/Down move, Enter opens. */
  keydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (this.query) this.clear();
      else (event.target as HTMLElement).blur();
    } else if (!this.searching) {
      return;
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!this.hits.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.hits.length) % this.hits.length;
      document.getElementById(this.optionId(this.active))?.scrollIntoView?.({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.open(this.active);
    }
  };
}
