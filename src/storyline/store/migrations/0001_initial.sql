-- storyline's first schema: articles and what was extracted from them (kept per batch), and
-- the corpus-level derivations (entities, stories, events, contradictions), replaced whole
-- each time the corpus stages run. Lists are JSON text.

CREATE TABLE articles (
    id                 TEXT PRIMARY KEY,
    source             TEXT NOT NULL,
    url                TEXT,
    outlet             TEXT,
    title              TEXT,
    published          TEXT,
    published_source   TEXT,
    published_evidence TEXT,
    language           TEXT,
    text               TEXT NOT NULL,
    removed_lines      TEXT NOT NULL DEFAULT '[]',
    attributed_to      TEXT NOT NULL DEFAULT '[]',
    duplicate_of       TEXT,
    event_id           TEXT,
    storyline_id       TEXT,
    seq                INTEGER NOT NULL
);
CREATE INDEX articles_storyline ON articles (storyline_id);
CREATE INDEX articles_event ON articles (event_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE quotes (
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker         TEXT,
    speaker_mention TEXT,
    text            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    cue             TEXT,
    via             TEXT,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);

CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER,
    "end"      INTEGER,
    type       TEXT NOT NULL,
    value      TEXT,
    anchor     TEXT,
    range_end  TEXT
);
CREATE INDEX timexes_article ON timexes (article_id);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    aliases     TEXT NOT NULL,
    article_ids TEXT NOT NULL
);

CREATE TABLE names (
    article_name TEXT PRIMARY KEY,
    name         TEXT NOT NULL
);

CREATE TABLE stories (
    id           TEXT PRIMARY KEY,
    level        TEXT NOT NULL,
    parent_id    TEXT,
    label        TEXT NOT NULL,
    article_ids  TEXT NOT NULL,
    start        TEXT,
    "end"        TEXT,
    top_entities TEXT NOT NULL
);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    storyline_id   TEXT,
    event_id       TEXT,
    date           TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    summary        TEXT NOT NULL,
    actors         TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    first_reported TEXT
);
CREATE INDEX events_storyline ON events (storyline_id, date);

CREATE TABLE contradictions (
    id           TEXT PRIMARY KEY,
    storyline_id TEXT,
    kind         TEXT NOT NULL,
    a            TEXT NOT NULL,
    b            TEXT NOT NULL,
    explanation  TEXT NOT NULL
);
