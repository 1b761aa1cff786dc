-- Written by hand (the Prisma schema cannot say where an index puts the nulls; the drift check
-- leaves these four alone: HAND_WRITTEN_INDEXES in src/db/migrations.ts).
--
-- Articles sorted by publication date or citations put the unknown ones last; Prisma says that on
-- PostgreSQL as `ORDER BY "publishedAt" DESC NULLS LAST, "id" ASC`, which the plain index on the
-- column (ascending, nulls last, so nulls first read backwards) cannot give: the newest articles
-- sorted every article. These indexes hold exactly those orders, one per field and direction, so
-- a page reads its rows in order (SQLite's twins: the migration article_order_indexes).
CREATE INDEX "Article_publishedAt_last_asc_idx" ON "Article" ("publishedAt" ASC NULLS LAST, "id");
CREATE INDEX "Article_publishedAt_last_desc_idx" ON "Article" ("publishedAt" DESC NULLS LAST, "id");
CREATE INDEX "Article_citations_last_asc_idx" ON "Article" ("citations" ASC NULLS LAST, "id");
CREATE INDEX "Article_citations_last_desc_idx" ON "Article" ("citations" DESC NULLS LAST, "id");
