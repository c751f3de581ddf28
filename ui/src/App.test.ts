import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { openArea } from './lib/nav.svelte';
import { appStatus, cadenceStatus, dueEntry, mockBackend, person, preferences, prep } from './test/fixtures';

const maya = person({ id: 'p1', name: 'Maya Chen', title: 'Senior SRE', team: 'Platform' });
const status = cadenceStatus(); // weekly, never met

function fakeBackend(theme: 'system' | 'dark' = 'system') {
  mockBackend({
    app_status: () => appStatus(),
    settings_preferences: () => preferences({ theme }),
    people_list: () => [maya],
    oo_due: () => [dueEntry(maya, status)],
    oo_templates: () => [],
    oo_prep: () => prep({ person: maya, status }),
    oo_meetings: () => [],
    oo_settings: (args) => ({ person_id: args.personId, cadence: 'weekly', template_id: null }),
  });
}

describe('App', () => {
  beforeEach(() => openArea('today'));

  it('lists the areas in order and opens Today first', async () => {
    fakeBackend();
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const items = within(nav).getAllByRole('button');
    expect(items.map((b) => b.dataset.testid)).toEqual([
      'nav-today',
      'nav-people',
      'nav-one-on-ones',
      'nav-blueprint',
      'nav-settings',
    ]);
    expect(items[2]!.textContent).toContain('1:1s');
    expect(items[0]!.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByTestId('today-due-row')).toBeTruthy();
  });

  it('jumps from Today and from People to the person’s 1:1 space', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId('today-prep'));
    await waitFor(() => expect(screen.getByTestId('oo-person-name').textContent).toBe('Maya Chen'));
    expect(screen.getByTestId('nav-one-on-ones').getAttribute('aria-current')).toBe('page');

    await user.keyboard('{Control>}2{/Control}');
    await user.click(await screen.findByTestId('person-open-1on1'));
    expect(await screen.findByTestId('oo-prep')).toBeTruthy();
    expect(screen.getByTestId('oo-person-name').textContent).toBe('Maya Chen');
  });

  it('applies the saved theme at start', async () => {
    fakeBackend('dark');
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });
});
