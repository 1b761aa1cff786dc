-- Full-text search over names, aliases, titles and descriptions (SQLite FTS5).
-- The trigram tokenizer finds any substring of three or more characters, which suits Chinese
-- (no spaces between words) as well as English; shorter queries fall back to LIKE on this
-- table. Prisma's schema cannot describe virtual tables: src/db/migrations.ts lists this table
-- and its shadow tables as external so that schema diffs leave them alone.
-- Rows are written by src/search/index-sqlite.ts.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "entityType" UNINDEXED,
    "entityId" UNINDEXED,
    "field" UNINDEXED,
    "text",
    tokenize = 'trigram case_sensitive 0'
);
