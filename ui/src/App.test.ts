import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CadenceStatus, Person } from './bindings';
import App from './App.svelte';
import { openArea } from './lib/nav.svelte';

const maya: Person = {
  id: 'p1',
  name: 'Maya Chen',
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
const status: CadenceStatus = { cadence: 'weekly', last_date: null, days_since_last: null, next_due: null, state: 'never_met' };

function fakeBackend() {
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case 'app_status':
        return { data_dir: '/tmp/leadbook', db_path: '/tmp/leadbook/leadbook.db', schema_version: 3, error: null };
      case 'people_list':
        return [maya];
      case 'oo_due':
        return [{ person_id: 'p1', name: 'Maya Chen', status }];
      case 'oo_templates':
        return [];
      case 'oo_prep':
        return {
          person: maya,
          status,
          template_name: null,
          last_meeting: null,
          open_actions: [],
          talking_points: [],
          suggested_questions: [],
          goals: [],
          since_last: [],
        };
      case 'oo_meetings':
        return [];
      case 'oo_settings':
        return { person_id: args.personId, cadence: 'weekly', template_id: null };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
}

describe('App', () => {
  beforeEach(() => openArea('today'));

  it('lists the areas in order and opens Today first', async () => {
    fakeBackend();
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const items = within(nav).getAllByRole('button');
    expect(items.map((b) => b.dataset.testid)).toEqual(['nav-today', 'nav-people', 'nav-one-on-ones', 'nav-blueprint']);
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
});
