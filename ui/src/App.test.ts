import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import type { AppError } from './bindings';
import { recovery } from './lib/drafts/drafts.svelte';
import { openArea } from './lib/nav.svelte';
import { muteErrors, toasts } from './lib/toasts.svelte';
import {
  appStatus,
  cadenceStatus,
  dueEntry,
  meetingDraft,
  mockBackend,
  node,
  paletteHit,
  person,
  preferences,
  prep,
  snapshot,
} from './test/fixtures';

const maya = person({ id: 'p1', name: 'Maya Chen', title: 'Senior SRE', team: 'Platform' });
const status = cadenceStatus(); // weekly, never met

const budget = paletteHit({
  group: 'Blueprint',
  kind: 'blueprint',
  ref_id: 'n-budget',
  title: 'Error budget burn rate',
  detail: '§7 KPIs',
  snippet: '\u0002Error\u0003 \u0002budget\u0003 burn rate',
});

function fakeBackend(theme: 'system' | 'dark' = 'system', drafts = [] as ReturnType<typeof meetingDraft>[]) {
  mockBackend({
    app_status: () => appStatus(),
    drafts_list: () => drafts,
    settings_preferences: () => preferences({ theme }),
    palette_search: (args) => ((args.query as string).includes('budget') ? [budget] : []),
    blueprint_document: () => ({
      title: 'Role blueprint',
      sections: [
        {
          id: 's7',
          number: 7,
          title: 'KPIs',
          edited: false,
          nodes: [
            node('p1', 'paragraph', { body: 'How the role is measured.' }),
            node('n-budget', 'paragraph', { body: 'Error budget burn rate' }),
          ],
        },
      ],
    }),
    people_list: () => [maya],
    oo_due: () => [dueEntry(maya, status)],
    oo_templates: () => [],
    oo_prep: () => prep({ person: maya, status }),
    oo_meetings: () => [],
    oo_settings: (args) => ({ person_id: args.personId, cadence: 'weekly', template_id: null }),
  });
}

describe('App', () => {
  beforeEach(() => {
    openArea('today');
    toasts.splice(0);
    recovery.drafts = [];
    muteErrors(null);
  });

  it('offers back text an earlier run could not save', async () => {
    fakeBackend('system', [meetingDraft('m1', { shared_notes: 'Zephyr rollout owner' })]);
    render(App);
    const banner = await screen.findByTestId('drafts-banner');
    expect(within(banner).getByTestId('draft-preview').textContent).toBe('Zephyr rollout owner');
  });

  it('with a damaged database: the banner explains, and the areas do not pile up toasts about it', async () => {
    const damaged: AppError = { code: 'damaged', message: 'The database file /d/leadbook.db is damaged (malformed).' };
    mockIPC((cmd) => {
      if (cmd === 'app_status')
        return appStatus({ data_dir: '/d', db_path: null, schema_version: null, error: damaged });
      if (cmd === 'settings_snapshots') return [snapshot(10)];
      throw damaged;
    });
    const user = userEvent.setup();
    render(App);
    expect((await screen.findByTestId('damaged-banner')).textContent).toContain('The file was left untouched');
    expect(screen.queryByTestId('drafts-banner')).toBeNull();
    await user.click(screen.getByTestId('nav-people'));
    await user.click(screen.getByTestId('nav-one-on-ones'));
    await user.click(screen.getByTestId('nav-blueprint'));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });

  it('lists the areas in order and opens Today first', async () => {
    fakeBackend();
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const items = within(nav).getAllByRole('button');
    expect(items.map((b) => b.dataset.testid)).toEqual([
      'nav-today',
      'nav-people',
      'nav-one-on-ones',
      'nav-skills',
      'nav-ladders',
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

  it('opens the palette with Ctrl+K from anywhere, even while typing; Esc closes it and gives the focus back', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(App);
    await user.keyboard('{Control>}2{/Control}');
    const filter = await screen.findByTestId('people-filter');
    await user.click(filter);
    await user.keyboard('Ma{Control>}k{/Control}');
    const input = await screen.findByTestId('palette-input');
    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId('palette').getAttribute('aria-modal')).toBe('true');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('palette')).toBeNull());
    expect(document.activeElement).toBe(filter);
    expect((filter as HTMLInputElement).value).toBe('Ma');

    // Ctrl+K again closes it; the sidebar's search button opens it too.
    await user.keyboard('{Control>}k{/Control}');
    await screen.findByTestId('palette');
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(screen.queryByTestId('palette')).toBeNull());
    await user.click(screen.getByTestId('open-palette'));
    await user.keyboard('go to 1:1{Enter}');
    await waitFor(() => expect(screen.getByTestId('nav-one-on-ones').getAttribute('aria-current')).toBe('page'));
    expect(screen.queryByTestId('palette')).toBeNull();
  });

  it('applies the saved theme at start', async () => {
    fakeBackend('dark');
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });

  it('lands on a blueprint item picked in the palette: in view, flashed and focused', async () => {
    fakeBackend();
    const user = userEvent.setup();
    render(App);
    await user.keyboard('{Control>}k{/Control}error budget');
    await waitFor(() => expect(screen.getAllByTestId('palette-option')[0]!.dataset.refId).toBe('n-budget'));
    await user.keyboard('{Enter}');
    const target = () => document.querySelector<HTMLElement>('[data-testid="bp-node"][data-node-id="n-budget"]');
    await waitFor(() => expect(document.activeElement).toBe(target()));
    expect(target()!.classList.contains('bp-flash')).toBe(true);
    expect(screen.getByTestId('nav-blueprint').getAttribute('aria-current')).toBe('page');
  });
});
