-- Written by hand (an index on an expression is outside what the Prisma schema describes).
--
-- Models sorted by size or release date put the unknown ones last and break ties by slug; Prisma
-- says that on SQLite as `ORDER BY CASE WHEN "parameters" IS NULL THEN 1 ELSE 0 END,
-- "parameters" DESC, "slug" ASC`, and a page read backwards (`last:`) as each term reversed, with
-- its own expression for the nulls (`THEN 0 ELSE 1 END`). The plain indexes on the columns give
-- neither: SQLite sorted every model for each page (21,000 models with the synthetic million
-- articles). These hold exactly those orders, per field, direction and way of reading (the
-- articles' twins: article_order_indexes, article_order_reversed_indexes).
CREATE INDEX "Model_parameters_last_asc_idx" ON "Model" ((CASE WHEN "parameters" IS NULL THEN 1 ELSE 0 END), "parameters", "slug");
CREATE INDEX "Model_parameters_last_desc_idx" ON "Model" ((CASE WHEN "parameters" IS NULL THEN 1 ELSE 0 END), "parameters" DESC, "slug");
CREATE INDEX "Model_parameters_first_asc_idx" ON "Model" ((CASE WHEN "parameters" IS NULL THEN 0 ELSE 1 END), "parameters", "slug" DESC);
CREATE INDEX "Model_parameters_first_desc_idx" ON "Model" ((CASE WHEN "parameters" IS NULL THEN 0 ELSE 1 END), "parameters" DESC, "slug" DESC);
CREATE INDEX "Model_releaseDate_last_asc_idx" ON "Model" ((CASE WHEN "releaseDate" IS NULL THEN 1 ELSE 0 END), "releaseDate", "slug");
CREATE INDEX "Model_releaseDate_last_desc_idx" ON "Model" ((CASE WHEN "releaseDate" IS NULL THEN 1 ELSE 0 END), "releaseDate" DESC, "slug");
CREATE INDEX "Model_releaseDate_first_asc_idx" ON "Model" ((CASE WHEN "releaseDate" IS NULL THEN 0 ELSE 1 END), "releaseDate", "slug" DESC);
CREATE INDEX "Model_releaseDate_first_desc_idx" ON "Model" ((CASE WHEN "releaseDate" IS NULL THEN 0 ELSE 1 END), "releaseDate" DESC, "slug" DESC);
