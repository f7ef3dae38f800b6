-- Full-text search over articles, quotes and events (SQLite FTS5), for the web UI and API.
--
-- article_search: the articles' titles and clean texts, indexed without a second copy of them
-- (external content: snippets read the articles table). search_index: the quotes (speaker,
-- speaker's words in the text, relay + the quoted words) and the timeline events (actors +
-- summary), short texts kept with their index. Articles and quotes are indexed in the
-- transaction that adds them, events in the one that saves the regrouped corpus. ``ref`` is
-- the quote's rowid or the event's id. Filters (outlet, dates, storyline, entity) join the
-- tables the rows came from, so regrouping never leaves them stale.
--
-- The plain indexes below serve the web pages: storylines by date, an entity's mentions, a
-- quote's speaker, an article's copies, an entity by name.

CREATE VIRTUAL TABLE article_search USING fts5(
    title,
    text,
    content = 'articles',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO article_search (rowid, title, text) SELECT rowid, title, text FROM articles;

CREATE VIRTUAL TABLE search_index USING fts5(
    heading,
    body,
    kind UNINDEXED,
    ref UNINDEXED,
    article_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

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
