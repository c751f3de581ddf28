import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Cell, Matrix, MatrixQuery, MatrixSkill, Profile, RatingInput } from '../../bindings';
import { mockBackend } from '../../test/fixtures';
import SkillsPage from './SkillsPage.svelte';

const scale = ['None', 'Aware', 'Working', 'Proficient', 'Expert'].map((name, level) => ({
  level,
  name,
  description: '',
}));

function cell(manager: number | null, extra: Partial<Cell> = {}): Cell {
  return {
    manager,
    manager_on: manager === null ? null : '2026-10-01',
    self_level: null,
    self_on: null,
    wants_to_grow: false,
    ...extra,
  };
}

function skill(id: string, name: string, holders: string[], category = 'Must-have technical skills'): MatrixSkill {
  return {
    id,
    name,
    category,
    description: '',
    retired: false,
    holders,
    at_risk: holders.length <= 1,
    rated: 2,
    average: 2,
  };
}

/** A backend whose ratings change the matrix the way Rust would (holders: manager 3+). */
function backend(rows = 2) {
  const people = [
    { person_id: 'p1', name: 'Maya Chen', email: 'maya@example.com', title: 'SRE', team: 'Platform' },
    { person_id: 'p2', name: 'Bo Lind', email: 'bo@example.com', title: 'SRE', team: 'Network' },
  ].slice(0, rows);
  const levels: Record<string, (number | null)[]> = { p1: [3, 1], p2: [3, 2] };
  const matrix = (q: MatrixQuery): Matrix => {
    const shown = people.filter((p) => !q.team || p.team === q.team);
    const skills = [
      skill(
        's1',
        'Observability',
        shown.filter((p) => (levels[p.person_id]![0] ?? 0) >= 3).map((p) => p.person_id),
      ),
      skill(
        's2',
        'Databases and caching',
        shown.filter((p) => (levels[p.person_id]![1] ?? 0) >= 3).map((p) => p.person_id),
      ),
    ];
    return {
      scale,
      teams: ['Network', 'Platform'],
      categories: ['Must-have technical skills', 'Soft skills'],
      skills,
      rows: shown.map((p) => ({
        ...p,
        cells: [
          cell(levels[p.person_id]![0]!, p.person_id === 'p1' ? { self_level: 4, self_on: '2026-09-01' } : {}),
          cell(levels[p.person_id]![1]!, { wants_to_grow: p.person_id === 'p2' }),
        ],
      })),
    };
  };
  const profile: Profile = {
    person_id: 'p1',
    since: '2026-05-01',
    level_key: 'L4',
    changed: 1,
    skills: [
      {
        skill_id: 's1',
        name: 'Observability',
        category: 'Must-have technical skills',
        manager: 3,
        manager_on: '2026-10-01',
        self_level: 4,
        self_on: '2026-09-01',
        wants_to_grow: false,
        at_since: 2,
        expected: 2,
      },
    ],
  };
  const api = mockBackend({
    skills_matrix: (a) => matrix(a.query as MatrixQuery),
    skills_rate: (a) => {
      const input = a.input as RatingInput;
      const col = input.skill_id === 's1' ? 0 : 1;
      levels[input.person_id]![col] = input.level;
      return { id: 'r', ...input, rated_on: '2026-11-26', note: '', created_at: '' };
    },
    skills_set_wants: () => null,
    skills_profile: () => profile,
    skills_history: (a) => [
      {
        id: 'h2',
        person_id: a.personId,
        skill_id: a.skillId,
        rater: 'manager',
        level: 3,
        rated_on: '2026-10-01',
        note: '',
        created_at: '',
      },
      {
        id: 'h1',
        person_id: a.personId,
        skill_id: a.skillId,
        rater: 'manager',
        level: 1,
        rated_on: '2025-10-01',
        note: 'New to it',
        created_at: '',
      },
    ],
  });
  return api;
}

