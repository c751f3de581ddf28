-- The team roster. Ids are UUIDv7 text so they survive export/import between laptops.
CREATE TABLE people (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT,
    title       TEXT,
    team        TEXT,
    level       TEXT,
    start_date  TEXT,            -- YYYY-MM-DD
    timezone    TEXT,            -- IANA zone, e.g. Europe/Berlin
    notes       TEXT NOT NULL DEFAULT '',   -- manager-only
    archived_at TEXT,            -- UTC instant; NULL while active
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Email is unique among active people (archived people may share an address with a rehire).
CREATE UNIQUE INDEX people_active_email ON people (lower(email))
    WHERE archived_at IS NULL AND email IS NOT NULL;
