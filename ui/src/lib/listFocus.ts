// Up/Down/Home/End move the focus between the buttons of a list (a table of contents, people).
export function moveListFocus(event: KeyboardEvent, selector: string, beforeFirst?: () => void) {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>(selector)];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  let next = -1;
  if (event.key === 'ArrowDown') next = Math.min(i + 1, buttons.length - 1);
  else if (event.key === 'ArrowUp') {
    // Up from the first entry leaves the list (e.g. back to its search field) where asked.
    if (i <= 0 && beforeFirst) {
      event.preventDefault();
      beforeFirst();
      return;
    }
    next = Math.max(i - 1, 0);
  } else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = buttons.length - 1;
  if (next >= 0) {
    event.preventDefault();
    buttons[next]?.focus();
  }
}
