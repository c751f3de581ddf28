import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem, Meeting, NoteHit, NotesInput, Prep, TalkingPoint } from '../../bindings';
import { nav, openArea } from '../../lib/nav.svelte';
import { toasts } from '../../lib/toasts.svelte';
import {
  actionItem,
  cadenceStatus,
  dueEntry,
  goal,
  meeting,
  mockBackend,
  person,
  prep as makePrep,
  talkingPoint,
  template,
} from '../../test/fixtures';
import OneOnOnesPage from './OneOnOnesPage.svelte';

const overdue = cadenceStatus({
  cadence: 'weekly',
  last_date: '2026-11-12',
  days_since_last: 14,
  next_due: '2026-11-19',
  state: 'overdue',
});

/** An in-memory stand-in for the 1:1 commands, with Maya's prep as the backend would return it. */
function fakeBackend(
  options: {
    hits?: NoteHit[];
    staleSaves?: boolean;
    settingsFail?: boolean;
    /** While `on`, saving notes fails with `message` (drafts are kept instead). */
    saveFails?: { on: boolean; message: string };
  } = {},
) {
  const maya = person({ id: 'p1', name: 'Maya Chen', title: 'Senior SRE', team: 'Platform' });
  const diego = person({ id: 'p2', name: 'Diego Alvarez', title: 'Senior SRE', team: 'Platform' });
  const meetings: Meeting[] = [
    meeting({
      id: 'm2',
      date: '2026-11-12',
      shared_notes: 'Ingress cut-over went **cleanly**.',
      private_notes: 'Seemed tired; watch on-call load.',
      mood: 3,
      energy: 2,
    }),
    meeting({ id: 'm1', date: '2026-11-05', shared_notes: 'Career conversation: staff track.' }),
  ];
  const prep: Prep = makePrep({
    person: maya,
    status: overdue,
    template_name: 'Career growth',
    last_meeting: meetings[0]!,
    // The backend puts overdue items first; the page must keep that order.
    open_actions: [
      actionItem({
        id: 'a1',
        text: 'Draft the RFC for the Terraform state split',
        due_date: '2026-11-20',
        overdue: true,
      }),
      actionItem({ id: 'a2', text: 'Share the promo packet template', owner: 'me' }),
    ],
    talking_points: [
      talkingPoint({ id: 't1', text: 'Wants to rotate off on-call in December', author: 'theirs' }),
      talkingPoint({ id: 't2', text: 'Promo timeline', author: 'mine' }),
    ],
    suggested_questions: ['What part of your work lately has given you the most energy?'],
    goals: [
      goal({
        id: 'g1',
        title: 'Lead a design review',
        status: 'in_progress',
        updated_at: '2026-11-20T00:00:00Z',
      }),
    ],
    since_last: ['Done: Send the on-call handover notes'],
  });
  let started: Meeting | null = null;
  let settings = { person_id: 'p1', cadence: 'weekly', template_id: 'tpl-career-growth' as string | null };

  return mockBackend({
    people_list: () => [maya, diego],
    oo_due: () => [dueEntry(maya, overdue)],
    oo_templates: () => [template({ id: 'tpl-career-growth', name: 'Career growth', builtin: true })],
    oo_prep: (args) =>
      args.personId === 'p1' ? prep : { ...prep, person: diego, open_actions: [], talking_points: [] },
    oo_meetings: () => (started ? [started, ...meetings] : meetings),
    oo_settings: (args) => ({ ...settings, person_id: args.personId }),
    oo_set_settings: (args) => {
      if (options.settingsFail) throw { code: 'storage', message: 'The database is locked' };
      settings = args.settings as typeof settings;
      return settings;
    },
    oo_start: () => {
      started = meeting({
        id: 'm3',
        date: '2026-11-26',
        agenda: '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
      });
      prep.last_meeting = started;
      prep.status = {
        ...overdue,
        last_date: started.date,
        days_since_last: 0,
        next_due: '2026-12-03',
        state: 'on_track',
      };
      return started;
    },
    oo_save_notes: (args) => {
      if (options.saveFails?.on) throw { code: 'storage', message: options.saveFails.message };
      const target = [started, ...meetings].find((m) => m?.id === args.meetingId)!;
      // A backend that answers with an older copy must not change what is on screen.
      if (options.staleSaves) return { ...target, shared_notes: 'server copy' };
      return { ...target, ...(args.notes as NotesInput) };
    },
    oo_set_meeting_date: (args) => {
      if ((args.date as string) > '2026-11-26') {
        throw { code: 'invalid_input', message: 'A 1:1 cannot be recorded in the future', field: 'date' };
      }
      started = { ...started!, date: args.date as string };
      return started;
    },
    oo_delete_meeting: () => {
      started = null;
      return null;
    },
    oo_export: (args) => {
      const range = args.range as { from: string | null; to: string | null };
      if (range.from && range.to && range.from > range.to) {
        throw { code: 'invalid_input', message: 'The end date is before the start date', field: 'to' };
      }
      return '/home/me/1on1s-Maya-Chen.md';
    },
    oo_search: () => options.hits ?? [],
    drafts_keep: () => null,
    drafts_discard: () => null,
    oo_add_point: (args) => {
      const added = talkingPoint({
        id: `t${prep.talking_points.length + 1}`,
        text: args.text as string,
        author: args.author as TalkingPoint['author'],
      });
      prep.talking_points = [...prep.talking_points, added];
      return added;
    },
    oo_add_action: (args) => {
      const input = args.action as { text: string; owner: ActionItem['owner']; due_date: string | null };
      const added = actionItem({
        id: `a${prep.open_actions.length + 1}`,
        text: input.text,
        owner: input.owner,
        due_date: input.due_date,
      });
      prep.open_actions = [...prep.open_actions, added];
      return added;
    },
    oo_set_action_done: (args) => {
      const done = prep.open_actions.find((a) => a.id === args.id)!;
      prep.open_actions = prep.open_actions.filter((a) => a.id !== args.id);
      return { ...done, done_at: '2026-11-26T10:00:00Z' };
    },
  });
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
    expect(backend.argsOf('oo_start')[0]).toEqual({ personId: 'p1' });
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
    expect(backend.argsOf('oo_start')).toHaveLength(1);
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
    expect(backend.lastArgs('oo_set_meeting_date')).toEqual({
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
    expect(backend.argsOf('oo_delete_meeting').some((a) => a.meetingId === 'm3')).toBe(true);
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
    expect(backend.lastArgs('oo_export')).toEqual({
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
      () =>
        expect(backend.lastArgs('oo_save_notes')).toEqual({
          meetingId: 'm3',
          notes: {
            agenda: '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
            shared_notes: 'Agreed on the rota',
            private_notes: '',
            mood: 4,
            energy: null,
          },
        }),
      { timeout: 2000 },
    );
    await waitFor(() => expect(screen.getByTestId('oo-save-state').textContent).toContain('Saved'));
    // Keystrokes were coalesced, not one save each.
    expect(backend.argsOf('oo_save_notes').length).toBeLessThan(5);
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
        expect(backend.lastArgs('oo_save_notes')?.notes).toMatchObject({
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
    await waitFor(() => expect(backend.called('oo_save_notes')).toBe(true), { timeout: 2000 });
    await user.type(shared, ' Second thought.');
    await waitFor(() => expect(screen.getByTestId('oo-save-state').textContent).toContain('Saved'), { timeout: 2000 });
    expect(shared.value).toBe('First thought. Second thought.');
    expect(backend.lastArgs('oo_save_notes')!.notes).toMatchObject({
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
    expect(backend.called('oo_save_notes')).toBe(false);
    await user.click(screen.getByTestId('oo-energy-2'));
    await waitFor(() => expect(backend.called('oo_save_notes')).toBe(true));
    const first = backend.argsOf('oo_save_notes')[0]!.notes as NotesInput;
    expect(first.private_notes).toBe('Watch burnout');
  });

  it('when saving fails, keeps the notes as a draft named after the 1:1, and drops it once they are saved', async () => {
    const saveFails = { on: true, message: 'database is locked' };
    const backend = fakeBackend({ saveFails });
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await user.click(await screen.findByTestId('oo-start'));
    await user.type(await screen.findByTestId('oo-shared-notes'), 'Zephyr');
    await waitFor(() => expect(backend.called('drafts_keep')).toBe(true), { timeout: 2000 });
    const draft = backend.lastArgs('drafts_keep')!.draft as Record<string, string>;
    expect(draft.key).toBe('meeting:m3');
    expect(draft.label).toMatch(/^1:1 with Maya, (26 Nov|Nov 26)$/);
    expect(draft.reason).toBe('database is locked');
    expect(JSON.parse(draft.content)).toEqual({
      person_id: 'p1',
      date: '2026-11-26',
      notes: {
        agenda: '## Talking points\n- (theirs) Wants to rotate off on-call in December\n',
        shared_notes: 'Zephyr',
        private_notes: '',
        mood: null,
        energy: null,
      },
    });
    expect(toasts.at(-1)?.message).toBe(
      'Notes not saved: database is locked. Leadbook keeps trying, and keeps a draft meanwhile.',
    );
    expect(screen.getByTestId('oo-save-state').dataset.state).toBe('error');

    saveFails.on = false;
    await user.click(screen.getByTestId('oo-mood-3'));
    await waitFor(() => expect(backend.lastArgs('drafts_discard')).toEqual({ key: 'meeting:m3' }), {
      timeout: 3000,
    });
    await waitFor(() => expect(screen.getByTestId('oo-save-state').dataset.state).toBe('saved'));
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
    const save = backend.argsOf('oo_save_notes')[0]!;
    expect(save.meetingId).toBe('m2');
    expect((save.notes as NotesInput).shared_notes).toBe('Ingress cut-over went **cleanly**. Follow up.');
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
    expect(backend.lastArgs('oo_search')).toEqual({ query: 'on-call', personId: null });

    await user.click(screen.getByTestId('oo-search-this-person'));
    await waitFor(() => expect(backend.lastArgs('oo_search')).toEqual({ query: 'on-call', personId: 'p1' }));

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
    expect(backend.argsOf('oo_add_point')[0]).toEqual({
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
    expect(backend.argsOf('oo_add_action')[0]).toEqual({
      action: { person_id: 'p1', text: 'Book the design review', owner: 'me', due_date: null, meeting_id: null },
    });

    await user.click(within(screen.getAllByTestId('oo-action')[0]!).getByTestId('oo-action-done'));
    await waitFor(() => expect(screen.getAllByTestId('oo-action')).toHaveLength(2));
    expect(backend.argsOf('oo_set_action_done')[0]).toEqual({ id: 'a1', done: true });
    expect(toasts.at(-1)?.message).toContain('Draft the RFC');
  });

  it('saves the cadence and template choices', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(OneOnOnesPage);
    await screen.findByTestId('oo-prep');
    await user.selectOptions(screen.getByTestId('oo-cadence'), 'biweekly');
    await waitFor(() =>
      expect(backend.argsOf('oo_set_settings')[0]).toEqual({
        settings: { person_id: 'p1', cadence: 'biweekly', template_id: 'tpl-career-growth' },
      }),
    );
    await user.selectOptions(screen.getByTestId('oo-template'), '');
    await waitFor(() =>
      expect(backend.lastArgs('oo_set_settings')).toEqual({
        settings: { person_id: 'p1', cadence: 'biweekly', template_id: null },
      }),
    );
    // The prep is asked for again: the backend decides the new status and questions.
    expect(backend.argsOf('oo_prep').length).toBeGreaterThan(1);
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
    expect(backend.lastArgs('oo_prep')).toEqual({ personId: 'p2' });
  });

  it('opened to start a 1:1 (Ctrl+K), starts it as the Start button does, once; then carries on in it', async () => {
    const backend = fakeBackend();
    openArea('one-on-ones', { personId: 'p2', then: 'start' });
    render(OneOnOnesPage);
    const view = await screen.findByTestId('oo-meeting');
    expect(backend.argsOf('oo_start')).toEqual([{ personId: 'p2' }]);
    expect(view.dataset.meetingId).toBe('m3');
    expect(document.activeElement).toBe(screen.getByTestId('oo-shared-notes'));
    expect(nav.params.then).toBeUndefined();

    // Asked again the same day: today's 1:1 opens, no second one starts.
    openArea('one-on-ones', { personId: 'p2', then: 'start' });
    await waitFor(() => expect(backend.argsOf('oo_prep').length).toBeGreaterThan(2));
    expect((await screen.findByTestId('oo-meeting')).dataset.meetingId).toBe('m3');
    expect(backend.argsOf('oo_start')).toHaveLength(1);
  });

  it('opened to export a person’s history (Ctrl+K), opens the export dialog for them', async () => {
    fakeBackend();
    openArea('one-on-ones', { personId: 'p1', then: 'export' });
    render(OneOnOnesPage);
    expect((await screen.findByTestId('oo-export-dialog')).textContent).toContain('Export 1:1s with Maya Chen');
  });
});
