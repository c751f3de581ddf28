import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { Autosave, closing, keepEditing, saveBeforeClose } from '../autosave.svelte';
import CloseBlockedDialog from './CloseBlockedDialog.svelte';

type Notes = { text: string };

/** The backend: drafts kept (or refused with `failKeep`), and whether the window went. */
function backend(failKeep?: string) {
  const seen: string[] = [];
  mockWindows('main');
  mockIPC((cmd) => {
    seen.push(cmd);
    if (cmd === 'drafts_keep' && failKeep) throw { code: 'storage', message: failKeep };
    return null;
  });
  return seen;
}

let failing = true;
const editors: Autosave<Notes, Notes>[] = [];

/** A 1:1 editor whose saves fail while `failing`, with a typed, unsaved change. */
function editor(label: string) {
  const a = new Autosave<Notes, Notes>(
    async (v) => {
      if (failing) throw { code: 'storage', message: 'database is locked' };
      return v;
    },
    { draft: { label: () => label }, retryDelayMs: () => 60_000 },
    `meeting:${label.length}${editors.length}`,
  );
  a.change({ text: 'typed' });
  editors.push(a);
  return a;
}

describe('CloseBlockedDialog', () => {
  afterEach(async () => {
    failing = false;
    keepEditing();
    await Promise.all(editors.splice(0).map((a) => a.dispose()));
    failing = true;
  });

  it('says why the window stays open, what is kept as a draft, and offers the two choices', async () => {
    const seen = backend();
    editor('1:1 with Ada, 4 Dec');
    expect(await saveBeforeClose(50)).toBe(false);
    const user = userEvent.setup();
    render(CloseBlockedDialog, { block: closing.block! });
    const dialog = screen.getByTestId('close-blocked');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.textContent).toContain('Your latest changes are not saved yet');
    expect(screen.getByTestId('close-reason').textContent).toBe('database is locked');
    const item = screen.getByTestId('close-item');
    expect(item.textContent).toContain('1:1 with Ada, 4 Dec');
    expect(item.textContent).toContain('Kept as a draft');
    expect(dialog.textContent).toContain('Nothing is lost if you quit');
    // The safe choice has the focus.
    expect(document.activeElement).toBe(screen.getByTestId('close-keep-editing'));

    await user.click(screen.getByTestId('close-quit-anyway'));
    await waitFor(() => expect(seen).toContain('plugin:window|destroy'));
    expect(closing.block).toBeNull();
  });

  it('Keep editing (or Esc) leaves the window open and saving going on', async () => {
    const seen = backend();
    editor('1:1 with Ada, 4 Dec');
    await saveBeforeClose(50);
    const user = userEvent.setup();
    render(CloseBlockedDialog, { block: closing.block! });
    await user.keyboard('{Escape}');
    expect(closing.block).toBeNull();
    expect(seen).not.toContain('plugin:window|destroy');
  });

  it('warns that quitting loses what could not be kept as a draft either', async () => {
    backend('No space left on device');
    editor('1:1 with Ada, 4 Dec');
    await saveBeforeClose(50);
    render(CloseBlockedDialog, { block: closing.block! });
    const item = screen.getByTestId('close-item');
    expect(within(item).getByText(/Not kept as a draft either: No space left on device/)).toBeTruthy();
    expect(screen.getByTestId('close-blocked').textContent).toContain('Quitting now loses what could not be kept');
  });
});
