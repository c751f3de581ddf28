import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person, PersonInput } from '../../bindings';
import { nav, openArea } from '../../lib/nav.svelte';
import { mockBackend, person as makePerson } from '../../test/fixtures';
import PeoplePage from './PeoplePage.svelte';

function person(name: string, extra: Partial<Person> = {}): Person {
  return makePerson({ id: `id-${name}`, name, ...extra });
}

/** A tiny in-memory backend: enough of the people commands to drive the page. */
function fakeBackend(initial: Person[] = []) {
  const people = [...initial];
  const backend = mockBackend({
    people_list: () => people,
    people_add: (args) => {
      const input = args.input as PersonInput;
      if (input.name === 'Locked') throw { code: 'storage', message: 'The database is locked' };
      if (input.email && !input.email.includes('@')) {
        throw { code: 'invalid_input', message: `"${input.email}" is not a valid email address`, field: 'email' };
      }
      const p = person(input.name, { email: input.email || null, team: input.team || null });
      people.push(p);
      return p;
    },
  });
  return { ...backend, people };
}

describe('PeoplePage', () => {
  it('greets an empty roster with what to do first', async () => {
    fakeBackend();
    render(PeoplePage);
    expect(await screen.findByText('Start with your team')).toBeTruthy();
    expect(screen.getByTestId('empty-add-person')).toBeTruthy();
  });

  it('shows a validation error under the field it concerns, then saves', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(PeoplePage);
    await user.click(await screen.findByTestId('empty-add-person'));
    // Focus lands in the first field.
    expect(document.activeElement).toBe(screen.getByTestId('person-name'));
    await user.type(screen.getByTestId('person-name'), 'Grace Hopper');
    await user.type(screen.getByTestId('person-email'), 'grace-at-navy');
    await user.keyboard('{Enter}');
    const error = await screen.findByTestId('person-email-error');
    expect(error.textContent).toContain('is not a valid email address');
    expect(screen.queryByTestId('person-name-error')).toBeNull();
    expect(backend.people).toHaveLength(0);

    await user.clear(screen.getByTestId('person-email'));
    await user.type(screen.getByTestId('person-email'), 'grace@navy.mil{Enter}');
    await waitFor(() => expect(screen.getByTestId('detail-name').textContent).toBe('Grace Hopper'));
    expect(backend.people.map((p) => p.email)).toEqual(['grace@navy.mil']);
  });

  it('shows an error that concerns no field above the form', async () => {
    const backend = fakeBackend();
    const user = userEvent.setup();
    render(PeoplePage);
    await user.click(await screen.findByTestId('empty-add-person'));
    await user.type(screen.getByTestId('person-name'), 'Locked{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The database is locked');
    expect(screen.queryByTestId('person-name-error')).toBeNull();
    expect(backend.people).toHaveLength(0);
  });

  it('Esc cancels the form without saving', async () => {
    const backend = fakeBackend([person('Ada')]);
    const user = userEvent.setup();
    render(PeoplePage);
    await user.click(await screen.findByTestId('add-person'));
    await user.type(screen.getByTestId('person-name'), 'Nobody');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('person-form')).toBeNull();
    expect(backend.called('people_add')).toBe(false);
  });

  it('lists people and sends the filter and archived toggle to the backend', async () => {
    const backend = fakeBackend([person('Ada', { team: 'Platform' }), person('Linus')]);
    const user = userEvent.setup();
    render(PeoplePage);
    const rows = await screen.findAllByTestId('person-row');
    expect(rows.map((r) => r.querySelector('.name')?.textContent)).toEqual(['Ada', 'Linus']);
    await user.type(screen.getByTestId('people-filter'), 'plat');
    await user.click(screen.getByTestId('show-archived'));
    expect(backend.lastArgs('people_list')!.query).toEqual({ filter: 'plat', include_archived: true });
  });

  it('moves between the filter and the rows with the arrow keys, and marks archived people', async () => {
    fakeBackend([
      person('Ada', { title: 'SRE', team: 'Platform' }),
      person('Linus', { archived_at: '2026-02-01T00:00:00Z' }),
    ]);
    const user = userEvent.setup();
    render(PeoplePage);
    const rows = await screen.findAllByTestId('person-row');
    // Avatar, name and the title · team line; the selected row says so to assistive tech.
    expect(rows[0]!.querySelector('.avatar')?.textContent).toBe('A');
    expect(rows[0]!.querySelector('.meta')?.textContent).toBe('SRE · Platform');
    expect(rows[0]!.getAttribute('aria-current')).toBe('true');
    expect(rows[1]!.textContent).toContain('Archived');
    expect(rows[1]!.classList.contains('archived')).toBe(true);

    await user.click(screen.getByTestId('people-filter'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[1]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('detail-name').textContent).toBe('Linus'));
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByTestId('people-filter'));
  });
});

describe('PeoplePage opened on a person (Ctrl+K)', () => {
  afterEach(() => openArea('people'));

  it('shows them with the keyboard on their row, even when archived people are hidden', async () => {
    const everyone = [person('Ada'), person('Linus', { archived_at: '2026-02-01T00:00:00Z' })];
    const backend = mockBackend({
      people_list: (args) => {
        const query = args.query as { include_archived: boolean };
        return everyone.filter((p) => query.include_archived || !p.archived_at);
      },
    });
    openArea('people', { personId: 'id-Linus' });
    render(PeoplePage);
    await waitFor(() => expect(screen.getByTestId('detail-name').textContent).toBe('Linus'));
    expect(backend.lastArgs('people_list')!.query).toEqual({ filter: null, include_archived: true });
    expect(screen.getByTestId<HTMLInputElement>('show-archived').checked).toBe(true);
    const row = screen.getAllByTestId('person-row').find((r) => r.dataset.personId === 'id-Linus');
    await waitFor(() => expect(document.activeElement).toBe(row));

    // Opened on someone else while the page is showing.
    openArea('people', { personId: 'id-Ada' });
    await waitFor(() => expect(screen.getByTestId('detail-name').textContent).toBe('Ada'));
    expect(nav.area).toBe('people');
  });
});
