// Quiet notifications: confirmations with an optional Undo, and background failures that must
// not vanish silently (errors stay until dismissed).
export type Toast = {
  id: number;
  kind: 'info' | 'error';
  message: string;
  action?: { label: string; run: () => void };
};

let nextId = 1;
export const toasts: Toast[] = $state([]);
/** A failure the page already explains in a banner (a damaged database): not toasted again. */
let muted: string | null = null;

/**
 * Stops error toasts that repeat `message` (every area failing on the same damaged database),
 * since a banner says it once; null lets them through again.
 */
export function muteErrors(message: string | null) {
  muted = message;
}

export function showToast(
  message: string,
  options: { kind?: Toast['kind']; action?: Toast['action']; timeoutMs?: number } = {},
) {
  if (options.kind === 'error') {
    if (muted && message.includes(muted)) return;
    // The same failure again (a retry, another area): the toast already on screen says it.
    if (toasts.some((t) => t.kind === 'error' && t.message === message)) return;
  }
  const toast: Toast = { id: nextId++, kind: options.kind ?? 'info', message, action: options.action };
  toasts.push(toast);
  const timeout = options.timeoutMs ?? (toast.kind === 'error' ? 0 : 6000);
  if (timeout > 0) setTimeout(() => dismissToast(toast.id), timeout);
}

export function dismissToast(id: number) {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
