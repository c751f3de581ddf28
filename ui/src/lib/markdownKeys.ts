// Markdown shortcuts for a notes textarea: Ctrl/Cmd+B makes the selection bold, Ctrl/Cmd+I
// italic. With nothing selected the marks go in and the cursor sits between them.
const MARKS: Record<string, string> = { b: '**', i: '_' };

function wrapSelection(node: HTMLTextAreaElement, mark: string) {
  const { selectionStart: start, selectionEnd: end, value } = node;
  const selected = value.slice(start, end);
  const text = `${mark}${selected}${mark}`;
  node.focus();
  // insertText keeps the browser's undo history and fires `input`; jsdom has no execCommand.
  const inserted = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
  if (!inserted) {
    node.setRangeText(text, start, end, 'end');
    node.dispatchEvent(new Event('input', { bubbles: true }));
  }
  node.setSelectionRange(start + mark.length, start + mark.length + selected.length);
}

export function markdownKeys(node: HTMLTextAreaElement) {
  const onkeydown = (event: KeyboardEvent) => {
    const mark = MARKS[event.key.toLowerCase()];
    if (!mark || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
    event.preventDefault();
    wrapSelection(node, mark);
  };
  node.addEventListener('keydown', onkeydown);
  return { destroy: () => node.removeEventListener('keydown', onkeydown) };
}
