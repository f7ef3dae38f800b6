-- Cross-checking (issue 18): every statement on each side of a contradiction, claims with
-- their responses, coverage of events by outlets, and each main actor's positions. Replaced
-- with the rest of the corpus derivations, storyline by storyline. Lists are JSON text.

ALTER TABLE contradictions ADD COLUMN a_all TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contradictions ADD COLUMN b_all TEXT NOT NULL DEFAULT '[]';
CREATE INDEX contradictions_storyline ON contradictions (storyline_id);

CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    storyline_id TEXT,
    claim        TEXT NOT NULL,
    responses    TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    repeats      TEXT NOT NULL
);
CREATE INDEX claims_storyline ON claims (storyline_id);

CREATE TABLE coverage (
    event_id        TEXT NOT NULL,
    storyline_id    TEXT,
    outlet          TEXT,
    article_ids     TEXT NOT NULL,
    first_published TEXT,
    first           INTEGER NOT NULL,
    syndicated_from TEXT,
    attributed_to   TEXT NOT NULL,
    duplicates      INTEGER NOT NULL
);
CREATE INDEX coverage_storyline ON coverage (storyline_id);

CREATE TABLE positions (
    entity       TEXT NOT NULL,
    storyline_id TEXT,
    statements   TEXT NOT NULL,
    shifts       TEXT NOT NULL
);
CREATE INDEX positions_storyline ON positions (storyline_id);
