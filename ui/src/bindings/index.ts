// Generated from the Rust types in src-tauri/core by `bindings.rs`. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings

export type ErrorCode = "not_found" | "invalid_input" | "conflict" | "storage" | "newer_schema" | "internal" | "damaged";

export type AppError = { code: ErrorCode, message: string, field?: string, };

export type OpenReport = { path: string, from_version: number, to_version: number, 
/**
 * The copy made before migrating an existing file, if any.
 */
backup: string | null, };

export type AppStatus = { data_dir: string, db_path: string | null, schema_version: number | null, error: AppError | null, };

export type TableCount = { table: string, rows: number, };

export type CheckReport = { ok: boolean, problems: Array<string>, };

export type DbInfo = { data_dir: string, path: string, schema_version: number, 
/**
 * The database file's size (without its WAL).
 */
size_bytes: number, tables: Array<TableCount>, };

export type Snapshot = { file: string, path: string, 
/**
 * UTC instant it was taken (RFC 3339).
 */
at: string, 
/**
 * Why: `auto`, `import`, `restore`, `manual`, `migration from v3`, ...
 */
reason: string, size_bytes: number, };

export type RestoreReport = { 
/**
 * The file restored from.
 */
restored: string, 
/**
 * The snapshot of the database as it was just before (or where a damaged one was moved).
 */
previous: string | null, schema_version: number, };

export type ArchiveReport = { tables: number, rows: number, };

export type Draft = { 
/**
 * What it belongs to, as the page's autosave names it: `meeting:<id>`.
 */
key: string, 
/**
 * A line to show the user ("1:1 with Ada, 2026-12-04").
 */
label: string, 
/**
 * The unsaved state, as JSON text the page knows how to read back.
 */
content: string, 
/**
 * Why it could not be saved.
 */
reason: string, 
/**
 * UTC instant it was written.
 */
saved_at: string, };

export type Person = { id: string, name: string, email: string | null, title: string | null, team: string | null, 
/**
 * Free text for now ("L4", "Senior"); career ladders replace it later.
 */
level: string | null, 
/**
 * `YYYY-MM-DD`.
 */
start_date: string | null, 
/**
 * IANA time zone, e.g. `Europe/Berlin`.
 */
timezone: string | null, 
/**
 * Manager-only notes, never shared.
 */
notes: string, 
/**
 * UTC instant the person was archived; `null` while active.
 */
archived_at: string | null, created_at: string, updated_at: string, };

export type PersonInput = { name: string, email: string | null, title: string | null, team: string | null, level: string | null, start_date: string | null, timezone: string | null, notes: string | null, };

export type PeopleQuery = { 
/**
 * Case-insensitive text matched against name, email, title and team.
 */
filter: string | null, include_archived: boolean, };

export type ImportReport = { added: number, };

export type NodeKind = "heading" | "paragraph" | "list" | "item" | "table" | "row";

export type Field = { label: string, value: string, };

export type EditState = "original" | "edited" | "added";

export type BlueprintNode = { id: string, kind: NodeKind, key: string | null, title: string | null, body: string | null, ordered: boolean, fields: Array<Field>, columns: Array<string>, cells: Array<string>, state: EditState, children: Array<BlueprintNode>, };

export type Section = { id: string, number: number, title: string, 
/**
 * True when any node in the section differs from the seed.
 */
edited: boolean, nodes: Array<BlueprintNode>, };

export type BlueprintDocument = { title: string, sections: Array<Section>, };

export type NodeContent = { title: string | null, body: string | null, fields: Array<Field>, columns: Array<string>, cells: Array<string>, };

export type NewNode = { section_id: string, parent_id: string | null, after_id: string | null, kind: NodeKind, ordered: boolean, content: NodeContent, 
/**
 * A new list's items, in order: a list is added with at least one, in the same change, so
 * an empty list never shows. Only lists take items here.
 */
items: Array<NodeContent>, };

export type Added = { section: Section, node_id: string, };

export type Revision = { id: number, 
/**
 * UTC instant.
 */
at: string, section_id: string, node_id: string | null, action: string, summary: string, 
/**
 * Who made the change, e.g. "ada (app)".
 */
actor: string, 
/**
 * The node's text before and after, for edits (empty otherwise).
 */
before_text: string, after_text: string, 
/**
 * Whether restoring this revision's "before" state is possible now.
 */
restorable: boolean, };

export type SearchHit = { node_id: string, section_id: string, section_number: number, section_title: string, 
/**
 * Matched text with `\u0002`…`\u0003` around each hit.
 */
snippet: string, };

export type ExportFormat = "markdown" | "json" | "pdf";

export type SkillSeed = { source_id: string, 
/**
 * `technical` or `soft`.
 */
category: string, 
/**
 * The tier heading for technical skills ("Must-have technical skills"); empty for soft skills.
 */
tier: string, name: string, description: string | null, 
/**
 * Technical skills: where it is used. Soft skills: how it shows up.
 */
usage: string | null, 
/**
 * Technical skills: Critical / Important / Optional... Soft skills: why it matters.
 */
importance: string | null, 
/**
 * Soft skills: what strong performance looks like.
 */
strong_performance: string | null, };