describe('SkillsPage', () => {
  it('says what the area is for when there is nobody to show', async () => {
    mockBackend({
      skills_matrix: (): Matrix => ({ scale, teams: [], categories: [], skills: [], rows: [] }),
    });
    render(SkillsPage);
    expect(await screen.findByText('See who knows what')).toBeTruthy();
    expect(screen.getByTestId('load-demo')).toBeTruthy();
  });

  it('shows the number in every rated cell, the bus-factor marker, and self vs manager for the focused cell', async () => {
    backend();
    render(SkillsPage);
    const cells = await screen.findAllByTestId('heat-cell');
    expect(cells.map((c) => c.textContent?.trim())).toEqual(['3', '1', '3', '2']);
    expect(cells[0]!.getAttribute('style')).toContain('var(--heat-3)');
    const headers = screen.getAllByTestId('skill-header');
    expect(headers[0]!.dataset.atRisk).toBe('false');
    expect(headers[1]!.dataset.atRisk).toBe('true');
    expect(within(headers[1]!).getByTestId('bus-factor').textContent).toContain('0');
    await fireEvent.focus(cells[0]!);
    const inspector = screen.getByTestId('heat-inspector');
    expect(inspector.textContent).toContain('Maya Chen');
    expect(inspector.textContent).toContain('Manager 3 Proficient, 2026-10-01');
    expect(inspector.textContent).toContain('Self 4 Expert, 2026-09-01');
  });

  it('rates the focused cell from the keyboard and the bus-factor warning follows the new matrix', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(SkillsPage);
    const cells = await screen.findAllByTestId('heat-cell');
    cells[0]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getAllByTestId('heat-cell')[1]);
    await user.keyboard('{ArrowDown}4');
    await waitFor(() =>
      expect(api.lastArgs('skills_rate')).toEqual({
        input: { person_id: 'p2', skill_id: 's2', rater: 'manager', level: 4, rated_on: null, note: null },
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('skill-header')[1]!.dataset.atRisk).toBe('true'));
    await user.keyboard('{ArrowUp}3');
    await waitFor(() => expect(screen.getAllByTestId('skill-header')[1]!.dataset.atRisk).toBe('false'));
    expect(screen.getAllByTestId('heat-cell').map((c) => c.textContent?.trim())).toEqual(['3', '3', '3', '4']);
    expect(screen.queryAllByTestId('bus-factor')).toHaveLength(0);
  });

  it('filters by team and sorts by coverage through the backend', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(SkillsPage);
    await screen.findAllByTestId('heat-cell');
    await user.selectOptions(screen.getByTestId('skills-team'), 'Network');
    await waitFor(() => expect(screen.getAllByTestId('heat-row')).toHaveLength(1));
    expect((api.lastArgs('skills_matrix')!.query as MatrixQuery).team).toBe('Network');
    await user.click(screen.getByTestId('sort-coverage'));
    await waitFor(() => expect((api.lastArgs('skills_matrix')!.query as MatrixQuery).sort).toBe('coverage'));
  });

  it('opens a person’s profile with the change since a date', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(SkillsPage);
    await screen.findAllByTestId('heat-cell');
    await user.click(screen.getAllByTestId('heat-row')[0]!.querySelector('button.who')!);
    const panel = await screen.findByTestId('skill-profile');
    await waitFor(() => expect(within(panel).getByTestId('profile-changed').textContent).toContain('1 skill changed'));
    expect(within(panel).getAllByTestId('skill-bar')[0]!.textContent).toContain('+1');
    expect((api.lastArgs('skills_profile')!.since as string).length).toBe(10);
  });

  it('opens a cell to rate it with a note and a date', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(SkillsPage);
    const cells = await screen.findAllByTestId('heat-cell');
    await user.click(cells[1]!);
    const dialog = await screen.findByTestId('cell-dialog');
    // Every rating kept, newest first, and the trend of the manager's ratings.
    await waitFor(() => expect(within(dialog).getByTestId('cell-history').children).toHaveLength(2));
    expect(within(dialog).getByTestId('cell-trend').querySelectorAll('circle')).toHaveLength(2);
    expect(within(dialog).getByTestId('cell-history').textContent).toContain('New to it');
    await user.click(within(dialog).getByTestId('cell-level-2'));
    await user.type(within(dialog).getByLabelText('Note (optional)'), 'Ran the failover');
    await user.click(within(dialog).getByTestId('cell-save'));
    await waitFor(() => expect(screen.queryByTestId('cell-dialog')).toBeNull());
    const input = api.lastArgs('skills_rate')!.input as RatingInput;
    expect([input.level, input.note, input.rater]).toEqual([2, 'Ran the failover', 'manager']);
  });
});
