//! Text validation every area uses: what a single-line field and a prose field may hold.

use crate::error::{Error, Result};

/// Trims a required single-line field (a name, a title): not blank, at most `max` characters,
/// no control characters (a tab or line break pasted into a name would break lists and CSV).
pub fn required_line(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required")));
    }
    check_line(field, label, value, max)?;
    Ok(value.to_owned())
}

/// An optional single-line field: blank means `None`, otherwise as `required_line`.
pub fn optional_line(
    field: &str,
    label: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => check_line(field, label, v, max).map(|()| Some(v.to_owned())),
        None => Ok(None),
    }
}

/// Prose (notes, descriptions): line breaks and tabs are fine, other control characters are
/// not; at most `max` characters. Kept as typed (no trimming: an autosave must round-trip).
pub fn prose(field: &str, label: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(too_long(field, label, max));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(
            field,
            format!("{label} contains a control character"),
        ));
    }
    Ok(())
}

/// A required short prose entry (a talking point, an action item): trimmed, not blank.
pub fn required_prose(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required")));
    }
    prose(field, label, value, max)?;
    Ok(value.to_owned())
}

fn check_line(field: &str, label: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(too_long(field, label, max));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("{label} must be one line without control characters"),
        ));
    }
    Ok(())
}

fn too_long(field: &str, label: &str, max: usize) -> Error {
    Error::invalid(field, format!("{label} is at most {max} characters"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_bounded_and_single() {
        assert_eq!(required_line("name", "Name", "  Ada ", 10).unwrap(), "Ada");
        let e = required_line("name", "Name", "   ", 10).unwrap_err();
        assert_eq!(
            (e.field.as_deref(), e.message.as_str()),
            (Some("name"), "Name is required")
        );
        assert!(
            required_line("name", "Name", &"é".repeat(10), 10).is_ok(),
            "chars, not bytes"
        );
        assert!(required_line("name", "Name", &"é".repeat(11), 10).is_err());
        for bad in ["a\tb", "a\nb", "a\u{0}b", "a\u{1b}[31mb"] {
            assert!(required_line("name", "Name", bad, 10).is_err(), "{bad:?}");
        }
        assert_eq!(optional_line("t", "Title", Some("  "), 5).unwrap(), None);
        assert_eq!(optional_line("t", "Title", None, 5).unwrap(), None);
    }

    #[test]
    fn prose_keeps_line_breaks_but_not_other_controls() {
        assert!(prose("notes", "Notes", "a\nb\tc\r\n", 100).is_ok());
        assert!(prose("notes", "Notes", "a\u{0}b", 100).is_err());
        assert!(prose("notes", "Notes", "abc", 2).is_err());
        assert_eq!(required_prose("text", "Text", "  hi\n", 10).unwrap(), "hi");
        assert!(required_prose("text", "Text", " \n ", 10).is_err());
    }
}
