import { afterEach, describe, expect, it } from 'vitest';
import { isTyping } from './typing';

function make(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.querySelector<HTMLElement>('[data-target]')!;
}

describe('isTyping', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is true in text fields, text areas, selects and editable content', () => {
    for (const html of [
      '<input data-target>',
      '<input type="email" data-target>',
      '<input type="search" data-target>',
      '<input type="date" data-target>',
      '<input type="number" data-target>',
      '<textarea data-target></textarea>',
      '<select data-target><option>a</option></select>',
      '<div contenteditable="true"><p data-target>text</p></div>',
      '<div contenteditable><span data-target>text</span></div>',
      '<div role="textbox" data-target></div>',
    ]) {
      expect(isTyping(make(html)), html).toBe(true);
    }
  });

  it('is false on buttons, checkboxes, links and plain content', () => {
    for (const html of [
      '<button data-target>Go</button>',
      '<input type="checkbox" data-target>',
      '<input type="submit" data-target>',
      '<a href="#x" data-target>x</a>',
      '<div data-target>text</div>',
      '<div contenteditable="false"><span data-target>text</span></div>',
    ]) {
      expect(isTyping(make(html)), html).toBe(false);
    }
    expect(isTyping(null)).toBe(false);
    expect(isTyping(window)).toBe(false);
    expect(isTyping(document)).toBe(false);
  });

  it('is true for anything inside a modal dialog, which owns the keyboard', () => {
    expect(isTyping(make('<div role="dialog" aria-modal="true"><button data-target>Cancel</button></div>'))).toBe(true);
    expect(isTyping(make('<div role="alertdialog" aria-modal="true"><input type="checkbox" data-target></div>'))).toBe(
      true,
    );
    // A non-modal panel (a drawer) leaves the page's shortcuts working.
    expect(isTyping(make('<aside role="dialog"><button data-target>Close</button></aside>'))).toBe(false);
  });
});
