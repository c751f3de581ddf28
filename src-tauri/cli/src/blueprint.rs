//! `leadbook-cli blueprint`: search and export the role blueprint.

use std::path::PathBuf;

use clap::Subcommand;
use leadbook_core::blueprint::{self, ExportFormat};
use leadbook_core::rusqlite::Connection;
use leadbook_core::Error;
use serde::Serialize;

use crate::{emit, plain_snippet};

#[derive(Subcommand)]
pub enum BlueprintCommand {
    /// Full-text search over the blueprint
    Search {
        query: String,
        /// At most this many results
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Export the blueprint as edited
    Export {
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write the file
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Md,
    Json,
    Pdf,
}

pub fn run(json: bool, conn: &Connection, cmd: &BlueprintCommand) -> Result<(), Error> {
    match cmd {
        BlueprintCommand::Search { query, limit } => {
            let hits = blueprint::search(conn, query, *limit)?;
            emit(json, &hits, |hits| {
                if hits.is_empty() {
                    return format!("no matches for \"{query}\"\n");
                }
                hits.iter()
                    .map(|h| {
                        let snippet = plain_snippet(&h.snippet);
                        format!(
                            "§{} {}\n    {}\n",
                            h.section_number, h.section_title, snippet
                        )
                    })
                    .collect()
            });
        }
        BlueprintCommand::Export { format, out } => {
            let format = match format {
                Format::Md => ExportFormat::Markdown,
                Format::Json => ExportFormat::Json,
                Format::Pdf => ExportFormat::Pdf,
            };
            let doc = blueprint::document(conn)?;
            let bytes = leadbook_export::blueprint::render(&doc, format)?;
            leadbook_export::write_file(out, &bytes)?;
            #[derive(Serialize)]
            struct Written {
                path: String,
                bytes: usize,
            }
            let written = Written {
                path: out.display().to_string(),
                bytes: bytes.len(),
            };
            emit(json, &written, |w| {
                format!("wrote {} ({} bytes)\n", w.path, w.bytes)
            });
        }
    }
    Ok(())
}
