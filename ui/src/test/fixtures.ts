// Test data and a fake backend for the Vitest suites. Each factory returns a complete value of a
// bindings type with plain defaults; a test overrides only what it is about.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  ActionItem,
  AppStatus,
  CadenceStatus,
  DueEntry,
  Goal,
  Meeting,
  BlueprintNode,
  DbInfo,
  Draft,
  PaletteHit,
  Person,
  Preferences,
  Prep,
  Revision,
  Snapshot,
  TalkingPoint,
  Template,
} from '../bindings';

const CREATED = '2026-01-01T00:00:00.000Z';

export function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    name: 'Maya Chen',
    email: null,
    title: null,
    team: null,
    level: null,
    start_date: null,
    timezone: null,
    notes: '',
    archived_at: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

/** A cadence status; never met unless told otherwise. */
export function cadenceStatus(overrides: Partial<CadenceStatus> = {}): CadenceStatus {
  return {
    cadence: 'weekly',
    last_date: null,
    days_since_last: null,
    next_due: null,
    state: 'never_met',
    ...overrides,
  };
}

/** The Today / 1:1s rail entry for a person. */
export function dueEntry(who: Pick<Person, 'id' | 'name'>, status: CadenceStatus = cadenceStatus()): DueEntry {
  return { person_id: who.id, name: who.name, status };
}

/** A 1:1 on `date`, written that morning. */
export function meeting(overrides: Partial<Meeting> & Pick<Meeting, 'id' | 'date'>): Meeting {
  return {
    person_id: 'p1',
    agenda: '',
    shared_notes: '',
    private_notes: '',
    mood: null,
    energy: null,
    created_at: `${overrides.date}T10:00:00Z`,
    updated_at: `${overrides.date}T10:00:00Z`,
    ...overrides,
  };
}

export function actionItem(overrides: Partial<ActionItem> & Pick<ActionItem, 'id' | 'text'>): ActionItem {
  return {
    person_id: 'p1',
    owner: 'them',
    due_date: null,
    meeting_id: null,
    done_at: null,
    created_at: '2026-11-01T00:00:00Z',
    overdue: false,
    ...overrides,
  };
}

export function talkingPoint(overrides: Partial<TalkingPoint> & Pick<TalkingPoint, 'id' | 'text'>): TalkingPoint {
  return { person_id: 'p1', author: 'mine', meeting_id: null, created_at: '2026-11-01T00:00:00Z', ...overrides };
}

export function goal(overrides: Partial<Goal> & Pick<Goal, 'id' | 'title'>): Goal {
  return {
    person_id: 'p1',
    status: 'not_started',
    notes: '',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

/** A prep with nothing in it yet: no 1:1, no actions, points, questions or goals. */
export function prep(overrides: Partial<Prep> = {}): Prep {
  return {
    person: person(),
    status: cadenceStatus(),
    template_name: null,
    last_meeting: null,
    open_actions: [],
    talking_points: [],
    suggested_questions: [],
    goals: [],
    since_last: [],
    ...overrides,
  };
}

export function template(overrides: Partial<Template> & Pick<Template, 'id' | 'name'>): Template {
  return { questions: [], builtin: false, used_by: 0, ...overrides };
}

/** A blueprint node of `kind`, as shipped (no content, no children). */
export function node(id: string, kind: BlueprintNode['kind'], overrides: Partial<BlueprintNode> = {}): BlueprintNode {
  return {
    id,
    kind,
    key: null,
    title: null,
    body: null,
    ordered: false,
    fields: [],
    columns: [],
    cells: [],
    state: 'original',
    children: [],
    ...overrides,
  };
}

export function revision(overrides: Partial<Revision> & Pick<Revision, 'id' | 'section_id'>): Revision {
  return {
    at: new Date().toISOString(),
    node_id: null,
    actor: 'you (app)',
    action: 'edit',
    summary: '',
    before_text: '',
    after_text: '',
    restorable: true,
    ...overrides,
  };
}

/** A database that opened fine. */
export function appStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    data_dir: '/tmp/leadbook',
    db_path: '/tmp/leadbook/leadbook.db',
    schema_version: 3,
    error: null,
    ...overrides,
  };
}

/** A palette result: a person unless told otherwise. */
export function paletteHit(overrides: Partial<PaletteHit> & Pick<PaletteHit, 'ref_id' | 'title'>): PaletteHit {
  return {
    group: 'People',
    kind: 'person',
    person_id: overrides.kind && overrides.kind !== 'person' ? null : overrides.ref_id,
    detail: '',
    snippet: '',
    private: false,
    ...overrides,
  };
}

/** The preferences of a fresh database. */
export function preferences(overrides: Partial<Preferences> = {}): Preferences {
  return { theme: 'system', default_cadence: 'weekly', week_start: 'monday', ...overrides };
}

/** What Settings shows about the database file. */
export function dbInfo(overrides: Partial<DbInfo> = {}): DbInfo {
  return {
    data_dir: '/home/me/.local/share/leadbook',
    path: '/home/me/.local/share/leadbook/leadbook.db',
    schema_version: 6,
    size_bytes: 1_363_148,
    tables: [
      { table: 'meetings', rows: 1204 },
      { table: 'people', rows: 8 },
    ],
    ...overrides,
  };
}

/** A snapshot in the data folder's backups/, taken `minutesAgo` before now. */
export function snapshot(minutesAgo: number, reason = 'auto', overrides: Partial<Snapshot> = {}): Snapshot {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const stamp = at.replace(/[-:]/g, '');
  const file = `leadbook-${stamp}-${reason.replace(/\W+/g, '-')}.db`;
  return {
    file,
    path: `/home/me/.local/share/leadbook/backups/${file}`,
    at,
    reason,
    size_bytes: 1_363_148,
    ...overrides,
  };
}

/** A 1:1 draft the autosave kept for meeting `meetingId` of person p1, a minute ago. */
export function meetingDraft(
  meetingId: string,
  notes: Partial<Record<'agenda' | 'shared_notes' | 'private_notes', string>> & { mood?: number | null } = {},
  overrides: Partial<Draft> = {},
): Draft {
  const value = { agenda: '', shared_notes: '', private_notes: '', mood: null, energy: null, ...notes };
  return {
    key: `meeting:${meetingId}`,
    label: '1:1 with Maya, 4 Dec',
    content: JSON.stringify({ person_id: 'p1', date: '2026-12-04', notes: value }),
    reason: 'database is locked',
    saved_at: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

export type Args = Record<string, unknown>;
export type Call = { cmd: string; args: Args };
/** What a command answers, by name. A handler may throw an AppError-shaped object to fail. */
export type Routes = Record<string, (args: Args) => unknown>;

/**
 * Stands in for the Rust commands: each call goes to the route of its name (any other command
 * fails the test's call with "unexpected command") and is recorded in order.
 */
export function mockBackend(routes: Routes) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Args;
    calls.push({ cmd, args });
    if (!Object.hasOwn(routes, cmd)) throw new Error(`unexpected command ${cmd}`);
    return routes[cmd]!(args);
  });
  return {
    calls,
    /** The arguments of every call to `cmd`, oldest first. */
    argsOf: (cmd: string): Args[] => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    /** The arguments of the latest call to `cmd` (undefined if there was none). */
    lastArgs: (cmd: string): Args | undefined => calls.filter((c) => c.cmd === cmd).at(-1)?.args,
    /** Whether `cmd` was called at all. */
    called: (cmd: string): boolean => calls.some((c) => c.cmd === cmd),
  };
}

export type Backend = ReturnType<typeof mockBackend>;
