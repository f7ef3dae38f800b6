-- Incremental grouping and analysts' corrections.
--
-- corrections: merges, splits and renames of stories, in the order they were made; every later
-- regrouping replays them. A merge or split keeps the articles it was about (JSON lists), since
-- story ids may disappear (a merged story) while its articles stay.
--
-- article_terms: what grouping compares of each article (content words and canonical names),
-- computed once when the article is first grouped. term_counts: in how many articles each term
-- occurs, for the collection-wide weights. minhash_bands: each article's MinHash signature cut
-- into LSH bands, so that a new article finds its near-duplicates by lookup. term_postings: the
-- articles of each of their most specific terms, so that a new article finds the storylines
-- it may belong to by lookup.

CREATE TABLE corrections (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    level       TEXT NOT NULL,
    story_id    TEXT NOT NULL,
    other_id    TEXT,
    article_ids TEXT NOT NULL DEFAULT '[]',
    other_ids   TEXT NOT NULL DEFAULT '[]',
    label       TEXT
);

CREATE TABLE article_terms (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    terms      TEXT NOT NULL
);

CREATE TABLE term_counts (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE minhash_bands (
    band       INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    article_id TEXT NOT NULL
);
CREATE TABLE term_postings (
    term       TEXT NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX term_postings_term ON term_postings (term);

CREATE INDEX minhash_bands_lookup ON minhash_bands (band, hash);
-- (Entities are recomputed name by name from the mentions: indexes on names in 0006.)

CREATE INDEX stories_level ON stories (level, parent_id);
