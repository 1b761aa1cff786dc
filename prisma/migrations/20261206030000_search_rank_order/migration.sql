-- Written by hand (FTS5 tables and their triggers are outside what the Prisma schema describes).
--
-- Search reads its hits in the order it ranks them: a common word no longer sorts all its
-- matches. Before, a query sorted every document that matched (by field, whether the text starts
-- with the query, length, kind and id) to keep the first 8,000: 模型 matched 281,182 documents at
-- a million articles, 0.3 s of SQL. Now one FTS5 table, "SearchRank", holds each document under a
-- rowid that is its place in that order but for kind and id:
--
--   rowid = tier << 52 | min(length(text), 4095) << 40 | id
--
-- (tier: 0 a name, slug or Chinese name; 1 an alias; 2 a title; 3 a family; 4 a longer text:
-- FIELD_TIER in src/db/search-index.ts). FTS5 returns matches in rowid order and stops at the
-- LIMIT, so the first 8,000 cost 8,000 rows, plus the rest of the last one's tier and length
-- (where kind and id decide), whatever the number of matches (src/db/sqlite/search-index.ts).
-- Documents whose text starts with the query rank first within their tier: the column "start"
-- holds two marks and the text's first 16 characters, so that a phrase of the marks and the query
-- finds them, in the same order. Its columns: "text" (substrings of three characters and more),
-- "start", "grams" (one or two CJK characters, src/domain/search-grams.ts).
--
-- Contentless (the documents keep the text) with contentless_delete, so that a document's row is
-- deleted by its rowid. It replaces "SearchIndex" and "SearchGramIndex", which indexed the text
-- and the grams the same way (trigram, any case). At a million articles the index takes 582 MB
-- against their 346 MB, and this migration 100 s.
DROP TRIGGER "SearchDocument_after_insert";
DROP TRIGGER "SearchDocument_after_delete";
DROP TRIGGER "SearchDocument_after_update";
DROP TABLE "SearchIndex";
DROP TABLE "SearchGramIndex";

CREATE VIRTUAL TABLE "SearchRank" USING fts5(
    "text",
    "start",
    "grams",
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram case_sensitive 0'
);

INSERT INTO "SearchRank" (rowid, "text", "start", "grams")
SELECT
    ((CASE "field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
        WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END) << 52)
        | (min(length("text"), 4095) << 40) | "id",
    "text",
    char(57344, 57344) || substr("text", 1, 16),
    "grams"
FROM "SearchDocument";

INSERT INTO "SearchRank" ("SearchRank") VALUES ('optimize');

CREATE TRIGGER "SearchDocument_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchRank" (rowid, "text", "start", "grams") VALUES (
        ((CASE new."field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
            WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END) << 52)
            | (min(length(new."text"), 4095) << 40) | new."id",
        new."text",
        char(57344, 57344) || substr(new."text", 1, 16),
        new."grams"
    );
END;

CREATE TRIGGER "SearchDocument_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    DELETE FROM "SearchRank" WHERE rowid =
        ((CASE old."field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
            WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END) << 52)
            | (min(length(old."text"), 4095) << 40) | old."id";
END;

CREATE TRIGGER "SearchDocument_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    DELETE FROM "SearchRank" WHERE rowid =
        ((CASE old."field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
            WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END) << 52)
            | (min(length(old."text"), 4095) << 40) | old."id";
    INSERT INTO "SearchRank" (rowid, "text", "start", "grams") VALUES (
        ((CASE new."field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
            WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END) << 52)
            | (min(length(new."text"), 4095) << 40) | new."id",
        new."text",
        char(57344, 57344) || substr(new."text", 1, 16),
        new."grams"
    );
END;
