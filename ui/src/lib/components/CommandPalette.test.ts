import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaletteHit } from '../../bindings';
import { mockBackend, paletteHit, type Routes } from '../../test/fixtures';
import { nav, openArea } from '../nav.svelte';
import { toasts } from '../toasts.svelte';
import CommandPalette from './CommandPalette.svelte';

const maya = paletteHit({ ref_id: 'p1', title: 'Maya Chen', detail: 'Senior SRE · Platform' });
const notes = paletteHit({
  group: '1:1 notes',
  kind: 'meeting',
  ref_id: 'm1',
  person_id: 'p1',
  title: '1:1 with Maya Chen',
  detail: '2026-11-12',
  snippet: 'Flew the \u0002zeppelin\u0003 over <b>Ingress</b>',
});
const secret = paletteHit({
  group: '1:1 notes',
  kind: 'private',
  ref_id: 'm1',
  person_id: 'p1',
  title: 'Private notes, 1:1 with Maya Chen',
  detail: '2026-11-12',
  snippet: 'Worried about the \u0002zeppelin\u0003 launch',
  private: true,
});
const point = paletteHit({
  group: '1:1 notes',
  kind: 'point',
  ref_id: 't1',
  person_id: 'p1',
  title: 'Talking point for Maya Chen',
  snippet: 'Ask about the zeppelin',
});
const budget = paletteHit({
  group: 'Blueprint',
  kind: 'blueprint',
  ref_id: 'n7',
  title: 'Error budget burn rate',
  detail: '§7 KPIs and measurement',
  snippet: '\u0002Error\u0003 \u0002budget\u0003 burn rate',
});

function setup(routes: Routes = {}) {
  const backend = mockBackend({ palette_search: () => [], ...routes });
  const onclose = vi.fn();
  const user = userEvent.setup();
  render(CommandPalette, { onclose });
  return { backend, onclose, user, input: screen.getByTestId<HTMLInputElement>('palette-input') };
}

const options = () => screen.queryAllByTestId('palette-option');
const labels = () => options().map((o) => o.querySelector('.title')?.textContent);
const groupLabels = () => [...document.querySelectorAll('.group-label')].map((g) => g.textContent);
const selected = () => options().find((o) => o.getAttribute('aria-selected') === 'true');

/** Resolves each search when the test says so. */
function controlledSearch() {
  const pending: { query: string; resolve: (hits: PaletteHit[]) => void }[] = [];
  const route = (args: Record<string, unknown>) =>
    new Promise<PaletteHit[]>((resolve) => pending.push({ query: args.query as string, resolve }));
  return { pending, route };
}

