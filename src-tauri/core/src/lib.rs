//! Leadbook's domain rules and its SQLite store. No Tauri, no GTK: builds and tests in seconds.
//!
//! Every area is one module; the desktop app and the CLI are thin layers over these functions.

pub mod bindings;
pub mod blueprint;
pub mod demo;
pub mod error;
pub mod one_on_ones;
pub mod paths;
pub mod people;
pub mod store;

pub use error::{Error, ErrorCode, Result};
/// Re-exported so the app and the CLI name the same connection type without their own dependency.
pub use rusqlite;
