import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem, CadenceStatus, Meeting, NoteHit, NotesInput, Person, Prep, TalkingPoint } from '../../bindings';
import { openArea } from '../../lib/nav.svelte';
import { toasts } from '../../lib/toasts.svelte';
import OneOnOnesPage from './OneOnOnesPage.svelte';

function person(id: string, name: string): Person {
  return {
    id,
    name,
    email: null,
    title: 'Senior SRE',
    team: 'Platform',
    level: null,
    start_date: null,
    timezone: null,
    notes: '',
    archived_at: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

function action(id: string, text: string, extra: Partial<ActionItem> = {}): ActionItem {
  return {
    id,
    person_id: 'p1',
    text,
    owner: 'them',
    due_date: null,
    meeting_id: null,
    done_at: null,
    created_at: '2026-11-01T00:00:00Z',
    overdue: false,
    ...extra,
  };
}

function point(id: string, text: string, author: TalkingPoint['author']): TalkingPoint {
  return { id, person_id: 'p1', text, author, meeting_id: null, created_at: '2026-11-01T00:00:00Z' };
}

function meeting(id: string, date: string, extra: Partial<Meeting> = {}): Meeting {
  return {
    id,
    person_id: 'p1',
    date,
    agenda: '',
    shared_notes: '',
    private_notes: '',
    mood: null,
    energy: null,
    created_at: `${date}T10:00:00Z`,
    updated_at: `${date}T10:00:00Z`,
    ...extra,
  };
}

const overdue: CadenceStatus = {
  cadence: 'weekly',
  last_date: '2026-11-12',
  days_since_last: 14,
  next_due: '2026-11-19',
  state: 'overdue',
};

type Call = { cmd: string; args: Record<string, unknown> };

/** An in-memory stand-in for the 1:1 commands, with Maya's prep as the backend would return it. */
function fakeBackend(options: { hits?: NoteHit[]; staleSaves?: boolean; settingsFail?: boolean } = {}) {
  const calls: Call[] = [];
  const maya = person('p1', 'Maya Chen');
  const meetings: Meeting[] = [
    meeting('m2', '2026-11-12', {
      shared_notes: 'Ingress cut-over went **cleanly**.',
      private_notes: 'Seemed tired; watch on-call load.',
      mood: 3,
      energy: 2,
    }),
    meeting('m1', '2026-11-05', { shared_notes: 'Career conversation: staff track.' }),
  ];
  const prep: Prep = {
    person: maya,
    status: overdue,
    template_name: 'Career growth',
    last_meeting: meetings[0]!,
    // The backend puts overdue items first; the page must keep that order.
    open_actions: [
      action('a1', 'Draft the RFC for the Terraform state split', { due_date: '2026-11-20', overdue: true }),
      action('a2', 'Share the promo packet template', { owner: 'me' }),
    ],
    talking_points: [point('t1', 'Wants to rotate off on-call in December', 'theirs'), point('t2', 'Promo timeline', 'mine')],
    suggested_questions: ['What part of your work lately has given you the most energy?'],
    goals: [
      { id: 'g1', person_id: 'p1', title: 'Lead a design review', status: 'in_progress', notes: '', created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-20T00:00:00Z' },
    ],
    since_last: ['Done: Send the on-call handover notes'],
  };
  let started: Meeting | null = null;
  let settings = { person_id: 'p1', cadence: 'weekly', template_id: 'tpl-career-growth' as string | null };

  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case 'people_list':
        return [maya, person('p2', 'Diego Alvarez')];
      case 'oo_due':
        return [{ person_id: 'p1', name: 'Maya Chen', status: overdue }];
      case 'oo_templates':
        return [{ id: 'tpl-career-growth', name: 'Career growth', questions: [], builtin: true }];
      case 'oo_prep':
        return args.personId === 'p1' ? prep : { ...prep, person: person('p2', 'Diego Alvarez'), open_actions: [], talking_points: [] };
      case 'oo_meetings':
        return started ? [started, ...meetings] : meetings;
      case 'oo_settings':
        return { ...settings, person_id: args.personId };
      case 'oo_set_settings':
        if (options.settingsFail) throw { code: 'storage', message: 'The database is locked' };
        settings = args.settings as typeof settings;
        return settings;
      case 'oo_start':
        started = meeting('m3', '2026-11-26', {
          agenda: '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
        });
        prep.last_meeting = started;
        prep.status = { ...overdue, last_date: started.date, days_since_last: 0, next_due: '2026-12-03', state: 'on_track' };
        return started;
      case 'oo_save_notes': {
        const target = [started, ...meetings].find((m) => m?.id === args.meetingId)!;
        // A backend that answers with an older copy must not change what is on screen.
        if (options.staleSaves) return { ...target, shared_notes: 'server copy' };
        return { ...target, ...(args.notes as NotesInput) };
      }
      case 'oo_set_meeting_date': {
        if ((args.date as string) > '2026-11-26') {
          throw { code: 'invalid_input', message: 'A 1:1 cannot be recorded in the future', field: 'date' };
        }
        started = { ...started!, date: args.date as string };
        return started;
      }
      case 'oo_delete_meeting':
        started = null;
        return null;
      case 'oo_export': {
        const range = args.range as { from: string | null; to: string | null };
        if (range.from && range.to && range.from > range.to) {
          throw { code: 'invalid_input', message: 'The end date is before the start date', field: 'to' };
        }
        return '/home/me/1on1s-Maya-Chen.md';
      }
      case 'oo_search':
        return options.hits ?? [];
      case 'oo_add_point': {
        const added = point(`t${prep.talking_points.length + 1}`, args.text as string, args.author as TalkingPoint['author']);
        prep.talking_points = [...prep.talking_points, added];
        return added;
      }
      case 'oo_add_action': {
        const input = args.action as { text: string; owner: ActionItem['owner']; due_date: string | null };
        const added = action(`a${prep.open_actions.length + 1}`, input.text, { owner: input.owner, due_date: input.due_date });
        prep.open_actions = [...prep.open_actions, added];
        return added;
      }
      case 'oo_set_action_done': {
        const done = prep.open_actions.find((a) => a.id === args.id)!;
        prep.open_actions = prep.open_actions.filter((a) => a.id !== args.id);
        return { ...done, done_at: '2026-11-26T10:00:00Z' };
      }
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return { calls };
}

/** Sets a date input's value as the browser's picker does (jsdom cannot type into one). */
function fireInput(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.focus();
}

describe('OneOnOnesPage', () => {
  beforeEach(() => {
    openArea('one-on-ones', { personId: 'p1' });
    toasts.splice(0);
  });

  it('renders the prep: overdue action first as returned, talking points and questions', async () => {
    fakeBackend();
    render(OneOnOnesPage);
    const prep = await screen.findByTestId('oo-prep');
    expect(screen.getByTestId('oo-person-name').textContent).toBe('Maya Chen');
    // The cadence badge says it in words, not only in colour.
    expect(screen.getByTestId('oo-due-badge').textContent).toContain('Overdue');
    expect(screen.getByTestId('oo-last-met').textContent).toBe('Last 1:1 14 days ago');

    const actions = within(prep).getAllByTestId('oo-action');
    expect(actions.map((a) => a.dataset.actionId)).toEqual(['a1', 'a2']);
    expect(within(actions[0]!).getByTestId('oo-action-overdue').textContent).toContain('Overdue');
    expect(within(actions[1]!).queryByTestId('oo-action-overdue')).toBeNull();

    const points = within(prep).getAllByTestId('oo-point');
    expect(points.map((p) => p.textContent)).toEqual([
      expect.stringContaining('Wants to rotate off on-call in December'),
      expect.stringContaining('Promo timeline'),
    ]);
    expect(points[0]!.textContent).toContain('Theirs');
    expect(points[1]!.textContent).toContain('Mine');

    expect(within(screen.getByTestId('oo-questions')).getByTestId('oo-question').textContent).toBe(
      'What part of your work lately has given you the most energy?',
    );
    expect(screen.getByTestId('oo-since-last').textContent).toContain('Done: Send the on-call handover notes');
    // The last 1:1's shared notes render as Markdown; private notes stay closed until asked for.
    expect(screen.getByTestId('oo-last-shared').querySelector('strong')?.textContent).toBe('cleanly');
    expect(screen.queryByTestId('oo-last-private')).toBeNull();
    expect(screen.getAllByTestId('oo-timeline-item')).toHaveLength(2);
  });

  it('Start 1:1 opens the new meeting with its agenda', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    const view = await screen.findByTestId('oo-meeting');
    expect(backend.calls.find((c) => c.cmd === 'oo_start')!.args).toEqual({ personId: 'p1' });
    expect(screen.getByTestId<HTMLTextAreaElement>('oo-agenda').value).toBe(
      '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
    );
    expect(view.dataset.meetingId).toBe('m3');
    expect(screen.queryByTestId('oo-prep')).toBeNull();
    // The cursor is in the shared notes, ready to write.
    expect(document.activeElement).toBe(screen.getByTestId('oo-shared-notes'));
    expect(screen.getByTestId('oo-save-state').textContent).toContain('Saved');
  });

  it("once today's 1:1 exists, the prep opens it instead of starting another", async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    await user.click(screen.getByTestId('oo-done'));
    await screen.findByTestId('oo-prep');
    await waitFor(() => expect(screen.queryByTestId('oo-start')).toBeNull());
    await user.click(screen.getByTestId('oo-open-today'));
    expect((await screen.findByTestId('oo-meeting')).dataset.meetingId).toBe('m3');
    expect(backend.calls.filter((c) => c.cmd === 'oo_start')).toHaveLength(1);
  });

  it('moves a 1:1 to the day it happened, with the error under the field for a future day', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    await user.click(screen.getByTestId('oo-meeting-date'));
    const input = screen.getByTestId<HTMLInputElement>('oo-meeting-date-input');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(input.value).toBe('2026-11-26');

    fireInput(input, '2026-12-01');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('A 1:1 cannot be recorded in the future');

    fireInput(input, '2026-11-25');
    await user.click(screen.getByTestId('oo-meeting-date-save'));
    await waitFor(() => expect(screen.queryByTestId('oo-meeting-date-input')).toBeNull());
    expect(backend.calls.filter((c) => c.cmd === 'oo_set_meeting_date').at(-1)!.args).toEqual({
      meetingId: 'm3',
      date: '2026-11-25',
    });
    expect(screen.getByTestId('oo-meeting-title').textContent).toContain('25');
  });

  it('deletes a 1:1 started by mistake after asking, and goes back to the prep', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    await user.click(screen.getByTestId('oo-meeting-delete'));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('talking points go back to the queue');
    // Focus starts on the safe choice.
    expect(document.activeElement).toBe(within(confirm).getByTestId('confirm-cancel'));
    await user.click(within(confirm).getByTestId('confirm-ok'));
    await screen.findByTestId('oo-prep');
    expect(backend.calls.some((c) => c.cmd === 'oo_delete_meeting' && c.args.meetingId === 'm3')).toBe(true);
    expect(screen.getAllByTestId('oo-timeline-item')).toHaveLength(2);
  });

  it('exports a date range, private notes only when ticked, with range errors under the field', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-export'));
    const dialog = await screen.findByTestId('oo-export-dialog');
    expect(dialog.textContent).toContain('Export 1:1s with Maya Chen');
    expect(screen.getByTestId<HTMLInputElement>('oo-export-private').checked).toBe(false);
    fireInput(screen.getByLabelText<HTMLInputElement>('From'), '2026-11-10');
    fireInput(screen.getByLabelText<HTMLInputElement>('To'), '2026-11-01');
    await user.click(screen.getByTestId('oo-export-save'));
    expect((await screen.findByTestId('oo-export-to-error')).textContent).toBe('The end date is before the start date');

    fireInput(screen.getByLabelText<HTMLInputElement>('To'), '2026-11-30');
    await user.click(screen.getByTestId('oo-export-private'));
    await user.click(screen.getByTestId('oo-export-save'));
    await waitFor(() => expect(screen.queryByTestId('oo-export-dialog')).toBeNull());
    expect(backend.calls.filter((c) => c.cmd === 'oo_export').at(-1)!.args).toEqual({
      personId: 'p1',
      range: { from: '2026-11-10', to: '2026-11-30' },
      includePrivate: true,
    });
    expect(toasts.at(-1)?.message).toBe('Exported to /home/me/1on1s-Maya-Chen.md');
  });

  it('leaves "/" to an open dialog instead of searching behind it', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-export'));
    const dialog = await screen.findByTestId('oo-export-dialog');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    await user.keyboard('/');
    expect(document.activeElement).toBe(cancel);
    expect(screen.getByTestId('oo-export-dialog')).toBeTruthy();
  });

  it('typing shared notes saves the full notes', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    await user.type(screen.getByTestId('oo-shared-notes'), 'Agreed on the rota');
    await user.click(screen.getByTestId('oo-mood-4'));
    await waitFor(
      () => {
        const saves = backend.calls.filter((c) => c.cmd === 'oo_save_notes');
        expect(saves.at(-1)?.args).toEqual({
          meetingId: 'm3',
          notes: {
            agenda: '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
            shared_notes: 'Agreed on the rota',
            private_notes: '',
            mood: 4,
            energy: null,
          },
        });
      },
      { timeout: 2000 },
    );
    await waitFor(() => expect(screen.getByTestId('oo-save-state').textContent).toContain('Saved'));
    // Keystrokes were coalesced, not one save each.
    expect(backend.calls.filter((c) => c.cmd === 'oo_save_notes').length).toBeLessThan(5);
  });

  it('Ctrl+B bolds the selection and saves it; Preview shows the notes formatted, Edit goes back', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    const notes = screen.getByTestId<HTMLTextAreaElement>('oo-shared-notes');
    await user.type(notes, 'Ship it');
    notes.setSelectionRange(0, 4);
    await user.keyboard('{Control>}b{/Control}');
    expect(notes.value).toBe('**Ship** it');
    await waitFor(
      () =>
        expect(backend.calls.filter((c) => c.cmd === 'oo_save_notes').at(-1)?.args.notes).toMatchObject({
          shared_notes: '**Ship** it',
        }),
      { timeout: 2000 },
    );

    await user.click(screen.getByTestId('oo-meeting-preview'));
    expect(screen.getByTestId('oo-shared-notes-preview').querySelector('strong')?.textContent).toBe('Ship');
    expect(screen.getByTestId('oo-private-notes-preview').textContent).toContain('Nothing written.');
    expect(screen.queryByTestId('oo-shared-notes')).toBeNull();
    await user.click(screen.getByTestId('oo-meeting-preview'));
    expect(screen.getByTestId<HTMLTextAreaElement>('oo-shared-notes').value).toBe('**Ship** it');
  });

  it('never rewrites the notes being typed with what a save returns', async () => {
    const backend = fakeBackend({ staleSaves: true });
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    const shared = screen.getByTestId<HTMLTextAreaElement>('oo-shared-notes');
    await user.type(shared, 'First thought.');
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'oo_save_notes')).toBe(true), { timeout: 2000 });
    await user.type(shared, ' Second thought.');
    await waitFor(() => expect(screen.getByTestId('oo-save-state').textContent).toContain('Saved'), { timeout: 2000 });
    expect(shared.value).toBe('First thought. Second thought.');
    expect(backend.calls.filter((c) => c.cmd === 'oo_save_notes').at(-1)!.args.notes).toMatchObject({
      shared_notes: 'First thought. Second thought.',
    });
  });

  it('saves at once when the editor loses focus', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    await user.type(screen.getByTestId('oo-private-notes'), 'Watch burnout');
    expect(backend.calls.some((c) => c.cmd === 'oo_save_notes')).toBe(false);
    await user.click(screen.getByTestId('oo-energy-2'));
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === 'oo_save_notes')).toBe(true));
    const first = backend.calls.find((c) => c.cmd === 'oo_save_notes')!.args.notes as NotesInput;
    expect(first.private_notes).toBe('Watch burnout');
  });

  it('keeps private notes visually apart from shared notes', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await screen.findByTestId('oo-meeting');
    const privateNotes = screen.getByTestId('oo-private-notes');
    expect(privateNotes.classList.contains('private')).toBe(true);
    expect(screen.getByTestId('oo-shared-notes').classList.contains('private')).toBe(false);
    const field = screen.getByTestId('oo-private-field');
    expect(field.textContent).toContain('Private — only you, never exported unless you choose');
    expect(field.querySelector('svg')).toBeTruthy();
    // The label and the explanation are tied to the editor for screen readers.
    expect(screen.getByLabelText('Private notes')).toBe(privateNotes);
    expect(document.getElementById(privateNotes.getAttribute('aria-describedby')!)?.textContent).toContain('only you');
  });

  it('opens a past meeting from the timeline, editable, and back to the prep', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    const items = await screen.findAllByTestId('oo-timeline-item');
    await user.click(items[0]!);
    expect(screen.getByTestId('oo-meeting').dataset.meetingId).toBe('m2');
    expect(screen.getByTestId<HTMLTextAreaElement>('oo-private-notes').value).toBe('Seemed tired; watch on-call load.');
    expect(screen.getByTestId('oo-mood-3').getAttribute('aria-checked')).toBe('true');
    await user.type(screen.getByTestId('oo-shared-notes'), ' Follow up.');
    // Leaving the meeting saves what was typed right away.
    await user.click(screen.getByTestId('oo-done'));
    await screen.findByTestId('oo-prep');
    const save = backend.calls.find((c) => c.cmd === 'oo_save_notes')!;
    expect(save.args.meetingId).toBe('m2');
    expect((save.args.notes as NotesInput).shared_notes).toBe('Ingress cut-over went **cleanly**. Follow up.');
  });

  it('searches notes, marks private hits, and opens the meeting a hit belongs to', async () => {
    const backend = fakeBackend({
      hits: [
        {
          kind: 'private',
          ref_id: 'm2',
          person_id: 'p1',
          person_name: 'Maya Chen',
          date: '2026-11-12',
          snippet: 'watch \u0002on-call\u0003 load <b>now</b>',
        },
      ],
    });
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByTestId('oo-search'));
    await user.keyboard('on-call');
    const result = await screen.findByTestId('oo-search-result');
    expect(result.textContent).toContain('Maya Chen');
    expect(result.textContent).toContain('Private');
    expect(result.querySelector('svg')).toBeTruthy();
    expect(result.querySelector('mark')?.textContent).toBe('on-call');
    expect(result.querySelector('b')).toBeNull();
    expect(backend.calls.filter((c) => c.cmd === 'oo_search').at(-1)!.args).toEqual({ query: 'on-call', personId: null });

    await user.click(screen.getByTestId('oo-search-this-person'));
    await waitFor(() =>
      expect(backend.calls.filter((c) => c.cmd === 'oo_search').at(-1)!.args).toEqual({ query: 'on-call', personId: 'p1' }),
    );

    await user.click(result);
    expect((await screen.findByTestId('oo-meeting')).dataset.meetingId).toBe('m2');
  });

  it('adds talking points with Enter, adds and ticks off action items', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');

    await user.click(screen.getByTestId('oo-add-point-theirs'));
    await user.type(screen.getByTestId('oo-add-point-text'), 'Conference talk idea{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('oo-point')).toHaveLength(3));
    expect(backend.calls.find((c) => c.cmd === 'oo_add_point')!.args).toEqual({
      personId: 'p1',
      text: 'Conference talk idea',
      author: 'theirs',
    });
    expect(screen.getAllByTestId('oo-point')[2]!.textContent).toContain('Theirs');
    // The field is ready for the next one.
    expect(screen.getByTestId<HTMLInputElement>('oo-add-point-text').value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('oo-add-point-text'));

    // Esc abandons a half-typed item.
    await user.type(screen.getByTestId('oo-add-action-text'), 'Never mind');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId<HTMLInputElement>('oo-add-action-text').value).toBe('');

    await user.click(screen.getByTestId('oo-add-action-owner-me'));
    await user.type(screen.getByTestId('oo-add-action-text'), 'Book the design review{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('oo-action')).toHaveLength(3));
    expect(backend.calls.find((c) => c.cmd === 'oo_add_action')!.args).toEqual({
      action: { person_id: 'p1', text: 'Book the design review', owner: 'me', due_date: null, meeting_id: null },
    });

    await user.click(within(screen.getAllByTestId('oo-action')[0]!).getByTestId('oo-action-done'));
    await waitFor(() => expect(screen.getAllByTestId('oo-action')).toHaveLength(2));
    expect(backend.calls.find((c) => c.cmd === 'oo_set_action_done')!.args).toEqual({ id: 'a1', done: true });
    expect(toasts.at(-1)?.message).toContain('Draft the RFC');
  });

  it('saves the cadence and template choices', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');
    await user.selectOptions(screen.getByTestId('oo-cadence'), 'biweekly');
    await waitFor(() =>
      expect(backend.calls.find((c) => c.cmd === 'oo_set_settings')?.args).toEqual({
        settings: { person_id: 'p1', cadence: 'biweekly', template_id: 'tpl-career-growth' },
      }),
    );
    await user.selectOptions(screen.getByTestId('oo-template'), '');
    await waitFor(() =>
      expect(backend.calls.filter((c) => c.cmd === 'oo_set_settings').at(-1)?.args).toEqual({
        settings: { person_id: 'p1', cadence: 'biweekly', template_id: null },
      }),
    );
    // The prep is asked for again: the backend decides the new status and questions.
    expect(backend.calls.filter((c) => c.cmd === 'oo_prep').length).toBeGreaterThan(1);
  });

  it('puts a setting back on what is saved when saving it fails', async () => {
    fakeBackend({ settingsFail: true });
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');
    const cadence = screen.getByTestId<HTMLSelectElement>('oo-cadence');
    await user.selectOptions(cadence, 'monthly');
    await waitFor(() => expect(toasts.at(-1)?.message).toBe('The database is locked'));
    expect(cadence.value).toBe('weekly');
  });

  it('moves through people with the arrow keys and opens one with Enter', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');
    const rows = screen.getAllByTestId('oo-person-row');
    expect(rows.map((r) => r.dataset.personId)).toEqual(['p1', 'p2']);
    expect(rows[0]!.textContent).toContain('Overdue');
    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[1]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('oo-person-name').textContent).toBe('Diego Alvarez'));
    expect(backend.calls.filter((c) => c.cmd === 'oo_prep').at(-1)!.args).toEqual({ personId: 'p2' });
  });
});
