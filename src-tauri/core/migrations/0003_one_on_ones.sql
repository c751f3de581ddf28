-- 1:1s: meetings with shared and private notes, a queue of talking points, action items that
-- carry forward until done, growth goals, cadence per person, and agenda/question templates.
CREATE TABLE one_on_one_templates (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    questions  TEXT NOT NULL DEFAULT '[]',   -- JSON [question]
    builtin    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE one_on_one_settings (
    person_id   TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
    cadence     TEXT NOT NULL DEFAULT 'weekly' CHECK (cadence IN ('weekly', 'biweekly', 'monthly')),
    template_id TEXT REFERENCES one_on_one_templates (id) ON DELETE SET NULL
) STRICT;

CREATE TABLE meetings (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id),
    date          TEXT NOT NULL,          -- YYYY-MM-DD
    agenda        TEXT NOT NULL DEFAULT '',
    shared_notes  TEXT NOT NULL DEFAULT '',
    private_notes TEXT NOT NULL DEFAULT '',
    mood          INTEGER CHECK (mood BETWEEN 1 AND 5),
    energy        INTEGER CHECK (energy BETWEEN 1 AND 5),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_person_date ON meetings (person_id, date);

CREATE TABLE talking_points (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    author     TEXT NOT NULL CHECK (author IN ('mine', 'theirs')),
    meeting_id TEXT REFERENCES meetings (id),   -- NULL while queued
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX talking_points_queue ON talking_points (person_id) WHERE meeting_id IS NULL;

CREATE TABLE action_items (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    owner      TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    due_date   TEXT,                          -- YYYY-MM-DD
    meeting_id TEXT REFERENCES meetings (id), -- the 1:1 it came up in, if any
    done_at    TEXT,                          -- UTC instant; NULL while open
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX action_items_open ON action_items (person_id, due_date) WHERE done_at IS NULL;
CREATE INDEX action_items_person ON action_items (person_id, created_at);

CREATE TABLE growth_goals (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    status     TEXT NOT NULL DEFAULT 'not_started'
               CHECK (status IN ('not_started', 'in_progress', 'achieved', 'dropped')),
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX growth_goals_person ON growth_goals (person_id);

-- Search over 1:1 notes, talking points and action items. One row per searchable text in
-- note_docs (its integer docid keys the FTS index, so an autosave updates one indexed row),
-- kept in step by triggers. Private notes are their own documents, so results can say so.
CREATE TABLE note_docs (
    docid     INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('meeting', 'private', 'point', 'action')),
    ref_id    TEXT NOT NULL,
    person_id TEXT NOT NULL,
    date      TEXT NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (kind, ref_id)
) STRICT;
CREATE INDEX note_docs_person ON note_docs (person_id);

CREATE VIRTUAL TABLE notes_fts USING fts5 (
    text,
    content = 'note_docs',
    content_rowid = 'docid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER note_docs_ai AFTER INSERT ON note_docs BEGIN
    INSERT INTO notes_fts (rowid, text) VALUES (NEW.docid, NEW.text);
END;
CREATE TRIGGER note_docs_ad AFTER DELETE ON note_docs BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', OLD.docid, OLD.text);
END;
CREATE TRIGGER note_docs_au AFTER UPDATE OF text ON note_docs BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', OLD.docid, OLD.text);
    INSERT INTO notes_fts (rowid, text) VALUES (NEW.docid, NEW.text);
END;

CREATE TRIGGER meetings_ai AFTER INSERT ON meetings BEGIN
    INSERT INTO note_docs (kind, ref_id, person_id, date, text)
    VALUES ('meeting', NEW.id, NEW.person_id, NEW.date, NEW.agenda || char(10) || NEW.shared_notes),
           ('private', NEW.id, NEW.person_id, NEW.date, NEW.private_notes);
END;
CREATE TRIGGER meetings_au AFTER UPDATE OF agenda, shared_notes, private_notes, date ON meetings BEGIN
    UPDATE note_docs SET text = NEW.agenda || char(10) || NEW.shared_notes, date = NEW.date
     WHERE kind = 'meeting' AND ref_id = NEW.id;
    UPDATE note_docs SET text = NEW.private_notes, date = NEW.date
     WHERE kind = 'private' AND ref_id = NEW.id;
END;
CREATE TRIGGER meetings_ad AFTER DELETE ON meetings BEGIN
    DELETE FROM note_docs WHERE kind IN ('meeting', 'private') AND ref_id = OLD.id;
END;

CREATE TRIGGER talking_points_ai AFTER INSERT ON talking_points BEGIN
    INSERT INTO note_docs (kind, ref_id, person_id, date, text)
    VALUES ('point', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10), NEW.text);
END;
CREATE TRIGGER talking_points_ad AFTER DELETE ON talking_points BEGIN
    DELETE FROM note_docs WHERE kind = 'point' AND ref_id = OLD.id;
END;

CREATE TRIGGER action_items_ai AFTER INSERT ON action_items BEGIN
    INSERT INTO note_docs (kind, ref_id, person_id, date, text)
    VALUES ('action', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10), NEW.text);
END;
CREATE TRIGGER action_items_au AFTER UPDATE OF text ON action_items BEGIN
    UPDATE note_docs SET text = NEW.text WHERE kind = 'action' AND ref_id = NEW.id;
END;
CREATE TRIGGER action_items_ad AFTER DELETE ON action_items BEGIN
    DELETE FROM note_docs WHERE kind = 'action' AND ref_id = OLD.id;
END;
