-- Full-text search over articles, quotes and timeline events (SQLite FTS5), for the web UI and
-- the API.
--
-- Each index reads its text from the table it indexes (external content: nothing is stored
-- twice; snippets come from the table) and triggers keep it in step with every write to that
-- table, whichever code path makes it: a batch of articles, a whole regrouping or the
-- regrouping of some storylines. Filters (outlet, dates, storyline, entity) join the tables
-- the hits came from, so they never go stale.
--
-- The plain indexes below serve the web pages: storylines by date, an entity's mentions, a
-- quote's speaker, an article's copies.

CREATE VIRTUAL TABLE article_search USING fts5(
    title, text, content = 'articles', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO article_search (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO article_search (article_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE quote_search USING fts5(
    speaker, speaker_mention, via, text,
    content = 'quotes', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quote_search_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_search (rowid, speaker, speaker_mention, via, text)
    VALUES (new.rowid, new.speaker, new.speaker_mention, new.via, new.text);
END;
CREATE TRIGGER quote_search_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quote_search (quote_search, rowid, speaker, speaker_mention, via, text)
    VALUES ('delete', old.rowid, old.speaker, old.speaker_mention, old.via, old.text);
END;
CREATE TRIGGER quote_search_update AFTER UPDATE ON quotes BEGIN
    INSERT INTO quote_search (quote_search, rowid, speaker, speaker_mention, via, text)
    VALUES ('delete', old.rowid, old.speaker, old.speaker_mention, old.via, old.text);
    INSERT INTO quote_search (rowid, speaker, speaker_mention, via, text)
    VALUES (new.rowid, new.speaker, new.speaker_mention, new.via, new.text);
END;
INSERT INTO quote_search (quote_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE event_search USING fts5(
    actors, summary, content = 'events', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER event_search_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_search (rowid, actors, summary) VALUES (new.rowid, new.actors, new.summary);
END;
CREATE TRIGGER event_search_delete AFTER DELETE ON events BEGIN
    INSERT INTO event_search (event_search, rowid, actors, summary)
    VALUES ('delete', old.rowid, old.actors, old.summary);
END;
CREATE TRIGGER event_search_update AFTER UPDATE ON events BEGIN
    INSERT INTO event_search (event_search, rowid, actors, summary)
    VALUES ('delete', old.rowid, old.actors, old.summary);
    INSERT INTO event_search (rowid, actors, summary) VALUES (new.rowid, new.actors, new.summary);
END;
INSERT INTO event_search (event_search) VALUES ('rebuild');

CREATE INDEX stories_level_start ON stories (level, start);
CREATE INDEX mentions_name ON mentions (name);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX articles_duplicate ON articles (duplicate_of);
