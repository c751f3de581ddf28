// After the database is replaced under the page (a restore, an archive import) the page reloads
// so every area reads it afresh. What to say, and where to land, survive the reload here.
import type { AreaId } from './areas';

const KEY = 'leadbook:after-reload';

export type AfterReload = { message: string; area?: AreaId };

/** Reloads the page; once it is back, `message` shows as a toast and `area` opens. */
export function reloadWith(after: AfterReload): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(after));
  } catch {
    // No session storage: the reload still happens, without the note.
  }
  location.reload();
}

/** What the page was asked to say after a reload, once. */
export function takeAfterReload(): AfterReload | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as AfterReload;
    return typeof parsed?.message === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