describe('CommandPalette', () => {
  beforeEach(() => {
    openArea('today');
    toasts.splice(0);
  });

  it('opens as a launcher: every area and the exports, moved through with the arrow keys', async () => {
    const { backend, onclose, user, input } = setup();
    expect(document.activeElement).toBe(input);
    expect(groupLabels()).toEqual(['Go to', 'Actions']);
    expect(labels()).toEqual([
      'Go to Today',
      'Go to People',
      'Go to 1:1s',
      'Go to Skills',
      'Go to Ladders',
      'Go to Blueprint',
      'Open Settings',
      'Export the role blueprint as PDF…',
      'Export the role blueprint as Markdown…',
      'Export the role blueprint as JSON…',
    ]);
    expect(options()[1]!.textContent).toContain('Ctrl+2');
    expect(backend.called('palette_search')).toBe(false);

    expect(selected()?.textContent).toContain('Go to Today');
    await user.keyboard('{ArrowDown}');
    expect(selected()?.textContent).toContain('Go to People');
    expect(input.getAttribute('aria-activedescendant')).toBe(selected()!.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(selected()?.textContent).toContain('Export the role blueprint as JSON…');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(onclose).toHaveBeenCalledOnce();
    expect(nav.area).toBe('people');
  });

  it('shows records under the backend’s groups in its order, then the matching commands; private hits carry the lock', async () => {
    const { backend, user } = setup({ palette_search: () => [maya, notes, secret, point, budget] });
    await user.keyboard('maya');
    await waitFor(() => expect(options()).toHaveLength(7));
    expect(backend.lastArgs('palette_search')).toEqual({ query: 'maya' });
    expect(groupLabels()).toEqual(['People', '1:1 notes', 'Blueprint', 'Actions']);
    // The backend ranked them; the palette keeps its order.
    expect(options().map((o) => o.dataset.refId ?? o.dataset.command)).toEqual([
      'p1',
      'm1',
      'm1',
      't1',
      'n7',
      'start-p1',
      'export-p1',
    ]);
    expect(labels().slice(-2)).toEqual(['Start 1:1 with Maya Chen', 'Export 1:1 history of Maya Chen…']);

    const [person, meeting, privateNotes] = options();
    expect(person!.textContent).toContain('Senior SRE · Platform');
    expect(person!.querySelector('.avatar')?.textContent).toBe('MC');
    // Snippets are escaped, with the matched words marked.
    expect(meeting!.querySelector('mark')?.textContent).toBe('zeppelin');
    expect(meeting!.querySelector('b')).toBeNull();
    expect(meeting!.textContent).toContain('<b>Ingress</b>');
    expect(within(privateNotes!).getByText('Private')).toBeTruthy();
    expect(privateNotes!.querySelector('.glyph.private')).toBeTruthy();
    expect(meeting!.textContent).not.toContain('Private');
    expect(screen.getByTestId('palette-list').getAttribute('role')).toBe('listbox');
  });

  it.each([
    ['a person on the People page', maya, { area: 'people', params: { personId: 'p1' } }],
    ['notes in their 1:1', notes, { area: 'one-on-ones', params: { personId: 'p1', meetingId: 'm1' } }],
    ['private notes in their 1:1', secret, { area: 'one-on-ones', params: { personId: 'p1', meetingId: 'm1' } }],
    ['a talking point on the prep', point, { area: 'one-on-ones', params: { personId: 'p1' } }],
    ['a blueprint item at its node', budget, { area: 'blueprint', params: { nodeId: 'n7' } }],
    [
      'a skill in the matrix',
      paletteHit({ kind: 'skill', group: 'Skills', ref_id: 's1', title: 'Observability', detail: 'Skill · Must-have' }),
      { area: 'skills', params: { skillId: 's1' } },
    ],
    [
      'a competency on its ladder',
      paletteHit({ kind: 'competency', group: 'Competencies', ref_id: 'c1', title: 'Incident leadership' }),
      { area: 'ladders', params: { competencyId: 'c1' } },
    ],
  ])('Enter opens %s', async (_, hit, where) => {
    const { onclose, user } = setup({ palette_search: () => [hit] });
    await user.keyboard('zeppelin');
    await waitFor(() => expect(options()[0]?.dataset.refId).toBe(hit.ref_id));
    await user.keyboard('{Enter}');
    expect(onclose).toHaveBeenCalledOnce();
    expect({ area: nav.area, params: { ...nav.params } }).toEqual(where);
  });

  it('never shows an older answer over a newer one, and Enter waits for the answer to what was typed', async () => {
    const search = controlledSearch();
    const { backend, onclose, user } = setup({ palette_search: search.route });
    await user.keyboard('z');
    await user.keyboard('eppelin');
    // One question in flight at a time: "z" was asked, the rest waits for its answer.
    expect(backend.argsOf('palette_search')).toEqual([{ query: 'z' }]);
    await user.keyboard('{Enter}');
    expect(onclose).not.toHaveBeenCalled();

    search.pending[0]!.resolve([budget]);
    await waitFor(() => expect(backend.argsOf('palette_search')).toHaveLength(2));
    expect(search.pending[1]!.query).toBe('zeppelin');
    // The answer to "z" is on screen meanwhile, but Enter was meant for "zeppelin".
    expect(options()[0]?.dataset.refId).toBe('n7');
    expect(onclose).not.toHaveBeenCalled();

    search.pending[1]!.resolve([notes]);
    await waitFor(() => expect(onclose).toHaveBeenCalledOnce());
    expect(nav.area).toBe('one-on-ones');
    expect(nav.params).toEqual({ personId: 'p1', meetingId: 'm1' });
  });

  it('finds commands by a case-insensitive substring of their name (or an alias)', async () => {
    const { user, input } = setup();
    await user.keyboard('GO TO PEO');
    expect(labels()).toEqual(['Go to People']);
    await waitFor(() => expect(screen.getByTestId('palette-no-results').textContent).toContain('“GO TO PEO”'));

    await user.clear(input);
    await user.keyboard('preferences');
    expect(labels()).toEqual(['Open Settings']);
    await user.keyboard('{Enter}');
    expect(nav.area).toBe('settings');
  });

  it('Start 1:1 with a person found opens their 1:1s to start it', async () => {
    const { user, onclose } = setup({ palette_search: () => [maya] });
    await user.keyboard('maya');
    await waitFor(() => expect(labels()).toContain('Start 1:1 with Maya Chen'));
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onclose).toHaveBeenCalledOnce();
    expect(nav.area).toBe('one-on-ones');
    expect(nav.params).toEqual({ personId: 'p1', then: 'start' });
  });

  it('exports the blueprint through the native dialog and says where it went', async () => {
    const { backend, user } = setup({ blueprint_export: () => '/home/me/role-blueprint.md' });
    await user.keyboard('markdown');
    expect(labels()).toEqual(['Export the role blueprint as Markdown…']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(toasts.map((t) => t.message)).toEqual(['Exported to /home/me/role-blueprint.md']));
    expect(backend.argsOf('blueprint_export')).toEqual([{ format: 'markdown' }]);
  });

  it('keeps Tab inside and closes on Esc', async () => {
    const { onclose, user, input } = setup();
    await user.keyboard('{Tab}');
    expect(document.activeElement).toBe(input);
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(document.activeElement).toBe(input);
    await user.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('opens a row on click', async () => {
    const { onclose, user } = setup();
    await user.click(screen.getByText('Go to Blueprint'));
    expect(onclose).toHaveBeenCalledOnce();
    expect(nav.area).toBe('blueprint');
  });
});
