//! `leadbook-cli search`: everything that matches, grouped as the app's Ctrl+K palette shows it.

use clap::Args;
use leadbook_core::palette;
use leadbook_core::rusqlite::Connection;
use leadbook_core::Error;

use crate::{emit, plain_snippet};

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (the last one may be the start of a word)
    query: String,
}

pub fn run(json: bool, conn: &Connection, args: &SearchArgs) -> Result<(), Error> {
    let hits = palette::search(conn, &args.query)?;
    emit(json, &hits, |hits| {
        if hits.is_empty() {
            return format!("no matches for \"{}\"\n", args.query);
        }
        let mut out = String::new();
        let mut group = "";
        for h in hits {
            if h.group != group {
                group = &h.group;
                out.push_str(&format!("{group}\n"));
            }
            let lock = if h.private { " (private)" } else { "" };
            out.push_str(&format!("  {}{lock} · {}\n", h.title, h.detail));
            if !h.snippet.is_empty() {
                out.push_str(&format!("      {}\n", plain_snippet(&h.snippet)));
            }
        }
        out
    });
    Ok(())
}
