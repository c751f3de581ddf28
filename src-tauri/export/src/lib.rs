//! Exports of Leadbook data to Markdown, CSV and PDF.
//!
//! PDFs are typeset by Typst used as a library ([`typst_pdf`] holds the closed world: embedded
//! template, JSON data, two embedded fonts). User text reaches a template only as JSON data.

pub mod blueprint;
pub mod one_on_ones;
mod rich;
mod typst_pdf;

use std::path::Path;

use leadbook_core::Error;

/// Writes an export where the user (save dialog) or the CLI (`--out`) said: to a temporary file
/// beside it first, then renamed into place, so a failure never leaves half a file behind.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::storage(format!("cannot write {}: {e}", path.display()));
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("path", "Choose a file name"))?;
    let tmp = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
