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

export type Rater = "self" | "manager";

export type Skill = { id: string, name: string, 
/**
 * The group it shows under in the matrix ("Must-have technical skills", "Soft skills").
 */
category: string, description: string, 
/**
 * The blueprint node it was seeded from, if any.
 */
source_id: string | null, position: number, 
/**
 * When it was retired (its history stays; it leaves the matrix); `null` while in use.
 */
retired_at: string | null, };

export type SkillInput = { name: string, category: string, description: string | null, };

export type ScaleStep = { level: number, name: string, description: string, };

export type RatingInput = { person_id: string, skill_id: string, rater: Rater, level: number, rated_on: string | null, note: string | null, };

export type Rating = { id: string, person_id: string, skill_id: string, rater: Rater, level: number, rated_on: string, note: string, created_at: string, };

export type MatrixSort = "catalog" | "coverage";

export type MatrixQuery = { 
/**
 * Only people of this team (holders and bus factor are then counted in it).
 */
team: string | null, 
/**
 * Only skills of this category.
 */
category: string | null, 
/**
 * Show retired skills too.
 */
include_retired: boolean, sort: MatrixSort, };

export type MatrixSkill = { id: string, name: string, category: string, description: string, retired: boolean, 
/**
 * People shown whose latest manager rating is 3 or more, in row order.
 */
holders: Array<string>, 
/**
 * One holder or none: the team's knowledge of it hangs on one person or on nobody.
 */
at_risk: boolean, 
/**
 * How many people shown have a manager rating for it.
 */
rated: number, 
/**
 * The mean of those ratings, if any.
 */
average: number | null, };

export type Cell = { manager: number | null, manager_on: string | null, self_level: number | null, self_on: string | null, wants_to_grow: boolean, };

export type MatrixRow = { person_id: string, name: string, email: string | null, title: string | null, team: string | null, cells: Array<Cell>, };

export type Matrix = { scale: Array<ScaleStep>, 
/**
 * Every team of the active roster (for the filter), sorted.
 */
teams: Array<string>, 
/**
 * Every category in catalog order (for the filter).
 */
categories: Array<string>, skills: Array<MatrixSkill>, rows: Array<MatrixRow>, };

export type ProfileSkill = { skill_id: string, name: string, category: string, manager: number | null, manager_on: string | null, self_level: number | null, self_on: string | null, wants_to_grow: boolean, 
/**
 * The latest manager rating on or before the `since` date asked for.
 */
at_since: number | null, 
/**
 * What the person's current ladder level expects, if it names this skill.
 */
expected: number | null, };

export type Profile = { person_id: string, since: string | null, 
/**
 * The ladder level the expectations come from ("L4"), if the person is placed.
 */
level_key: string | null, skills: Array<ProfileSkill>, 
/**
 * Skills whose manager rating changed since `since` (up or down).
 */
changed: number, };

export type MatrixImport = { 
/**
 * Rows (people) read.
 */
people: number, 
/**
 * New ratings recorded.
 */
ratings: number, 
/**
 * Cells that repeated a rating already kept for that day (nothing new recorded).
 */
unchanged: number, 
/**
 * Skills created from unknown columns (with add_skills).
 */
added_skills: Array<string>, rated_on: string, };

export type Track = "ic" | "management";

export type AssessmentRating = "below" | "meets" | "exceeds";

export type EvidenceSource = "manual" | "notes" | "action";

export type LadderSummary = { id: string, name: string, track: Track, description: string, levels: Array<string>, competencies: number, 
/**
 * People placed on it.
 */
people: number, };

export type Level = { id: string, 
/**
 * Short and unique in the ladder: "L4", "M1".
 */
key: string, title: string, summary: string, position: number, };

export type Expectation = { level_id: string, text: string, };

export type Competency = { id: string, 
/**
 * Unique in the ladder; `#slug` in a 1:1 note files evidence on it.
 */
slug: string, name: string, description: string, source_id: string | null, 
/**
 * One per level, in the ladder's level order.
 */
expectations: Array<Expectation>, };

export type ExpectedSkill = { level_id: string, skill_id: string, skill_name: string, category: string, level: number, };

export type Ladder = { id: string, name: string, track: Track, description: string, levels: Array<Level>, competencies: Array<Competency>, expected_skills: Array<ExpectedSkill>, };

export type LadderInput = { name: string, track: Track, description: string | null, };

export type LevelInput = { key: string, title: string, summary: string | null, };

export type CompetencyInput = { 
/**
 * Blank: made from the name ("Incident leadership" → `incident-leadership`).
 */
slug: string | null, name: string, description: string | null, };

export type Placement = { person_id: string, ladder_id: string, ladder_name: string, level_id: string, level_key: string, level_title: string, target_level_id: string | null, target_key: string | null, target_title: string | null, updated_at: string, };

export type PlacementInput = { person_id: string, ladder_id: string, level_id: string, target_level_id: string | null, };

export type Evidence = { id: string, person_id: string, competency_id: string, competency_name: string, slug: string, date: string, text: string, source: EvidenceSource, 
/**
 * The 1:1 it came from, if any (link back to it).
 */
meeting_id: string | null, meeting_date: string | null, created_at: string, updated_at: string, };

export type EvidenceInput = { person_id: string, competency_id: string, 
/**
 * Default today.
 */
date: string | null, text: string, };

export type Standing = { competency_id: string, slug: string, name: string, 
/**
 * The expectation at the person's current level.
 */
current_text: string, 
/**
 * The expectation at the level they are measured against.
 */
target_text: string, assessment: AssessmentRating | null, note: string, assessed_on: string | null, evidence: number, last_evidence: string | null, };

export type SkillGap = { skill_id: string, name: string, expected: number, 
/**
 * The latest manager rating; `null` when never rated (counted as under).
 */
actual: number | null, };

export type ReadinessStatus = "ready" | "close" | "not_yet" | "at_top";

export type Readiness = { placement: Placement, 
/**
 * The level measured against: the target if set, else the next level; `null` at the top.
 */
against_level_id: string | null, against_key: string | null, against_title: string | null, status: ReadinessStatus, 
/**
 * Competencies assessed meets or exceeds.
 */
met: number, total: number, 
/**
 * Names of competencies assessed below.
 */
below: Array<string>, 
/**
 * Names of competencies not assessed yet.
 */
unassessed: Array<string>, skills_under: Array<SkillGap>, competencies: Array<Standing>, 
/**
 * Evidence entries on this ladder's competencies.
 */
evidence: number, 
/**
 * One line for the person page ("Ready for L5", "2 gaps to L5: …").
 */
summary: string, };

export type PlacedPerson = { person_id: string, name: string, title: string | null, team: string | null, readiness: Readiness, };

export type Segment = { text: string, changed: boolean, };

export type CompetencyChange = { competency_id: string, slug: string, name: string, from_text: string, to_text: string, from_segments: Array<Segment>, to_segments: Array<Segment>, };

export type SkillChange = { skill_id: string, name: string, from: number | null, to: number | null, };

export type LevelDiff = { ladder_id: string, ladder_name: string, from: Level, to: Level, changes: Array<CompetencyChange>, skills: Array<SkillChange>, 
/**
 * Competencies whose text is the same at both levels.
 */
unchanged: number, };

export type LadderEvent = { at: string, actor: string, summary: string, before: string | null, after: string | null, };
