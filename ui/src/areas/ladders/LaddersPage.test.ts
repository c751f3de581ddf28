import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Ladder, LadderSummary, LevelDiff, PlacedPerson, Readiness } from '../../bindings';
import { mockBackend, type Routes } from '../../test/fixtures';
import LaddersPage from './LaddersPage.svelte';
import PersonGrowth from './PersonGrowth.svelte';

const levels = [
  { id: 'l4', key: 'L4', title: 'Infrastructure Engineer', summary: '', position: 0 },
  { id: 'l5', key: 'L5', title: 'Senior Infrastructure Engineer', summary: '', position: 1 },
];

const ladder: Ladder = {
  id: 'ic',
  name: 'Infrastructure Engineer',
  track: 'ic',
  description: 'The IC track.',
  levels,
  competencies: [
    {
      id: 'c1',
      slug: 'incident-leadership',
      name: 'Incident leadership',
      description: '',
      source_id: null,
      expectations: [
        { level_id: 'l4', text: 'Takes a full on-call rotation.' },
        { level_id: 'l5', text: 'Acts as incident commander.' },
      ],
    },
  ],
  expected_skills: [
    { level_id: 'l4', skill_id: 's1', skill_name: 'Observability', category: 'Must-have', level: 2 },
    { level_id: 'l5', skill_id: 's1', skill_name: 'Observability', category: 'Must-have', level: 3 },
  ],
};

const summary: LadderSummary = {
  id: 'ic',
  name: 'Infrastructure Engineer',
  track: 'ic',
  description: '',
  levels: ['L4', 'L5'],
  competencies: 1,
  people: 1,
};

const readiness: Readiness = {
  placement: {
    person_id: 'p1',
    ladder_id: 'ic',
    ladder_name: 'Infrastructure Engineer',
    level_id: 'l4',
    level_key: 'L4',
    level_title: 'Infrastructure Engineer',
    target_level_id: 'l5',
    target_key: 'L5',
    target_title: 'Senior Infrastructure Engineer',
    updated_at: '',
  },
  against_level_id: 'l5',
  against_key: 'L5',
  against_title: 'Senior Infrastructure Engineer',
  status: 'close',
  met: 0,
  total: 1,
  below: ['Incident leadership'],
  unassessed: [],
  skills_under: [{ skill_id: 's1', name: 'Observability', expected: 3, actual: 2 }],
  competencies: [
    {
      competency_id: 'c1',
      slug: 'incident-leadership',
      name: 'Incident leadership',
      current_text: 'Takes a full on-call rotation.',
      target_text: 'Acts as incident commander.',
      assessment: 'below',
      note: '',
      assessed_on: '2026-11-01',
      evidence: 1,
      last_evidence: '2026-11-20',
    },
  ],
  evidence: 1,
  summary: '0 of 1 competencies met for L5; 1 competency below, 1 skill under the expected level',
};

const diff: LevelDiff = {
  ladder_id: 'ic',
  ladder_name: 'Infrastructure Engineer',
  from: levels[0]!,
  to: levels[1]!,
  changes: [
    {
      competency_id: 'c1',
      slug: 'incident-leadership',
      name: 'Incident leadership',
      from_text: 'Takes a full on-call rotation.',
      to_text: 'Acts as incident commander.',
      from_segments: [{ text: 'Takes a full on-call rotation.', changed: true }],
      to_segments: [
        { text: 'Acts as ', changed: false },
        { text: 'incident commander.', changed: true },
      ],
    },
  ],
  skills: [{ skill_id: 's1', name: 'Observability', from: 2, to: 3 }],
  unchanged: 3,
};

function backend(overrides: Routes = {}) {
  return mockBackend({
    ladders_list: () => [summary],
    ladders_get: () => ladder,
    ladders_set_expectation: () => ladder,
    ladders_diff: () => diff,
    ladders_people: (): PlacedPerson[] => [
      { person_id: 'p1', name: 'Maya Chen', title: 'SRE', team: 'Platform', readiness },
    ],
    ladders_readiness: () => readiness,
    ladders_evidence: () => [
      {
        id: 'e1',
        person_id: 'p1',
        competency_id: 'c1',
        competency_name: 'Incident leadership',
        slug: 'incident-leadership',
        date: '2026-11-20',
        text: 'Led the DNS outage #incident-leadership',
        source: 'notes',
        meeting_id: 'm1',
        meeting_date: '2026-11-20',
        created_at: '',
        updated_at: '',
      },
    ],
    ladders_assess: () => ({ ...readiness, status: 'ready' }),
    ladders_history: () => [],
    skills_profile: () => ({ person_id: 'p1', since: null, level_key: 'L4', changed: 0, skills: [] }),
    ...overrides,
  });
}

