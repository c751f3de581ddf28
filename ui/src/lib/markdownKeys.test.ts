import { describe, expect, it } from 'vitest';
import { markdownKeys } from './markdownKeys';

function area(value: string, start: number, end: number) {
  const node = document.createElement('textarea');
  document.body.append(node);
  node.value = value;
  node.setSelectionRange(start, end);
  const inputs: string[] = [];
  node.addEventListener('input', () => inputs.push(node.value));
  markdownKeys(node);
  return { node, inputs };
}

const press = (node: HTMLElement, key: string, init: KeyboardEventInit = { ctrlKey: true }) =>
  node.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));

describe('markdownKeys', () => {
  it('Ctrl+B makes the selection bold and keeps it selected; the edit is an input', () => {
    const { node, inputs } = area('ship the fix today', 5, 12);
    press(node, 'b');
    expect(node.value).toBe('ship **the fix** today');
    expect(node.value.slice(node.selectionStart, node.selectionEnd)).toBe('the fix');
    expect(inputs).toEqual(['ship **the fix** today']);
  });

  it('Cmd+I with no selection puts the cursor between the marks', () => {
    const { node } = area('note ', 5, 5);
    press(node, 'i', { metaKey: true });
    expect(node.value).toBe('note __');
    expect([node.selectionStart, node.selectionEnd]).toEqual([6, 6]);
  });

  it('leaves other keys and plain letters alone', () => {
    const { node, inputs } = area('abc', 0, 3);
    expect(press(node, 'b', {})).toBe(true);
    expect(press(node, 'b', { ctrlKey: true, shiftKey: true })).toBe(true);
    expect(press(node, 'k')).toBe(true);
    expect(node.value).toBe('abc');
    expect(inputs).toEqual([]);
  });
});
