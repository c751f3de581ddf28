//! Drafts: text the page could not save to the database (the database busy past its timeout,
//! the disk full, a bug), kept as small files in `DATA_DIR/drafts/` so nothing typed is lost.
//! They do not go through SQLite on purpose: they exist for when SQLite cannot take a write.
//! The next start offers them back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::files;

pub const DRAFTS_DIR: &str = "drafts";
/// A draft holds one editor's state (a 1:1's three note fields at most).
pub const MAX_DRAFT_BYTES: usize = 1_000_000;

/// One editor's unsaved state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    /// What it belongs to, as the page's autosave names it: `meeting:<id>`.
    pub key: String,
    /// A line to show the user ("1:1 with Ada, 2026-12-04").
    pub label: String,
    /// The unsaved state, as JSON text the page knows how to read back.
    pub content: String,
    /// Why it could not be saved.
    pub reason: String,
    /// UTC instant it was written.
    pub saved_at: String,
}

fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DRAFTS_DIR)
}

/// The file of a key: keys are `kind:id` with ids from this app; anything else is refused, so a
/// key can never name a path.
fn file_of(data_dir: &Path, key: &str) -> Result<PathBuf> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'));
    if !ok {
        return Err(Error::invalid("key", "Not a draft key"));
    }
    Ok(dir(data_dir).join(format!("{}.json", key.replace(':', "--"))))
}

/// Keeps (or replaces) the draft of `draft.key`, stamped now unless it carries a time.
pub fn keep(data_dir: &Path, draft: &Draft) -> Result<()> {
    let path = file_of(data_dir, &draft.key)?;
    let mut draft = draft.clone();
    if draft.saved_at.is_empty() {
        draft.saved_at = crate::time::now_utc();
    }
    let bytes = serde_json::to_vec(&draft)
        .map_err(|e| Error::storage(format!("cannot write the draft: {e}")))?;
    if bytes.len() > MAX_DRAFT_BYTES {
        return Err(Error::invalid("content", "The draft is too large to keep"));
    }
    std::fs::create_dir_all(dir(data_dir))?;
    files::write_atomic(&path, &bytes)
}

/// Every draft kept, oldest first. An unreadable file is skipped, not deleted.
pub fn list(data_dir: &Path) -> Result<Vec<Draft>> {
    let dir = dir(data_dir);
    if !dir.exists() {
        return Ok(vec![]);
    }
    let mut out: Vec<Draft> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    out.sort_by(|a: &Draft, b: &Draft| a.saved_at.cmp(&b.saved_at));
    Ok(out)
}

/// Drops a draft once it is restored or the user discards it.
pub fn discard(data_dir: &Path, key: &str) -> Result<()> {
    let path = file_of(data_dir, key)?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(key: &str, at: &str) -> Draft {
        Draft {
            key: key.into(),
            label: "1:1 with Ada".into(),
            content: "{\"shared_notes\":\"typed\"}".into(),
            reason: "The database is busy".into(),
            saved_at: at.into(),
        }
    }

    #[test]
    fn keep_list_replace_and_discard() {
        let dir = tempfile::tempdir().unwrap();
        keep(dir.path(), &draft("meeting:b", "2026-12-04T10:00:01Z")).unwrap();
        keep(dir.path(), &draft("meeting:a", "2026-12-04T10:00:00Z")).unwrap();
        let mut newer = draft("meeting:b", "2026-12-04T10:00:02Z");
        newer.content = "{\"shared_notes\":\"typed more\"}".into();
        keep(dir.path(), &newer).unwrap();
        let all = list(dir.path()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1], newer);
        discard(dir.path(), "meeting:b").unwrap();
        discard(dir.path(), "meeting:b").unwrap();
        assert_eq!(list(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn keys_never_name_a_path() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../../etc/passwd", "a/b", "", "x.json", &"k".repeat(101)] {
            assert!(keep(dir.path(), &draft(bad, "t")).is_err(), "{bad}");
            assert!(discard(dir.path(), bad).is_err(), "{bad}");
        }
    }
}
