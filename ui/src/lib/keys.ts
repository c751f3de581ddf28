// How a Ctrl/Cmd shortcut is written on this platform: "⌘K" on a Mac, "Ctrl+K" elsewhere.
const mac = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/** The modifier as written before a key. */
export const modKey = mac ? '⌘' : 'Ctrl+';

/** A Ctrl/Cmd shortcut as the user reads it: withMod('k') is "Ctrl+K" (or "⌘K"). */
export function withMod(key: string): string {
  return modKey + key.toUpperCase();
}
