-- The shared kernel every area builds on: Leadbook's application id, one revision log, one
-- search index, app preferences, and a unique index behind "one 1:1 per person per day".
PRAGMA application_id = 1279411275;  -- 0x4C42444B, "LBDK"

-- One revision/audit log for every area: who changed what, when, from what to what, and why.
-- `area` + `scope` group entries for a history view (blueprint: a section); `entity_id` is the
-- record changed (NULL for a change to a whole scope, such as a section reset).
CREATE TABLE revisions (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,                 -- UTC instant
    actor     TEXT NOT NULL,                 -- who, e.g. "ada (app)"
    area      TEXT NOT NULL CHECK (length(area) > 0),
    scope     TEXT NOT NULL,
    entity_id TEXT,
    action    TEXT NOT NULL CHECK (length(action) > 0),
    summary   TEXT NOT NULL,
    reason    TEXT,                          -- why, where the area asks for one
    before    TEXT,                          -- JSON (or text) before the change
    after     TEXT
) STRICT;
CREATE INDEX revisions_scope ON revisions (area, scope, id);
CREATE INDEX revisions_entity ON revisions (entity_id) WHERE entity_id IS NOT NULL;

INSERT INTO revisions (id, at, actor, area, scope, entity_id, action, summary, before, after)
SELECT id, at, 'you', 'blueprint', section_id, node_id, action, summary, before, after
FROM blueprint_revisions ORDER BY id;
DROP TABLE blueprint_revisions;

-- App preferences (Settings): one row per key, validated in Rust.
CREATE TABLE preferences (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- One 1:1 per person per day, enforced by the schema. Code refused a second one already, but two
-- processes could race past that check; such pairs are merged into the earlier one, keeping all
-- notes and every talking point and action item link.
DROP TRIGGER meetings_ai;
DROP TRIGGER meetings_au;
DROP TRIGGER meetings_ad;
DROP TRIGGER talking_points_ai;
DROP TRIGGER talking_points_ad;
DROP TRIGGER action_items_ai;
DROP TRIGGER action_items_au;
DROP TRIGGER action_items_ad;
DROP TABLE notes_fts;
DROP TABLE note_docs;

CREATE TEMP TABLE meeting_merge AS
SELECT m.id AS old_id,
       (SELECT k.id FROM meetings k WHERE k.person_id = m.person_id AND k.date = m.date
        ORDER BY k.created_at, k.id LIMIT 1) AS keep_id
FROM meetings m;
DELETE FROM meeting_merge WHERE old_id = keep_id;
UPDATE meetings SET
    agenda = agenda || coalesce((SELECT group_concat(char(10) || char(10) || o.agenda, '')
        FROM meeting_merge g JOIN meetings o ON o.id = g.old_id
        WHERE g.keep_id = meetings.id AND o.agenda <> ''), ''),
    shared_notes = shared_notes || coalesce((SELECT group_concat(char(10) || char(10) || o.shared_notes, '')
        FROM meeting_merge g JOIN meetings o ON o.id = g.old_id
        WHERE g.keep_id = meetings.id AND o.shared_notes <> ''), ''),
    private_notes = private_notes || coalesce((SELECT group_concat(char(10) || char(10) || o.private_notes, '')
        FROM meeting_merge g JOIN meetings o ON o.id = g.old_id
        WHERE g.keep_id = meetings.id AND o.private_notes <> ''), '')
WHERE id IN (SELECT keep_id FROM meeting_merge);
UPDATE talking_points SET meeting_id = (SELECT keep_id FROM meeting_merge WHERE old_id = meeting_id)
WHERE meeting_id IN (SELECT old_id FROM meeting_merge);
UPDATE action_items SET meeting_id = (SELECT keep_id FROM meeting_merge WHERE old_id = meeting_id)
WHERE meeting_id IN (SELECT old_id FROM meeting_merge);
DELETE FROM meetings WHERE id IN (SELECT old_id FROM meeting_merge);
DROP TABLE meeting_merge;

DROP INDEX meetings_person_date;
CREATE UNIQUE INDEX meetings_person_day ON meetings (person_id, date);

-- One search index across areas. Each area registers its kinds of document here (in its own
-- migration) and keeps them in step with triggers; ranking and snippets are done in Rust.
CREATE TABLE search_kinds (
    kind TEXT PRIMARY KEY NOT NULL CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z]*'),
    area TEXT NOT NULL
) STRICT;

