-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "SearchDocument_entityType_entityId_idx" ON "SearchDocument"("entityType", "entityId");

-- Written by hand (Prisma's schema cannot describe virtual tables or triggers; src/db/migrations.ts
-- lists the FTS5 table and its shadow tables as external so that schema diffs leave them alone).
--
-- The full-text index becomes an external-content FTS5 table over "SearchDocument"."text": the
-- documents live in a regular table, indexed by (entityType, entityId), so that reindexing one
-- entity deletes its few rows by index instead of scanning a whole FTS5 table, and the triggers
-- below keep the index in step with every insert, delete and update. The trigram tokenizer finds
-- any substring of three or more characters, Chinese as well as English; shorter queries use LIKE
-- on "SearchDocument" (src/db/sqlite/search-index.ts).
--
-- The old index is dropped, not copied: the server rebuilds an empty index over a non-empty graph
-- on start (src/bootstrap.ts), and every import rebuilds it.
DROP TABLE "SearchIndex";

CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
    "text",
    content = 'SearchDocument',
    content_rowid = 'id',
    tokenize = 'trigram case_sensitive 0'
);

CREATE TRIGGER "SearchDocument_after_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" (rowid, "text") VALUES (new."id", new."text");
END;

CREATE TRIGGER "SearchDocument_after_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
END;

CREATE TRIGGER "SearchDocument_after_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "text") VALUES ('delete', old."id", old."text");
    INSERT INTO "SearchIndex" (rowid, "text") VALUES (new."id", new."text");
END;
