//! Exports of Leadbook data to Markdown, CSV and PDF.
//!
//! PDFs are typeset by Typst used as a library ([`typst_pdf`] holds the closed world: embedded
//! template, JSON data, two embedded fonts). User text reaches a template only as JSON data.

pub mod blueprint;
pub mod ladders;
pub mod one_on_ones;
mod rich;
mod typst_pdf;

use std::path::Path;

use leadbook_core::Error;

/// Writes an export where the user (save dialog) or the CLI (`--out`) said, atomically (see
/// `leadbook_core::files::write_atomic`): never half a file, never through a planted symlink.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    leadbook_core::files::write_atomic(path, bytes)
}
