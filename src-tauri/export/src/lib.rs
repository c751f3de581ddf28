//! Exports of Leadbook data to Markdown, CSV and PDF.
