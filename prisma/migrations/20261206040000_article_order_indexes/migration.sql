-- Written by hand (an index on an expression is outside what the Prisma schema describes).
--
-- Articles sorted by publication date or citations put the unknown ones last; Prisma says that on
-- SQLite as `ORDER BY CASE WHEN "publishedAt" IS NULL THEN 1 ELSE 0 END, "publishedAt" DESC, "id"`,
-- which the plain indexes on those columns cannot give: `articles(first: 10, orderBy: {field:
-- PUBLISHED_AT, direction: DESC})` sorted every article (243 ms at a million articles). These
-- indexes hold exactly those orders, one per direction, so a page reads its rows in order.
CREATE INDEX "Article_publishedAt_last_asc_idx" ON "Article" ((CASE WHEN "publishedAt" IS NULL THEN 1 ELSE 0 END), "publishedAt", "id");
CREATE INDEX "Article_publishedAt_last_desc_idx" ON "Article" ((CASE WHEN "publishedAt" IS NULL THEN 1 ELSE 0 END), "publishedAt" DESC, "id");
CREATE INDEX "Article_citations_last_asc_idx" ON "Article" ((CASE WHEN "citations" IS NULL THEN 1 ELSE 0 END), "citations", "id");
CREATE INDEX "Article_citations_last_desc_idx" ON "Article" ((CASE WHEN "citations" IS NULL THEN 1 ELSE 0 END), "citations" DESC, "id");
