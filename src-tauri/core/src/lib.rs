//! Leadbook's domain rules and its SQLite store. No Tauri, no GTK: builds and tests in seconds.
//!
//! Every area is one module; the desktop app and the CLI are thin layers over these functions.

pub mod bindings;
pub mod blueprint;
pub mod error;
pub mod paths;
pub mod people;
pub mod store;

pub use error::{Error, ErrorCode, Result};
