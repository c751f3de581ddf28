// Generated from the Rust types in src-tauri/core by `bindings.rs`. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p leadbook-core bindings

export type ErrorCode = "not_found" | "invalid_input" | "conflict" | "storage" | "newer_schema";

export type AppError = { code: ErrorCode, message: string, field?: string, };

export type OpenReport = { path: string, from_version: number, to_version: number, 
/**
 * The copy made before migrating an existing file, if any.
 */
backup: string | null, };

export type AppStatus = { data_dir: string, db_path: string | null, schema_version: number | null, error: AppError | null, };

export type TableCount = { table: string, rows: number, };

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
