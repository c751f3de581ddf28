// The colour theme: `data-theme="light|dark"` on the root element picks the tokens in
// tokens.css. "System" follows the operating system (prefers-color-scheme) and keeps following
// it while the app runs; Light and Dark force one.
import type { Theme } from './ipc';

const systemDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
let chosen: Theme = 'system';

function paint() {
  const dark = chosen === 'dark' || (chosen === 'system' && !!systemDark?.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

systemDark?.addEventListener?.('change', () => {
  if (chosen === 'system') paint();
});

/** Applies a theme to the whole window at once. */
export function applyTheme(theme: Theme) {
  chosen = theme;
  paint();
}
