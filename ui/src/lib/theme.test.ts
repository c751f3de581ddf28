import { afterEach, describe, expect, it, vi } from 'vitest';

/** A prefers-color-scheme query the test can flip, as the OS does. */
function fakeSystem(dark: boolean) {
  const listeners: (() => void)[] = [];
  const query = {
    matches: dark,
    addEventListener: (_: string, fn: () => void) => listeners.push(fn),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    flip(to: boolean) {
      query.matches = to;
      listeners.forEach((fn) => fn());
    },
  };
}

describe('applyTheme', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
    delete document.documentElement.dataset.theme;
  });

  it('follows the system while it is System, and forces Light or Dark', async () => {
    const system = fakeSystem(true);
    const { applyTheme } = await import('./theme');
    const theme = () => document.documentElement.dataset.theme;
    applyTheme('system');
    expect(theme()).toBe('dark');
    system.flip(false);
    expect(theme()).toBe('light');
    applyTheme('dark');
    expect(theme()).toBe('dark');
    system.flip(true);
    system.flip(false);
    expect(theme()).toBe('dark');
    applyTheme('light');
    expect(theme()).toBe('light');
  });
});
