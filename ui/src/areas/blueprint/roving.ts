// Roving focus inside one blueprint section (the WAI-ARIA "roving tabindex" pattern): the
// section is one tab stop. Its heading, every block, list item and table row, and the "Add …"
// buttons are stops for the arrow keys: Up/Down (and Home/End) move between them in reading
// order, Tab leaves the section. A node's own buttons (Edit, Move, Delete) are reached with
// Right from the node; Left or Esc goes back to it. On a node, Enter (or F2) edits it,
// Alt+Up/Down moves it, Delete deletes it (with Undo in the toast).
import { isTyping } from '../../lib/typing';

/** The roving elements of a section in reading order, leaving out any inside an open editor. */
export function stopsIn(section: HTMLElement): HTMLElement[] {
  return [...section.querySelectorAll<HTMLElement>('[data-rove]')].filter(
    (el) => !el.closest('[data-testid="bp-editor"]'),
  );
}

/** A stop's own action buttons that can be used now, in order. */
export function actionButtons(stop: HTMLElement): HTMLButtonElement[] {
  return [...stop.querySelectorAll<HTMLButtonElement>('[data-node-actions] button')].filter((b) => !b.disabled);
}

export type RoveActions = {
  edit: (nodeId: string) => void;
  move: (nodeId: string, offset: -1 | 1) => void;
  remove: (nodeId: string) => void;
};

/** The section's keyboard handling; `section` is the element holding its stops. */
export function roveKeydown(event: KeyboardEvent, section: HTMLElement, actions: RoveActions) {
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey || isTyping(target)) return;
  const stop = target.closest<HTMLElement>('[data-rove]');
  if (!stop || target.closest('[data-testid="bp-editor"]')) return;
  const stops = stopsIn(section);
  const at = stops.indexOf(stop);
  if (at < 0) return;
  const onStop = target === stop;
  const buttons = actionButtons(stop);
  const inButtons = buttons.indexOf(target as HTMLButtonElement);
  const nodeId = onStop ? (stop.dataset.nodeId ?? null) : null;
  const key = event.key;

  if (event.altKey) {
    if (nodeId && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      actions.move(nodeId, key === 'ArrowUp' ? -1 : 1);
    }
    return;
  }
  if (event.shiftKey) return;

  let next: HTMLElement | undefined;
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    // At either end the focus stays put (and the pane does not scroll instead).
    event.preventDefault();
    next = stops[at + (key === 'ArrowDown' ? 1 : -1)];
  } else if ((key === 'Home' || key === 'End') && onStop) {
    next = key === 'Home' ? stops[0] : stops.at(-1);
  } else if (key === 'ArrowRight' && (onStop || inButtons >= 0)) {
    next = buttons[inButtons + 1];
  } else if (key === 'ArrowLeft' && inButtons >= 0) {
    next = inButtons > 0 ? buttons[inButtons - 1] : stop;
  } else if (key === 'Escape' && inButtons >= 0) {
    next = stop;
  } else if ((key === 'Enter' || key === 'F2') && nodeId) {
    event.preventDefault();
    actions.edit(nodeId);
    return;
  } else if (key === 'Delete' && nodeId) {
    event.preventDefault();
    actions.remove(nodeId);
    return;
  }
  if (next && next !== target) {
    event.preventDefault();
    event.stopPropagation();
    next.focus();
  }
}
