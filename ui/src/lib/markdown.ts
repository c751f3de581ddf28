// Markdown for user-editable prose, always sanitised: the text is local, but it is typed or
// pasted by people, and it ends up in the DOM through {@html}.
import DOMPurify, { type Config } from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: true, async: false });

// Prose only: no forms, scripts, styles or embedded media (nothing may load remotely).
const config: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'img',
    'picture',
    'source',
    'video',
    'audio',
    'iframe',
    'form',
    'input',
    'button',
    'textarea',
    'select',
  ],
  FORBID_ATTR: ['style', 'class', 'id'],
};

let purifier: ReturnType<typeof DOMPurify> | null = null;

function sanitize(html: string): string {
  if (!purifier) {
    // A private instance, so the link hook below does not leak into other users of DOMPurify.
    purifier = DOMPurify(window);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return purifier.sanitize(html, config) as string;
}

// Parsing and sanitising cost about half a millisecond a text; a page like the blueprint shows
// hundreds of texts and renders them again each time it opens. The same text always gives the
// same HTML, so keep the latest results (a few thousand short strings at most).
const CACHE_LIMIT = 4000;
const blockCache = new Map<string, string>();
const inlineCache = new Map<string, string>();

function cached(cache: Map<string, string>, text: string, render: (text: string) => string): string {
  let html = cache.get(text);
  if (html === undefined) {
    html = render(text);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, html);
  }
  return html;
}

/** Renders Markdown to sanitised HTML (block level: paragraphs, lists, emphasis, links). */
export function renderMarkdown(text: string | null | undefined): string {
  if (!text) return '';
  return cached(blockCache, text, (t) => sanitize(markdown.parse(t) as string));
}

/** Renders one line of Markdown (emphasis, code, links) without wrapping it in a paragraph. */
export function renderInlineMarkdown(text: string | null | undefined): string {
  if (!text) return '';
  return cached(inlineCache, text, (t) => sanitize(markdown.parseInline(t) as string));
}
