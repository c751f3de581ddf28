-- The role blueprint: 20 sections, each a tree of nodes (headings, paragraphs, lists, items,
-- tables, rows). Seeded once from data/role-blueprint.json; the user owns it from then on.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE blueprint_sections (
    id     TEXT PRIMARY KEY NOT NULL,
    number INTEGER NOT NULL UNIQUE,
    title  TEXT NOT NULL
) STRICT;

CREATE TABLE blueprint_nodes (
    id         TEXT PRIMARY KEY NOT NULL,
    section_id TEXT NOT NULL REFERENCES blueprint_sections (id),
    parent_id  TEXT REFERENCES blueprint_nodes (id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('heading', 'paragraph', 'list', 'item', 'table', 'row')),
    key        TEXT UNIQUE,           -- stable handle other areas look up (e.g. 'kpi-table')
    title      TEXT,
    body       TEXT,
    ordered    INTEGER NOT NULL DEFAULT 0,
    fields     TEXT NOT NULL DEFAULT '[]',   -- JSON [{label, value}]
    columns    TEXT NOT NULL DEFAULT '[]',   -- JSON [header]
    cells      TEXT NOT NULL DEFAULT '[]',   -- JSON [cell]
    original   TEXT                          -- JSON content at seed time; NULL if user-added
) STRICT;
CREATE INDEX blueprint_nodes_tree ON blueprint_nodes (section_id, parent_id, position);
CREATE INDEX blueprint_nodes_parent ON blueprint_nodes (parent_id);

-- Every change keeps a revision: when, what, and JSON snapshots before and after.
CREATE TABLE blueprint_revisions (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    section_id TEXT NOT NULL REFERENCES blueprint_sections (id),
    node_id    TEXT,                  -- NULL for a whole-section reset
    action     TEXT NOT NULL CHECK (action IN ('edit', 'add', 'delete', 'move', 'reset', 'restore')),
    summary    TEXT NOT NULL,
    before     TEXT,
    after      TEXT
) STRICT;
CREATE INDEX blueprint_revisions_section ON blueprint_revisions (section_id, id);

-- Full-text search over all blueprint text, kept in step by triggers.
CREATE VIRTUAL TABLE blueprint_fts USING fts5 (
    node_id UNINDEXED,
    text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER blueprint_nodes_ai AFTER INSERT ON blueprint_nodes BEGIN
    INSERT INTO blueprint_fts (node_id, text) VALUES (NEW.id, concat_ws(' ',
        NEW.title, NEW.body,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'),
        (SELECT group_concat(value, ' ') FROM json_each(NEW.columns)),
        (SELECT group_concat(value, ' ') FROM json_each(NEW.cells))));
END;

CREATE TRIGGER blueprint_nodes_ad AFTER DELETE ON blueprint_nodes BEGIN
    DELETE FROM blueprint_fts WHERE node_id = OLD.id;
END;

CREATE TRIGGER blueprint_nodes_au AFTER UPDATE OF title, body, fields, columns, cells ON blueprint_nodes BEGIN
    DELETE FROM blueprint_fts WHERE node_id = OLD.id;
    INSERT INTO blueprint_fts (node_id, text) VALUES (NEW.id, concat_ws(' ',
        NEW.title, NEW.body,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'),
        (SELECT group_concat(value, ' ') FROM json_each(NEW.columns)),
        (SELECT group_concat(value, ' ') FROM json_each(NEW.cells))));
END;
