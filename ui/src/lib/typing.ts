// Single-key page shortcuts ("/", "n", arrows) must not steal keys from where the user is
// writing or from a modal in front of the page.

/** Input types that take no typing: a key pressed on them may mean a page shortcut. */
const NOT_TEXT = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'reset', 'submit']);

/**
 * Whether a key pressed at `target` belongs to it rather than to the page's shortcuts: a text
 * field (any input but a button-like one or a checkbox), a textarea, a select, editable content,
 * an ARIA text box, or anything inside a modal dialog (the dialog owns the keyboard).
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[aria-modal="true"]')) return true;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  // jsdom has no isContentEditable; the attribute says the same.
  return !!target.closest('[contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="searchbox"]');
}
