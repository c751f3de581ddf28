//! Leadbook's domain rules and its SQLite store. No Tauri, no GTK: builds and tests in seconds.
//!
//! A small kernel every area uses (`db`, `time`, `ids`, `text`, `csv`, `json`, `search`,
//! `revisions`, `seed`, `error`), then one folder per area. The desktop app and the CLI are thin
//! layers over these functions.

// Kernel
pub mod csv;
pub mod db;
pub mod error;
pub mod files;
pub mod ids;
pub mod json;
pub mod paths;
pub mod revisions;
pub mod search;
pub mod seed;
pub mod text;
pub mod time;

// Areas
pub mod blueprint;
pub mod ladders;
pub mod one_on_ones;
pub mod palette;
pub mod people;
pub mod preferences;
pub mod skills;

// Across areas
pub mod bindings;
pub mod demo;
pub mod drafts;

pub use error::{Error, ErrorCode, Result};
/// Re-exported so the app and the CLI name the same connection type without their own dependency.
pub use rusqlite;
