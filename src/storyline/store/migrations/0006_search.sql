-- Full-text search over articles, quotes and events (SQLite FTS5), for the web UI and API.
--
-- search_index: one row per article (title + clean text), per quote (speaker, relay + the
-- quoted words) and per timeline event (actors + summary). Articles and quotes are indexed in
-- the transaction that adds them, events in the one that saves the regrouped corpus. ``ref``
-- is the article id, the quote's rowid or the event id; filters (outlet, dates, storyline,
-- entity) join the tables the rows came from, so re-grouping never leaves them stale.
--
-- The indexes below serve the web pages: storylines by date, an entity's mentions, a quote's
-- speaker, an article's copies.

CREATE VIRTUAL TABLE search_index USING fts5(
    heading,
    body,
    kind UNINDEXED,
    ref UNINDEXED,
    article_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_index (heading, body, kind, ref, article_id)
SELECT COALESCE(title, ''), text, 'article', id, id FROM articles;

INSERT INTO search_index (heading, body, kind, ref, article_id)
SELECT TRIM(COALESCE(speaker, '') || ' ' || COALESCE(speaker_mention, '') || ' ' || COALESCE(via, '')),
       text, 'quote', rowid, article_id
FROM quotes;

INSERT INTO search_index (heading, body, kind, ref, article_id)
SELECT (SELECT group_concat(value, ' ') FROM json_each(events.actors)), summary, 'event', id, NULL
FROM events;

CREATE INDEX stories_level_start ON stories (level, start);
CREATE INDEX mentions_name ON mentions (name);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX articles_duplicate ON articles (duplicate_of);
CREATE INDEX entities_name ON entities (name);