describe('LaddersPage', () => {
  it('shows each competency’s text per level and saves an edit with Ctrl+Enter', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(LaddersPage);
    const grid = await screen.findByTestId('ladder-grid');
    const cells = within(grid).getAllByTestId('expectation');
    expect(cells.map((c) => c.textContent?.trim())).toEqual([
      'Takes a full on-call rotation.',
      'Acts as incident commander.',
    ]);
    await user.click(cells[1]!);
    const editor = screen.getByTestId('expectation-editor');
    expect(document.activeElement).toBe(editor);
    await user.type(editor, ' Runs the review.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(api.lastArgs('ladders_set_expectation')).toEqual({
        competencyId: 'c1',
        levelId: 'l5',
        text: 'Acts as incident commander. Runs the review.',
      }),
    );
  });

  it('compares two levels side by side with the changed words emphasised', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(LaddersPage);
    await screen.findByTestId('ladder-grid');
    await user.click(screen.getByTestId('tab-compare'));
    const change = await screen.findByTestId('diff-change');
    expect(api.lastArgs('ladders_diff')).toEqual({ ladderId: 'ic', from: 'l4', to: 'l5' });
    expect(within(change).getByTestId('diff-to-text').querySelector('mark')?.textContent).toBe('incident commander.');
    expect(within(change).getByTestId('diff-from-text').querySelector('del')?.textContent).toBe(
      'Takes a full on-call rotation.',
    );
    expect(screen.getByTestId('diff-count').textContent).toContain('1 competency changes · 3 the same');
  });

  it('shows the diff of the latest pair picked even when an earlier request answers last', async () => {
    // The first request (the default pair) answers after the second (the pair picked next).
    let release: (() => void) | null = null;
    const stale = { ...diff, changes: [], unchanged: 4 };
    backend({
      ladders_diff: (args) =>
        args.from === 'l4' && args.to === 'l5' ? new Promise((resolve) => (release = () => resolve(stale))) : diff,
    });
    const user = userEvent.setup();
    render(LaddersPage);
    await screen.findByTestId('ladder-grid');
    await user.click(screen.getByTestId('tab-compare'));
    await user.click(screen.getByRole('button', { name: 'Swap the levels' }));
    await screen.findByTestId('diff-change');
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('diff-count').textContent).toContain('1 competency changes');
  });

  it('shows the people on the ladder with readiness, assessments and evidence linked to the 1:1', async () => {
    const api = backend();
    const user = userEvent.setup();
    render(LaddersPage);
    await screen.findByTestId('ladder-grid');
    await user.click(screen.getByTestId('tab-people'));
    const panel = await screen.findByTestId('readiness-panel');
    expect(within(panel).getByTestId('readiness-summary').textContent).toContain('1 skill under the expected level');
    expect(within(panel).getByTestId('readiness-status').textContent).toContain('Close');
    expect(within(panel).getByTestId('evidence-meeting').textContent).toContain('1:1 of 2026-11-20');
    await user.click(within(panel).getByTestId('assess-incident-leadership-meets'));
    await waitFor(() =>
      expect(api.lastArgs('ladders_assess')).toEqual({
        personId: 'p1',
        competencyId: 'c1',
        rating: 'meets',
        note: '',
      }),
    );
    await waitFor(() => expect(within(panel).getByTestId('readiness-status').textContent).toContain('Ready'));
  });
});

describe('PersonGrowth', () => {
  it('shows ladder, level, target and readiness on the person page', async () => {
    backend();
    render(PersonGrowth, { personId: 'p1' });
    expect((await screen.findByTestId('person-level')).textContent).toContain('L4');
    expect(screen.getByTestId('person-target').textContent).toContain('L5');
    expect(screen.getByTestId('person-readiness').textContent).toContain('0 of 1 competencies met for L5');
  });

  it('says nothing is there when the person is on no ladder, and survives a failing backend', async () => {
    mockBackend({
      ladders_readiness: () => null,
      skills_profile: () => {
        throw { code: 'storage', message: 'locked' };
      },
    });
    render(PersonGrowth, { personId: 'p1' });
    expect(await screen.findByTestId('person-growth')).toBeTruthy();
  });
});
