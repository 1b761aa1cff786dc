-- Written by hand (the Prisma schema cannot say where an index puts the nulls; the drift check
-- leaves these four alone: HAND_WRITTEN_INDEXES in src/db/migrations.ts).
--
-- Models sorted by size or release date put the unknown ones last and break ties by slug; Prisma
-- says that on PostgreSQL as `ORDER BY "parameters" DESC NULLS LAST, "slug" ASC`, and a page read
-- backwards (`last:`) as its exact reverse, which an index read backwards gives. The plain index on
-- the column has no slug: every model was sorted for each page. (SQLite's twins: the migration
-- model_order_indexes, eight of them, since SQLite matches the nulls' expression as written.)
CREATE INDEX "Model_parameters_last_asc_idx" ON "Model" ("parameters" ASC NULLS LAST, "slug");
CREATE INDEX "Model_parameters_last_desc_idx" ON "Model" ("parameters" DESC NULLS LAST, "slug");
CREATE INDEX "Model_releaseDate_last_asc_idx" ON "Model" ("releaseDate" ASC NULLS LAST, "slug");
CREATE INDEX "Model_releaseDate_last_desc_idx" ON "Model" ("releaseDate" DESC NULLS LAST, "slug");
