import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CadenceStatus, DueEntry, Person } from '../../bindings';
import { nav, openArea } from '../../lib/nav.svelte';
import { toasts } from '../../lib/toasts.svelte';
import { cadenceStatus, dueEntry, mockBackend, person } from '../../test/fixtures';
import TodayPage from './TodayPage.svelte';

/** Met 14 days ago, weekly. */
function status(state: CadenceStatus['state'], extra: Partial<CadenceStatus> = {}): CadenceStatus {
  return cadenceStatus({ last_date: '2026-11-12', days_since_last: 14, next_due: '2026-11-19', state, ...extra });
}

const mayaChen = person({ id: 'p1', name: 'Maya Chen' });

// In the backend's order: never met first, then by next due date.
const due: DueEntry[] = [
  dueEntry(
    { id: 'p7', name: 'Sofia Rossi' },
    status('never_met', { last_date: null, days_since_last: null, next_due: null }),
  ),
  dueEntry(mayaChen, status('overdue')),
  dueEntry({ id: 'p2', name: 'Diego Alvarez' }, status('due', { cadence: 'biweekly', next_due: '2026-11-26' })),
  dueEntry({ id: 'p4', name: 'Tom Becker' }, status('on_track', { days_since_last: 10, next_due: '2026-11-30' })),
];

function fakeBackend(options: { people: Person[]; due: DueEntry[] }) {
  let people = options.people;
  let dueList = options.due;
  return mockBackend({
    oo_due: () => dueList,
    people_list: () => people,
    demo_load: () => {
      people = [mayaChen];
      dueList = [due[1]!];
      return { people: 8, meetings: 96, action_items: 30, talking_points: 12 };
    },
  });
}

describe('TodayPage', () => {
  beforeEach(() => {
    openArea('today');
    toasts.splice(0);
  });

  it('lists who is due this week, grouped under their state, in the order returned', async () => {
    fakeBackend({ people: [mayaChen], due });
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
    fakeBackend({ people: [mayaChen], due });
    const user = userEvent.setup();
    render(TodayPage);
    const rows = await screen.findAllByTestId('today-due-row');
    await user.click(within(rows[1]!).getByTestId('today-prep'));
    expect(nav.area).toBe('one-on-ones');
    expect(nav.params).toEqual({ personId: 'p1' });
  });

  it('says when everyone is caught up', async () => {
    fakeBackend({ people: [mayaChen], due: [] });
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
    expect(backend.called('demo_load')).toBe(true);
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