CREATE TABLE search_docs (
    docid     INTEGER PRIMARY KEY,           -- grows with writes: newer documents, larger ids
    kind      TEXT NOT NULL REFERENCES search_kinds (kind),
    ref_id    TEXT NOT NULL,                 -- the record the document is (or is in)
    person_id TEXT,                          -- the person it is about, if any
    date      TEXT,                          -- YYYY-MM-DD it belongs to, if any
    title     TEXT NOT NULL DEFAULT '',      -- ranked above the text
    text      TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref_id)
) STRICT;
CREATE INDEX search_docs_person ON search_docs (person_id) WHERE person_id IS NOT NULL;

-- `kind` is indexed too, so a search narrowed to some kinds is one FTS5 query (a doclist
-- intersection), not a rank of every match followed by a filter.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    kind,
    title,
    text,
    content = 'search_docs',
    content_rowid = 'docid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, kind, title, text) VALUES (NEW.docid, NEW.kind, NEW.title, NEW.text);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, kind, title, text) VALUES ('delete', OLD.docid, OLD.kind, OLD.title, OLD.text);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE OF title, text ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, kind, title, text) VALUES ('delete', OLD.docid, OLD.kind, OLD.title, OLD.text);
    INSERT INTO search_fts (rowid, kind, title, text) VALUES (NEW.docid, NEW.kind, NEW.title, NEW.text);
END;

-- People: name as the title; email, title, team and level as text. Manager-only notes are not
-- indexed (they would show on a shared screen).
INSERT INTO search_kinds (kind, area) VALUES ('person', 'people');
CREATE TRIGGER people_search_ai AFTER INSERT ON people BEGIN
    INSERT INTO search_docs (kind, ref_id, person_id, title, text)
    VALUES ('person', NEW.id, NEW.id, NEW.name, concat_ws(' ', NEW.email, NEW.title, NEW.team, NEW.level));
END;
CREATE TRIGGER people_search_au AFTER UPDATE OF name, email, title, team, level ON people BEGIN
    UPDATE search_docs SET title = NEW.name, text = concat_ws(' ', NEW.email, NEW.title, NEW.team, NEW.level)
     WHERE kind = 'person' AND ref_id = NEW.id;
END;
CREATE TRIGGER people_search_ad AFTER DELETE ON people BEGIN
    DELETE FROM search_docs WHERE kind = 'person' AND ref_id = OLD.id;
END;
INSERT INTO search_docs (kind, ref_id, person_id, title, text)
SELECT 'person', id, id, name, concat_ws(' ', email, title, team, level) FROM people ORDER BY created_at, id;

-- The role blueprint: a node's title as the title, the rest of its text as text.
INSERT INTO search_kinds (kind, area) VALUES ('blueprint', 'blueprint');
DROP TRIGGER blueprint_nodes_ai;
DROP TRIGGER blueprint_nodes_ad;
DROP TRIGGER blueprint_nodes_au;
DROP TABLE blueprint_fts;
CREATE TRIGGER blueprint_search_ai AFTER INSERT ON blueprint_nodes BEGIN
    INSERT INTO search_docs (kind, ref_id, title, text) VALUES ('blueprint', NEW.id, coalesce(NEW.title, ''),
        concat_ws(' ', NEW.body,
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'),
            (SELECT group_concat(value, ' ') FROM json_each(NEW.columns)),
            (SELECT group_concat(value, ' ') FROM json_each(NEW.cells))));
END;
CREATE TRIGGER blueprint_search_au AFTER UPDATE OF title, body, fields, columns, cells ON blueprint_nodes BEGIN
    UPDATE search_docs SET title = coalesce(NEW.title, ''),
        text = concat_ws(' ', NEW.body,
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'),
            (SELECT group_concat(value, ' ') FROM json_each(NEW.columns)),
            (SELECT group_concat(value, ' ') FROM json_each(NEW.cells)))
     WHERE kind = 'blueprint' AND ref_id = NEW.id;
