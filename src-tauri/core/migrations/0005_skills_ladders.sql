-- Skills and career ladders, joined by evidence: a skills catalog with a 0-4 scale, every rating
-- kept (self and manager) with a latest-per-pair table the matrix reads, ladders of levels and
-- competencies with expectation texts and expected skill levels, people placed on them, their
-- assessments and a log of evidence (typed, or filed from a #tag in a 1:1).

-- The catalog. A retired skill keeps its ratings and leaves the matrix; an active name is unique
-- (any case; Rust folds non-ASCII case before this index sees it).
CREATE TABLE skills (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category    TEXT NOT NULL CHECK (length(trim(category)) > 0),
    description TEXT NOT NULL DEFAULT '',
    source_id   TEXT,                     -- the blueprint node it was seeded from
    position    INTEGER NOT NULL,
    retired_at  TEXT,                     -- UTC instant; NULL while in use
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX skills_active_name ON skills (lower(name)) WHERE retired_at IS NULL;
CREATE INDEX skills_position ON skills (position);

-- The rating scale: one editable name and description per step.
CREATE TABLE skill_scale (
    level       INTEGER PRIMARY KEY NOT NULL CHECK (level BETWEEN 0 AND 4),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO skill_scale (level, name, description) VALUES
    (0, 'None', 'No working knowledge yet.'),
    (1, 'Aware', 'Knows the concepts and where to look; needs help to do the work.'),
    (2, 'Working', 'Does routine work on their own; asks for help on the unusual.'),
    (3, 'Proficient', 'Handles the hard cases alone and reviews others'' work; the team relies on them.'),
    (4, 'Expert', 'Sets the standard, teaches it, and is sought out beyond the team.');

-- Every rating ever given, by the person themself or by their manager.
CREATE TABLE skill_ratings (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    skill_id   TEXT NOT NULL REFERENCES skills (id),
    rater      TEXT NOT NULL CHECK (rater IN ('self', 'manager')),
    level      INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    rated_on   TEXT NOT NULL,             -- YYYY-MM-DD
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX skill_ratings_pair ON skill_ratings (person_id, skill_id, rater, rated_on);
CREATE INDEX skill_ratings_created ON skill_ratings (person_id, created_at);

-- The latest rating per person, skill and rater (greatest rated_on, then created_at), kept by
-- the trigger below, so the matrix reads one row per pair instead of grouping all history. An
-- upsert, not a replace, so re-inserting the same history (an archive import) changes nothing.
CREATE TABLE skill_latest (
    person_id  TEXT NOT NULL REFERENCES people (id),
    skill_id   TEXT NOT NULL REFERENCES skills (id),
    rater      TEXT NOT NULL CHECK (rater IN ('self', 'manager')),
    level      INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    rated_on   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rating_id  TEXT NOT NULL,
    PRIMARY KEY (person_id, skill_id, rater)
) STRICT;
CREATE INDEX skill_latest_skill ON skill_latest (skill_id, rater, level);
CREATE TRIGGER skill_ratings_latest AFTER INSERT ON skill_ratings BEGIN
    INSERT INTO skill_latest (person_id, skill_id, rater, level, rated_on, created_at, rating_id)
    VALUES (NEW.person_id, NEW.skill_id, NEW.rater, NEW.level, NEW.rated_on, NEW.created_at, NEW.id)
    ON CONFLICT (person_id, skill_id, rater) DO UPDATE SET
        level = excluded.level, rated_on = excluded.rated_on,
        created_at = excluded.created_at, rating_id = excluded.rating_id
    WHERE excluded.rated_on > skill_latest.rated_on
       OR (excluded.rated_on = skill_latest.rated_on AND excluded.created_at >= skill_latest.created_at);
END;

-- "Wants to grow this": a flag per person and skill, apart from any rating.
CREATE TABLE skill_interests (
    person_id  TEXT NOT NULL REFERENCES people (id),
    skill_id   TEXT NOT NULL REFERENCES skills (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (person_id, skill_id)
) STRICT;

-- Career ladders: a track of ordered levels and the competencies expected at each.
CREATE TABLE ladders (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    track       TEXT NOT NULL CHECK (track IN ('ic', 'management')),
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX ladders_name ON ladders (lower(name));

CREATE TABLE ladder_levels (
    id        TEXT PRIMARY KEY NOT NULL,
    ladder_id TEXT NOT NULL REFERENCES ladders (id) ON DELETE CASCADE,
    key       TEXT NOT NULL CHECK (length(trim(key)) > 0),   -- L4, M1...
    title     TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary   TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX ladder_levels_key ON ladder_levels (ladder_id, lower(key));
CREATE INDEX ladder_levels_order ON ladder_levels (ladder_id, position);

CREATE TABLE competencies (
    id          TEXT PRIMARY KEY NOT NULL,
    ladder_id   TEXT NOT NULL REFERENCES ladders (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    source_id   TEXT,                     -- the blueprint node it was seeded from
    position    INTEGER NOT NULL,
    UNIQUE (ladder_id, slug)
) STRICT;

-- What a competency looks like at a level.
CREATE TABLE competency_expectations (
    competency_id TEXT NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    level_id      TEXT NOT NULL REFERENCES ladder_levels (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    PRIMARY KEY (competency_id, level_id)
) STRICT;

-- The skill level a ladder level expects (1-4; no row = no expectation).
CREATE TABLE level_skills (
    level_id TEXT NOT NULL REFERENCES ladder_levels (id) ON DELETE CASCADE,
    skill_id TEXT NOT NULL REFERENCES skills (id),
    level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    PRIMARY KEY (level_id, skill_id)
) STRICT;

-- Where a person is: one ladder, a current level and the level they aim for.
CREATE TABLE ladder_placements (
    person_id       TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
    ladder_id       TEXT NOT NULL REFERENCES ladders (id),
    level_id        TEXT NOT NULL REFERENCES ladder_levels (id),
    target_level_id TEXT REFERENCES ladder_levels (id),
    updated_at      TEXT NOT NULL
) STRICT;

-- A person against the target level, per competency (its history is on the revision log).
CREATE TABLE competency_assessments (
    person_id     TEXT NOT NULL REFERENCES people (id),
    competency_id TEXT NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    rating        TEXT NOT NULL CHECK (rating IN ('below', 'meets', 'exceeds')),
    note          TEXT NOT NULL DEFAULT '',
    assessed_on   TEXT NOT NULL,          -- YYYY-MM-DD
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, competency_id)
) STRICT;

-- Evidence per person and competency: typed by the manager, or filed from a #tag in a 1:1's
-- notes or an action item. `source_key` names where tagged evidence came from (the meeting, the
-- competency and which tagged paragraph; or the action item), so a re-save updates it in place.
CREATE TABLE evidence (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id),
    competency_id TEXT NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    date          TEXT NOT NULL,          -- YYYY-MM-DD
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    source        TEXT NOT NULL CHECK (source IN ('manual', 'notes', 'action')),
    meeting_id    TEXT REFERENCES meetings (id) ON DELETE SET NULL,
    source_key    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_person ON evidence (person_id, date);
CREATE INDEX evidence_meeting ON evidence (meeting_id) WHERE meeting_id IS NOT NULL;
CREATE UNIQUE INDEX evidence_source ON evidence (source_key) WHERE source_key IS NOT NULL;
-- A 1:1 deleted as started by mistake takes the evidence filed from its notes with it (the
-- notes are gone); evidence from its action items stays, unlinked.
CREATE TRIGGER meetings_evidence_bd BEFORE DELETE ON meetings BEGIN
    DELETE FROM evidence WHERE meeting_id = OLD.id AND source = 'notes';
END;

-- Search: skills (name; category and description as text) and competencies (name; slug,
-- description and every level's expectation as text).
INSERT INTO search_kinds (kind, area) VALUES ('skill', 'skills'), ('competency', 'ladders');
CREATE TRIGGER skills_search_ai AFTER INSERT ON skills BEGIN
    INSERT INTO search_docs (kind, ref_id, title, text)
    VALUES ('skill', NEW.id, NEW.name, concat_ws(' ', NEW.category, NEW.description));
END;
CREATE TRIGGER skills_search_au AFTER UPDATE OF name, category, description ON skills BEGIN
    UPDATE search_docs SET title = NEW.name, text = concat_ws(' ', NEW.category, NEW.description)
     WHERE kind = 'skill' AND ref_id = NEW.id;
END;
CREATE TRIGGER skills_search_ad AFTER DELETE ON skills BEGIN
    DELETE FROM search_docs WHERE kind = 'skill' AND ref_id = OLD.id;
END;
CREATE TRIGGER competencies_search_ai AFTER INSERT ON competencies BEGIN
    INSERT INTO search_docs (kind, ref_id, title, text)
    VALUES ('competency', NEW.id, NEW.name, concat_ws(' ', NEW.slug, NEW.description));
END;
CREATE TRIGGER competencies_search_au AFTER UPDATE OF name, slug, description ON competencies BEGIN
    UPDATE search_docs SET title = NEW.name, text = concat_ws(' ', NEW.slug, NEW.description,
        (SELECT group_concat(text, ' ') FROM competency_expectations WHERE competency_id = NEW.id))
     WHERE kind = 'competency' AND ref_id = NEW.id;
END;
CREATE TRIGGER competencies_search_ad AFTER DELETE ON competencies BEGIN
    DELETE FROM search_docs WHERE kind = 'competency' AND ref_id = OLD.id;
END;
CREATE TRIGGER competency_expectations_search_ai AFTER INSERT ON competency_expectations BEGIN
    UPDATE search_docs SET text = coalesce((SELECT concat_ws(' ', c.slug, c.description,
        (SELECT group_concat(text, ' ') FROM competency_expectations WHERE competency_id = c.id))
        FROM competencies c WHERE c.id = NEW.competency_id), '')
     WHERE kind = 'competency' AND ref_id = NEW.competency_id;
END;
CREATE TRIGGER competency_expectations_search_au AFTER UPDATE OF text ON competency_expectations BEGIN
    UPDATE search_docs SET text = coalesce((SELECT concat_ws(' ', c.slug, c.description,
        (SELECT group_concat(text, ' ') FROM competency_expectations WHERE competency_id = c.id))
        FROM competencies c WHERE c.id = NEW.competency_id), '')
     WHERE kind = 'competency' AND ref_id = NEW.competency_id;
END;
CREATE TRIGGER competency_expectations_search_ad AFTER DELETE ON competency_expectations BEGIN
    UPDATE search_docs SET text = coalesce((SELECT concat_ws(' ', c.slug, c.description,
        (SELECT group_concat(text, ' ') FROM competency_expectations WHERE competency_id = c.id))
        FROM competencies c WHERE c.id = OLD.competency_id), '')
     WHERE kind = 'competency' AND ref_id = OLD.competency_id;
END;
