-- How many batches of articles were ever added. A regrouping notes it before reading the corpus
-- and saves only when no batch came in meanwhile: of two ingests running at once, the grouping
-- that read every article is kept, the one that missed the other's last batch is dropped.

ALTER TABLE corpus_state ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
