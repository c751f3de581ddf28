import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('Some **bold** text\n\n- one\n- two');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
  });

  it('removes scripts and event handlers', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">b</b>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('<img');
    expect(html).toContain('<b>b</b>');
  });

  it('removes javascript: links but keeps ordinary ones', () => {
    const html = renderMarkdown(
      '[bad](javascript:alert(1)) and [raw](<javascript:void(0)>) <a href="JaVaScRiPt:alert(3)">x</a> [good](https://example.com)',
    );
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('renders nothing for empty text', () => {
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown('')).toBe('');
  });

  it('renders inline Markdown without a paragraph', () => {
    expect(renderInlineMarkdown('a *b* <script>c</script>')).toBe('a <em>b</em> ');
  });

  it('gives the same HTML for the same text again, block and inline kept apart', () => {
    const text = 'Cached *twice*';
    const block = renderMarkdown(text);
    expect(renderMarkdown(text)).toBe(block);
    expect(block).toBe('<p>Cached <em>twice</em></p>\n');
    expect(renderInlineMarkdown(text)).toBe('Cached <em>twice</em>');
    // Many other texts later, it still renders right.
    for (let i = 0; i < 5000; i++) renderInlineMarkdown(`text ${i}`);
    expect(renderMarkdown(text)).toBe(block);
  });
});