export type ScorecardDimensionSeed = { source_id: string, name: string, meets_bar: string, exceeds: string, };

export type CaseStudySeed = { source_id: string, title: string, prompt: string, 
/**
 * What the candidate is asked to produce.
 */
asks: Array<string>, };

export type SignalKind = "strong" | "weak" | "red_flag";

export type CandidateSignalSeed = { source_id: string, kind: SignalKind, text: string, };

export type KpiSeed = { source_id: string, name: string, measures: string, why_it_matters: string, example_target: string, frequency: string, };

export type Cadence = "weekly" | "biweekly" | "monthly";

export type DueState = "never_met" | "on_track" | "due_soon" | "due" | "overdue";

export type CadenceStatus = { cadence: Cadence, last_date: string | null, days_since_last: number | null, next_due: string | null, state: DueState, };

export type OneOnOneSettings = { person_id: string, cadence: Cadence, template_id: string | null, };

export type Author = "mine" | "theirs";

export type TalkingPoint = { id: string, person_id: string, text: string, author: Author, 
/**
 * The 1:1 it was brought into; `null` while queued.
 */
meeting_id: string | null, created_at: string, };

export type Owner = "me" | "them";

export type ActionItem = { id: string, person_id: string, text: string, owner: Owner, due_date: string | null, meeting_id: string | null, done_at: string | null, created_at: string, 
/**
 * Open and past its due date (relative to the day asked).
 */
overdue: boolean, };

export type NewAction = { person_id: string, text: string, owner: Owner, due_date: string | null, meeting_id: string | null, };

export type Meeting = { id: string, person_id: string, date: string, agenda: string, shared_notes: string, 
/**
 * Never leaves the machine in an export unless the user explicitly asks.
 */
private_notes: string, mood: number | null, energy: number | null, created_at: string, updated_at: string, };

export type NotesInput = { agenda: string, shared_notes: string, private_notes: string, mood: number | null, energy: number | null, };

export type GoalStatus = "not_started" | "in_progress" | "achieved" | "dropped";

export type Goal = { id: string, person_id: string, title: string, status: GoalStatus, notes: string, created_at: string, updated_at: string, };

export type Template = { id: string, name: string, questions: Array<string>, 
/**
 * Shipped with Leadbook (and editable like any other).
 */
builtin: boolean, 
/**
 * How many people have it assigned (a delete leaves them without one).
 */
used_by: number, };

export type TemplateInput = { name: string, questions: Array<string>, };

export type Prep = { person: Person, status: CadenceStatus, template_name: string | null, last_meeting: Meeting | null, open_actions: Array<ActionItem>, talking_points: Array<TalkingPoint>, suggested_questions: Array<string>, goals: Array<Goal>, 
/**
 * What changed since the last 1:1, one line each ("Done: …", "Goal … is now achieved").
 */
since_last: Array<string>, };

export type DueEntry = { person_id: string, name: string, status: CadenceStatus, };

export type NoteKind = "meeting" | "private" | "point" | "action";

export type NoteHit = { kind: NoteKind, 
/**
 * The meeting, talking point or action item.
 */
ref_id: string, person_id: string, person_name: string, date: string, 
/**
 * Matched text with `\u0002`…`\u0003` around each hit (see `search::HIGHLIGHT_START`).
 */
snippet: string, };

export type DemoReport = { people: number, meetings: number, action_items: number, talking_points: number, };

export type OneOnOneExport = { person: Person, from: string | null, to: string | null, meetings: Array<Meeting>, actions: Array<ActionItem>, };

export type DateRange = { 
/**
 * `YYYY-MM-DD`, inclusive; `null` = from the beginning.
 */
from: string | null, 
/**
 * `YYYY-MM-DD`, inclusive; `null` = up to now.
 */
to: string | null, };

export type Theme = "system" | "light" | "dark";

export type WeekStart = "monday" | "sunday" | "saturday";

export type Preferences = { theme: Theme, 
/**
 * The cadence of people whose 1:1 cadence was never set.
 */
default_cadence: Cadence, week_start: WeekStart, };

export type PaletteHit = { 
/**
 * The group it is shown under ("People", "1:1 notes", "Blueprint").
 */
group: string, 
/**
 * The kind of document (as registered in the search index): tells the page where to go.
 */
kind: string, 
/**
 * The record to open (a person, a meeting, an action item, a blueprint node...).
 */
ref_id: string, 
/**
 * The person it is about, if any (a note's person, or the person themself).
 */
person_id: string | null, title: string, 
/**
 * A second line: a person's title and team, a note's date, a blueprint section.
 */
detail: string, 
/**
 * Matched text with `\u0002`…`\u0003` around each hit; may be empty.
 */
snippet: string, 
/**
 * Private content (a 1:1's private notes): shown with a lock.
 */
private: boolean, };
