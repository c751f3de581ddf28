// Search snippets arrive as plain text with \u0002 … \u0003 around each hit. Escape the text
// first, then turn the markers into <mark>, so nothing in the text is ever read as markup.
const START = '\u0002';
const END = '\u0003';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** HTML for a search snippet: escaped text with balanced <mark> elements around the hits. */
export function highlightSnippet(snippet: string): string {
  let html = '';
  let open = false;
  // eslint-disable-next-line no-control-regex -- \u0002 and \u0003 are the backend's hit markers
  for (const part of snippet.split(/([\u0002\u0003])/)) {
    if (part === START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      // Markdown emphasis markers are noise in a one-line preview.
      html += escapeHtml(part.replace(/\*\*|__|`/g, ''));
    }
  }
  return open ? html + '</mark>' : html;
}
