// The only module that talks to the Tauri backend. Every call returns typed data or throws an
// AppError ({code, message, field?}) so screens can show the message where the user acted.
import { invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type {
  Added,
  AppError,
  AppStatus,
  ArchiveReport,
  BlueprintDocument,
  CheckReport,
  DateRange,
  DbInfo,
  Draft,
  ExportFormat,
  ActionItem,
  Author,
  DemoReport,
  DueEntry,
  Goal,
  GoalStatus,
  Meeting,
  NewAction,
  NewNode,
  NodeContent,
  NoteHit,
  NotesInput,
  Prep,
  OneOnOneSettings,
  PaletteHit,
  Preferences,
  TalkingPoint,
  Template,
  TemplateInput,
  PeopleQuery,
  Person,
  PersonInput,
  RestoreReport,
  Revision,
  SearchHit,
  Snapshot,
  Section,
} from '../bindings';
import type {
  AssessmentRating,
  CompetencyInput,
  Evidence,
  EvidenceInput,
  Ladder,
  LadderEvent,
  LadderInput,
  LadderSummary,
  LevelDiff,
  LevelInput,
  Matrix,
  MatrixImport,
  MatrixQuery,
  PlacedPerson,
  Placement,
  PlacementInput,
  Profile,
  Rating,
  RatingInput,
  Readiness,
  ScaleStep,
  Skill,
  SkillInput,
} from '../bindings';

export type * from '../bindings';

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Normalises anything thrown across IPC into an AppError. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { code: 'storage', message: typeof e === 'string' ? e : String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  /** Fills the database with a realistic demo team (8 people, a year of 1:1s). */
  loadDemo: () => call<DemoReport>('demo_load'),
  people: {
    list: (query: PeopleQuery) => call<Person[]>('people_list', { query }),
    get: (id: string) => call<Person>('people_get', { id }),
    add: (input: PersonInput) => call<Person>('people_add', { input }),
    update: (id: string, input: PersonInput) => call<Person>('people_update', { id, input }),
    archive: (id: string) => call<Person>('people_archive', { id }),
    restore: (id: string) => call<Person>('people_restore', { id }),
  },
  blueprint: {
    document: () => call<BlueprintDocument>('blueprint_document'),
    edit: (id: string, content: NodeContent) => call<Section>('blueprint_edit', { id, content }),
    add: (node: NewNode) => call<Added>('blueprint_add', { node }),
    remove: (id: string) => call<Section>('blueprint_delete', { id }),
    move: (id: string, offset: number) => call<Section>('blueprint_move', { id, offset }),
    reset: (sectionId: string) => call<Section>('blueprint_reset', { sectionId }),
    revisions: (sectionId: string) => call<Revision[]>('blueprint_revisions', { sectionId }),
    restore: (revisionId: number) => call<Section>('blueprint_restore', { revisionId }),
    search: (query: string) => call<SearchHit[]>('blueprint_search', { query }),
    /** Opens the native save dialog; resolves to the saved path, or null if cancelled. */
    exportTo: (format: ExportFormat) => call<string | null>('blueprint_export', { format }),
  },
  oneOnOnes: {
    prep: (personId: string) => call<Prep>('oo_prep', { personId }),
    due: () => call<DueEntry[]>('oo_due'),
    meetings: (personId: string) => call<Meeting[]>('oo_meetings', { personId }),
    /** Starts a 1:1 today with the agenda filled from the prep. */
    start: (personId: string) => call<Meeting>('oo_start', { personId }),
    setMeetingDate: (meetingId: string, date: string) => call<Meeting>('oo_set_meeting_date', { meetingId, date }),
    /** Deletes a 1:1 started by mistake: its talking points go back to the queue. */
    deleteMeeting: (meetingId: string) => call<null>('oo_delete_meeting', { meetingId }),
    saveNotes: (meetingId: string, notes: NotesInput) => call<Meeting>('oo_save_notes', { meetingId, notes }),
    addPoint: (personId: string, text: string, author: Author) =>
      call<TalkingPoint>('oo_add_point', { personId, text, author }),
    addAction: (action: NewAction) => call<ActionItem>('oo_add_action', { action }),
    setActionDone: (id: string, done: boolean) => call<ActionItem>('oo_set_action_done', { id, done }),
    addGoal: (personId: string, title: string) => call<Goal>('oo_add_goal', { personId, title }),
    setGoalStatus: (id: string, status: GoalStatus) => call<null>('oo_set_goal_status', { id, status }),
    settings: (personId: string) => call<OneOnOneSettings>('oo_settings', { personId }),
    setSettings: (settings: OneOnOneSettings) => call<OneOnOneSettings>('oo_set_settings', { settings }),
    templates: () => call<Template[]>('oo_templates'),
    createTemplate: (input: TemplateInput) => call<Template>('oo_create_template', { input }),
    updateTemplate: (id: string, input: TemplateInput) => call<Template>('oo_update_template', { id, input }),
    deleteTemplate: (id: string) => call<null>('oo_delete_template', { id }),
    search: (query: string, personId: string | null) => call<NoteHit[]>('oo_search', { query, personId }),
    /** Native save dialog, then Markdown; private notes only when includePrivate. Null if cancelled. */
    exportHistory: (personId: string, range: DateRange, includePrivate: boolean) =>
      call<string | null>('oo_export', { personId, range, includePrivate }),
  },
  /** Text the page could not save, kept as files in the data folder and offered back at start. */
  drafts: {
    keep: (draft: Draft) => call<null>('drafts_keep', { draft }),
    list: () => call<Draft[]>('drafts_list'),
    discard: (key: string) => call<null>('drafts_discard', { key }),
  },
  /** The skills catalog, ratings and the people × skills matrix. */
  skills: {
    matrix: (query: MatrixQuery) => call<Matrix>('skills_matrix', { query }),
    catalog: (includeRetired: boolean) => call<Skill[]>('skills_catalog', { includeRetired }),
    add: (input: SkillInput) => call<Skill>('skills_add', { input }),
    update: (id: string, input: SkillInput) => call<Skill>('skills_update', { id, input }),
    retire: (id: string) => call<Skill>('skills_retire', { id }),
    restore: (id: string) => call<Skill>('skills_restore', { id }),
    setScale: (step: ScaleStep) => call<ScaleStep[]>('skills_set_scale', { step }),
    rate: (input: RatingInput) => call<Rating>('skills_rate', { input }),
    setWants: (personId: string, skillId: string, wants: boolean) =>
      call<null>('skills_set_wants', { personId, skillId, wants }),
    history: (personId: string, skillId: string) => call<Rating[]>('skills_history', { personId, skillId }),
    /** A person's skills, with the manager's rating as of `since` (YYYY-MM-DD) beside the latest. */
    profile: (personId: string, since: string | null) => call<Profile>('skills_profile', { personId, since }),
    /** Native open dialog, a snapshot, then the wide CSV as manager ratings; null if cancelled. */
    importMatrix: (date: string | null, addSkills: boolean) =>
      call<MatrixImport | null>('skills_import', { date, addSkills }),
    /** Native save dialog, then the matrix as a wide CSV; null if cancelled. */
    exportMatrix: () => call<string | null>('skills_export'),
  },
  /** Career ladders, placements, assessments, evidence and readiness. */
  ladders: {
    list: () => call<LadderSummary[]>('ladders_list'),
    get: (id: string) => call<Ladder>('ladders_get', { id }),
    create: (input: LadderInput) => call<Ladder>('ladders_create', { input }),
    update: (id: string, input: LadderInput) => call<Ladder>('ladders_update', { id, input }),
    addLevel: (ladderId: string, input: LevelInput) => call<Ladder>('ladders_add_level', { ladderId, input }),
    updateLevel: (levelId: string, input: LevelInput) => call<Ladder>('ladders_update_level', { levelId, input }),
    deleteLevel: (levelId: string) => call<Ladder>('ladders_delete_level', { levelId }),
    addCompetency: (ladderId: string, input: CompetencyInput) =>
      call<Ladder>('ladders_add_competency', { ladderId, input }),
    updateCompetency: (id: string, input: CompetencyInput) => call<Ladder>('ladders_update_competency', { id, input }),
    deleteCompetency: (id: string) => call<Ladder>('ladders_delete_competency', { id }),
    setExpectation: (competencyId: string, levelId: string, text: string) =>
      call<Ladder>('ladders_set_expectation', { competencyId, levelId, text }),
    setExpectedSkill: (levelId: string, skillId: string, level: number | null) =>
      call<Ladder>('ladders_set_expected_skill', { levelId, skillId, level }),
    /** A ladder's changes (scope: its id) or a person's placements and assessments (their id). */
    history: (scope: string) => call<LadderEvent[]>('ladders_history', { scope }),
    diff: (ladderId: string, from: string, to: string) => call<LevelDiff>('ladders_diff', { ladderId, from, to }),
    people: (ladderId: string) => call<PlacedPerson[]>('ladders_people', { ladderId }),
    assign: (input: PlacementInput) => call<Placement>('ladders_assign', { input }),
    unassign: (personId: string) => call<null>('ladders_unassign', { personId }),
    assess: (personId: string, competencyId: string, rating: AssessmentRating | null, note: string) =>
      call<Readiness>('ladders_assess', { personId, competencyId, rating, note }),
    readiness: (personId: string) => call<Readiness | null>('ladders_readiness', { personId }),
    evidence: (personId: string) => call<Evidence[]>('ladders_evidence', { personId }),
    addEvidence: (input: EvidenceInput) => call<Evidence>('ladders_add_evidence', { input }),
    deleteEvidence: (id: string) => call<null>('ladders_delete_evidence', { id }),
    /** Native save dialog, then Markdown, JSON or PDF; null if cancelled. */
    exportTo: (id: string, format: ExportFormat) => call<string | null>('ladders_export', { id, format }),
  },
  /** Ctrl+K: people, notes and blueprint items matching what was typed, in groups. */
  palette: {
    search: (query: string) => call<PaletteHit[]>('palette_search', { query }),
  },
  settings: {
    preferences: () => call<Preferences>('settings_preferences'),
    setPreferences: (preferences: Preferences) => call<Preferences>('settings_set_preferences', { preferences }),
    dbInfo: () => call<DbInfo>('settings_db_info'),
    /** SQLite's integrity and foreign key checks over the whole file. */
    checkDb: () => call<CheckReport>('settings_check_db'),
    /** The snapshots in the data folder's backups/, newest first. */
    snapshots: () => call<Snapshot[]>('settings_snapshots'),
    snapshotNow: () => call<Snapshot>('settings_snapshot_now'),
    /** Restores a snapshot by its file name; the current database is snapshotted first. Reload after. */
    restoreSnapshot: (file: string) => call<RestoreReport>('settings_restore_snapshot', { file }),
    /** After a damaged start: restores the newest snapshot that passes the integrity check. */
    restoreLatestGood: () => call<RestoreReport>('settings_restore_latest_good'),
    /** Native save dialog, then everything to one archive file; null if cancelled. */
    exportArchive: () => call<string | null>('settings_export_archive'),
    /** Native open dialog; into an empty database, or with replace over this one (snapshot first). */
    importArchive: (replace: boolean) => call<ArchiveReport | null>('settings_import_archive', { replace }),
  },
};

/** Closes the window for good, and the app with it (no close handlers run). */
export async function destroyWindow(): Promise<void> {
  await getCurrentWindow().destroy();
}

/**
 * Runs `handler` when the user closes the window. The window closes once the handler resolves
 * to true (it must bound its own wait); false keeps it open (Tauri's CloseRequested event,
 * prevented), for the page to say why. A handler that throws lets the window close, so closing
 * never hangs on a bug. Resolves to an unlisten function; rejects outside Tauri.
 */
export async function onWindowCloseRequested(handler: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    let close = true;
    try {
      close = await handler();
    } catch {
      // Closing must never hang on a failing handler.
    }
    // Must be called before this listener returns, or the API destroys the window.
    if (!close) event.preventDefault();
  });
}
