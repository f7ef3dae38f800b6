-- Whether the corpus derivations (placements, entities, stories, events, contradictions) lag
-- behind the stored articles. Set in the transaction that adds articles, cleared in the one that
-- saves the regrouped corpus: a run killed between the two leaves it set, and the next ingest
-- regroups even when it adds nothing.

CREATE TABLE corpus_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stale INTEGER NOT NULL
);

-- A database from before this migration is stale when some article was never placed.
INSERT INTO corpus_state (id, stale)
VALUES (1, EXISTS (SELECT 1 FROM articles WHERE storyline_id IS NULL));
