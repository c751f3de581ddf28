import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { meeting, meetingDraft, mockBackend, type Routes } from '../../test/fixtures';
import { nav, openArea } from '../nav.svelte';
import { toasts } from '../toasts.svelte';
import DraftsBanner from './DraftsBanner.svelte';
import { loadDrafts, recovery } from './drafts.svelte';

const phrase = 'Zephyr rollout: Ada owns the canary';
const m1 = meeting({ id: 'm1', date: '2026-12-04', shared_notes: 'Talked about the rota', agenda: '- Rota' });

/** Drafts kept as files, oldest first as the backend lists them. */
function backend(
  drafts = [meetingDraft('m1', { agenda: '- Rota', shared_notes: `Talked about the rota. ${phrase}` })],
  routes: Routes = {},
) {
  let files = [...drafts];
  return mockBackend({
    drafts_list: () => files,
    drafts_discard: (args) => {
      files = files.filter((d) => d.key !== args.key);
      return null;
    },
    oo_meetings: () => [m1],
    oo_save_notes: (args) => ({ ...m1, ...(args.notes as object) }),
    ...routes,
  });
}

async function show() {
  await loadDrafts();
  render(DraftsBanner);
  return screen.findByTestId('drafts-banner');
}

describe('DraftsBanner', () => {
  beforeEach(() => openArea('today'));
  afterEach(() => {
    recovery.drafts = [];
    toasts.splice(0);
    vi.unstubAllGlobals();
  });

  it('says what was kept, newest first, with what each draft holds', async () => {
    backend([
      meetingDraft('m0', { shared_notes: 'An older draft' }, { label: '1:1 with Sam, 20 Nov' }),
      meetingDraft('m1', { shared_notes: phrase }),
    ]);
    const banner = await show();
    expect(banner.textContent).toContain('Leadbook kept 2 drafts it could not save last time');
    const rows = within(banner).getAllByTestId('draft-row');
    expect(rows.map((r) => r.dataset.key)).toEqual(['meeting:m1', 'meeting:m0']);
    expect(within(rows[0]!).getByTestId('draft-preview').textContent).toBe(phrase);
    expect(rows[0]!.textContent).toContain('1:1 with Maya, 4 Dec');
    expect(rows[0]!.textContent).toContain('Not saved: database is locked');
    expect(rows[0]!.querySelector('time')!.getAttribute('title')).toMatch(/\d{4}/);
  });

  it('Restore shows the draft against the 1:1 now, saves it through the normal save, drops the draft and opens the 1:1', async () => {
    const calls = backend();
    const user = userEvent.setup();
    await show();
    await user.click(screen.getByTestId('draft-restore'));
    const dialog = await screen.findByTestId('draft-dialog');
    await within(dialog).findByTestId('draft-compare');
    // Only the shared notes differ; both sides shown.
    const draftSide = within(dialog).getAllByTestId('draft-side');
    expect(draftSide.map((d) => d.dataset.field)).toEqual(['shared_notes']);
    expect(draftSide[0]!.textContent).toContain(phrase);
    expect(within(dialog).getByTestId('current-side').textContent).toContain('Talked about the rota');
    expect(within(dialog).getByTestId('draft-same-fields').textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'The agenda, private notes, mood and energy are the same in both.',
    );

    await user.click(within(dialog).getByTestId('draft-restore-confirm'));
    await waitFor(() => expect(screen.queryByTestId('draft-dialog')).toBeNull());
    expect(calls.lastArgs('oo_save_notes')).toEqual({
      meetingId: 'm1',
      notes: {
        agenda: '- Rota',
        shared_notes: `Talked about the rota. ${phrase}`,
        private_notes: '',
        mood: null,
        energy: null,
      },
    });
    expect(calls.lastArgs('drafts_discard')).toEqual({ key: 'meeting:m1' });
    expect(nav.area).toBe('one-on-ones');
    expect(nav.params).toEqual({ personId: 'p1', meetingId: 'm1' });
    expect(screen.queryByTestId('drafts-banner')).toBeNull();
    expect(toasts.at(-1)?.message).toBe('Restored “1:1 with Maya, 4 Dec” from its draft');
  });

  it('keeps the draft and says why when the restore cannot save', async () => {
    const calls = backend(undefined, {
      oo_save_notes: () => {
        throw { code: 'storage', message: 'database is locked' };
      },
    });
    const user = userEvent.setup();
    await show();
    await user.click(screen.getByTestId('draft-restore'));
    await user.click(await screen.findByTestId('draft-restore-confirm'));
    expect((await screen.findByTestId('draft-error')).textContent).toBe('Not restored: database is locked');
    expect(calls.called('drafts_discard')).toBe(false);
    expect(recovery.drafts).toHaveLength(1);
  });

  it('Discard asks once and says what is lost', async () => {
    const calls = backend();
    const user = userEvent.setup();
    await show();
    await user.click(screen.getByTestId('draft-discard'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('Discard this draft?');
    expect(confirm.textContent).toContain('The draft of “1:1 with Maya, 4 Dec”');
    expect(confirm.textContent).toContain('is deleted for good');
    await user.click(within(confirm).getByTestId('confirm-cancel'));
    expect(calls.called('drafts_discard')).toBe(false);

    await user.click(screen.getByTestId('draft-discard'));
    await user.click(within(await screen.findByTestId('confirm-dialog')).getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.queryByTestId('drafts-banner')).toBeNull());
    expect(calls.lastArgs('drafts_discard')).toEqual({ key: 'meeting:m1' });
  });

  it('a draft whose 1:1 no longer exists says so and offers its text to copy', async () => {
    backend(undefined, { oo_meetings: () => [] });
    const user = userEvent.setup();
    await show();
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await user.click(screen.getByTestId('draft-restore'));
    expect((await screen.findByTestId('draft-missing')).textContent).toContain('This 1:1 no longer exists');
    const text = screen.getByTestId<HTMLTextAreaElement>('draft-text').value;
    expect(text).toBe(`Agenda\n- Rota\n\nShared notes\nTalked about the rota. ${phrase}`);
    expect(screen.queryByTestId('draft-restore-confirm')).toBeNull();
    await user.click(screen.getByTestId('draft-copy'));
    expect(writeText).toHaveBeenCalledWith(text);
    expect(screen.getByTestId('draft-copy').textContent).toContain('Copied');
  });

  it('a draft the 1:1 already holds is offered for discarding, not restoring', async () => {
    const calls = backend([meetingDraft('m1', { agenda: '- Rota', shared_notes: 'Talked about the rota' })]);
    const user = userEvent.setup();
    await show();
    await user.click(screen.getByTestId('draft-restore'));
    expect((await screen.findByTestId('draft-same')).textContent).toContain('already holds exactly this');
    await user.click(screen.getByTestId('draft-discard-same'));
    await waitFor(() => expect(calls.lastArgs('drafts_discard')).toEqual({ key: 'meeting:m1' }));
    expect(calls.called('oo_save_notes')).toBe(false);
  });
});
