import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CadenceStatus, DueEntry, Person } from '../../bindings';
import { nav, openArea } from '../../lib/nav.svelte';
import { toasts } from '../../lib/toasts.svelte';
import TodayPage from './TodayPage.svelte';

function status(state: CadenceStatus['state'], extra: Partial<CadenceStatus> = {}): CadenceStatus {
  return { cadence: 'weekly', last_date: '2026-11-12', days_since_last: 14, next_due: '2026-11-19', state, ...extra };
}

function person(id: string, name: string): Person {
  return {
    id,
    name,
    email: null,
    title: null,
    team: null,
    level: null,
    start_date: null,
    timezone: null,
    notes: '',
    archived_at: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

// In the backend's order: never met first, then by next due date.
const due: DueEntry[] = [
  {
    person_id: 'p7',
    name: 'Sofia Rossi',
    status: status('never_met', { last_date: null, days_since_last: null, next_due: null }),
  },
  { person_id: 'p1', name: 'Maya Chen', status: status('overdue') },
  { person_id: 'p2', name: 'Diego Alvarez', status: status('due', { cadence: 'biweekly', next_due: '2026-11-26' }) },
  { person_id: 'p4', name: 'Tom Becker', status: status('on_track', { days_since_last: 10, next_due: '2026-11-30' }) },
];

function fakeBackend(options: { people: Person[]; due: DueEntry[] }) {
  const calls: string[] = [];
  let people = options.people;
  let dueList = options.due;
  mockIPC((cmd) => {
    calls.push(cmd);
    switch (cmd) {
      case 'oo_due':
        return dueList;
      case 'people_list':
        return people;
      case 'demo_load':
        people = [person('p1', 'Maya Chen')];
        dueList = [due[1]!];
        return { people: 8, meetings: 96, action_items: 30, talking_points: 12 };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return { calls };
}

describe('TodayPage', () => {
  beforeEach(() => {
    openArea('today');
    toasts.splice(0);
  });

  it('lists who is due this week, grouped under their state, in the order returned', async () => {
    fakeBackend({ people: [person('p1', 'Maya Chen')], due });
    render(TodayPage);
    const rows = await screen.findAllByTestId('today-due-row');
    expect(rows.map((r) => r.dataset.personId)).toEqual(['p7', 'p1', 'p2', 'p4']);
    expect(rows.map((r) => r.dataset.state)).toEqual(['never_met', 'overdue', 'due', 'on_track']);

    const labels = screen.getAllByTestId('today-group-label').map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Never met', 'Overdue', 'Due today', 'This week']);
    // Each row sits under its state's heading and says it too.
    const maya = rows[1]!;
    const group = maya.closest('section')!;
    expect(within(group).getByTestId('today-group-label').textContent).toContain('Overdue');
    expect(maya.textContent).toContain('Maya Chen');
    expect(maya.textContent).toContain('Weekly · last 1:1 14 days ago');
    expect(maya.textContent).toContain('Overdue');
    expect(maya.textContent).toContain('Was due');
    expect(rows[0]!.textContent).toContain('no 1:1 yet');
    expect(rows[2]!.textContent).toContain('Every 2 weeks');
  });

  it('Prep opens the person in the 1:1s area', async () => {
    fakeBackend({ people: [person('p1', 'Maya Chen')], due });
    const user = userEvent.setup();
    render(TodayPage);
    const rows = await screen.findAllByTestId('today-due-row');
    await user.click(within(rows[1]!).getByTestId('today-prep'));
    expect(nav.area).toBe('one-on-ones');
    expect(nav.params).toEqual({ personId: 'p1' });
  });

  it('says when everyone is caught up', async () => {
    fakeBackend({ people: [person('p1', 'Maya Chen')], due: [] });
    render(TodayPage);
    expect((await screen.findByTestId('today-caught-up')).textContent).toContain("You're all caught up");
    expect(screen.queryByTestId('load-demo')).toBeNull();
  });

  it('offers a demo team on first run, loads it and shows the result', async () => {
    const backend = fakeBackend({ people: [], due: [] });
    const user = userEvent.setup();
    render(TodayPage);
    const firstRun = await screen.findByTestId('today-first-run');
    expect(within(firstRun).getByTestId('today-add-people').textContent).toContain('Add people');
    await user.click(within(firstRun).getByTestId('load-demo'));
    await waitFor(() => expect(screen.getAllByTestId('today-due-row')).toHaveLength(1));
    expect(backend.calls).toContain('demo_load');
    expect(toasts.at(-1)?.message).toContain('8 people');
  });

  it('Add people opens the People area', async () => {
    fakeBackend({ people: [], due: [] });
    const user = userEvent.setup();
    render(TodayPage);
    await user.click(await screen.findByTestId('today-add-people'));
    expect(nav.area).toBe('people');
  });
});
