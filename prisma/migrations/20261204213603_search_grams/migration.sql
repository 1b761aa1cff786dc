-- Written by hand (the schema engine's table redefinition would drop the search index's triggers).
--
-- Every search document also keeps its "grams": its CJK characters and pairs of adjacent ones, as
-- words (" 百 度 百度 "; src/domain/search-grams.ts). A query of one or two such characters (百度,
-- 悟道), which no trigram can look up, is found as " 百度 " in the grams, three characters and more:
-- the FTS5 trigram table "SearchGramIndex" answers it instead of LIKE over every document (over a
-- second at a million articles). Its triggers skip the documents without grams (most of them);
-- `columnsize=0`: no ranking reads the sizes.
--
-- The documents are dropped, not converted (their grams are computed in JavaScript): the server
-- rebuilds an empty index over a non-empty graph on start (seed/prepare.ts), as after the
-- migration that made the documents.
DROP TABLE "SearchIndex";
DROP TABLE "SearchDocument";

CREATE TABLE "SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "grams" TEXT NOT NULL DEFAULT ''
);

CREATE INDEX "SearchDocument_entityType_entityId_idx" ON "SearchDocument"("entityType", "entityId");

CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "text",
    content = 'SearchDocument',
    content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0'
);

CREATE VIRTUAL TABLE "SearchGramIndex" USING fts5(
    "grams",
    content = 'SearchDocument',
    content_rowid = 'id',
    columnsize = 0,
    tokenize = 'trigram'
);

CREATE TRIGGER "SearchDocument_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" (rowid, "text") VALUES (new."id", new."text");
    INSERT INTO "SearchGramIndex" (rowid, "grams") SELECT new."id", new."grams" WHERE new."grams" <> '';
END;

CREATE TRIGGER "SearchDocument_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
    INSERT INTO "SearchGramIndex" ("SearchGramIndex", rowid, "grams")
        SELECT 'delete', old."id", old."grams" WHERE old."grams" <> '';
END;

CREATE TRIGGER "SearchDocument_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
    INSERT INTO "SearchIndex" (rowid, "text") VALUES (new."id", new."text");
    INSERT INTO "SearchGramIndex" ("SearchGramIndex", rowid, "grams")
        SELECT 'delete', old."id", old."grams" WHERE old."grams" <> '';
    INSERT INTO "SearchGramIndex" (rowid, "grams") SELECT new."id", new."grams" WHERE new."grams" <> '';
END;