END;
CREATE TRIGGER blueprint_search_ad AFTER DELETE ON blueprint_nodes BEGIN
    DELETE FROM search_docs WHERE kind = 'blueprint' AND ref_id = OLD.id;
END;
INSERT INTO search_docs (kind, ref_id, title, text)
SELECT 'blueprint', id, coalesce(title, ''),
    concat_ws(' ', body,
        (SELECT group_concat(value, ' ') FROM json_tree(fields) WHERE type = 'text'),
        (SELECT group_concat(value, ' ') FROM json_each(columns)),
        (SELECT group_concat(value, ' ') FROM json_each(cells)))
FROM blueprint_nodes ORDER BY section_id, id;

-- 1:1s: a meeting's agenda and shared notes, its private notes (their own kind, so results say
-- so and can be left out), talking points and action items.
INSERT INTO search_kinds (kind, area) VALUES
    ('meeting', 'one-on-ones'), ('private', 'one-on-ones'), ('point', 'one-on-ones'), ('action', 'one-on-ones');
CREATE TRIGGER meetings_search_ai AFTER INSERT ON meetings BEGIN
    INSERT INTO search_docs (kind, ref_id, person_id, date, text)
    VALUES ('meeting', NEW.id, NEW.person_id, NEW.date, NEW.agenda || char(10) || NEW.shared_notes),
           ('private', NEW.id, NEW.person_id, NEW.date, NEW.private_notes);
END;
CREATE TRIGGER meetings_search_au AFTER UPDATE OF agenda, shared_notes, private_notes, date ON meetings BEGIN
    UPDATE search_docs SET text = NEW.agenda || char(10) || NEW.shared_notes, date = NEW.date
     WHERE kind = 'meeting' AND ref_id = NEW.id;
    UPDATE search_docs SET text = NEW.private_notes, date = NEW.date
     WHERE kind = 'private' AND ref_id = NEW.id;
END;
CREATE TRIGGER meetings_search_ad AFTER DELETE ON meetings BEGIN
    DELETE FROM search_docs WHERE kind IN ('meeting', 'private') AND ref_id = OLD.id;
END;
CREATE TRIGGER talking_points_search_ai AFTER INSERT ON talking_points BEGIN
    INSERT INTO search_docs (kind, ref_id, person_id, date, text)
    VALUES ('point', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10), NEW.text);
END;
CREATE TRIGGER talking_points_search_ad AFTER DELETE ON talking_points BEGIN
    DELETE FROM search_docs WHERE kind = 'point' AND ref_id = OLD.id;
END;
CREATE TRIGGER action_items_search_ai AFTER INSERT ON action_items BEGIN
    INSERT INTO search_docs (kind, ref_id, person_id, date, text)
    VALUES ('action', NEW.id, NEW.person_id, substr(NEW.created_at, 1, 10), NEW.text);
END;
CREATE TRIGGER action_items_search_au AFTER UPDATE OF text ON action_items BEGIN
    UPDATE search_docs SET text = NEW.text WHERE kind = 'action' AND ref_id = NEW.id;
END;
CREATE TRIGGER action_items_search_ad AFTER DELETE ON action_items BEGIN
    DELETE FROM search_docs WHERE kind = 'action' AND ref_id = OLD.id;
END;
-- Existing notes in the order they were written, so "newest" keeps its meaning.
INSERT INTO search_docs (kind, ref_id, person_id, date, text)
SELECT kind, ref_id, person_id, date, text FROM (
    SELECT 'meeting' AS kind, id AS ref_id, person_id, date, agenda || char(10) || shared_notes AS text,
           created_at, 0 AS part FROM meetings
    UNION ALL SELECT 'private', id, person_id, date, private_notes, created_at, 1 FROM meetings
    UNION ALL SELECT 'point', id, person_id, substr(created_at, 1, 10), text, created_at, 2 FROM talking_points
    UNION ALL SELECT 'action', id, person_id, substr(created_at, 1, 10), text, created_at, 3 FROM action_items
) ORDER BY created_at, part, ref_id;
