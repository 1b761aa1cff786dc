-- Written by hand (an index on an expression is outside what the Prisma schema describes).
--
-- A page read backwards (`last: 10`, or `last` with `before:`) in an order of the articles by
-- publication date or citations: Prisma writes that order on SQLite as the forward order reversed
-- term by term, with its own expression for the nulls, `ORDER BY CASE WHEN "publishedAt" IS NULL
-- THEN 0 ELSE 1 END, "publishedAt" ASC, "id" DESC` (newest first, read backwards), which the
-- indexes of article_order_indexes (`THEN 1 ELSE 0 END`) cannot give: SQLite sorted the list.
-- Where the graph's own statements read such a page (every article, one language or site, a
-- parent's articles), they read those indexes backwards; a list with another filter is Prisma's
-- statement: `articles(last: 10, filter: { kind: PAPER }, orderBy: { field: PUBLISHED_AT,
-- direction: DESC })` took 127 ms at a million articles, covering GPT-3 304 ms; with these, 2.4
-- and 3.8. About 110 MB at a million articles. PostgreSQL reads its indexes backwards as they are.
CREATE INDEX "Article_publishedAt_first_asc_idx" ON "Article" ((CASE WHEN "publishedAt" IS NULL THEN 0 ELSE 1 END), "publishedAt", "id" DESC);
CREATE INDEX "Article_publishedAt_first_desc_idx" ON "Article" ((CASE WHEN "publishedAt" IS NULL THEN 0 ELSE 1 END), "publishedAt" DESC, "id" DESC);
CREATE INDEX "Article_citations_first_asc_idx" ON "Article" ((CASE WHEN "citations" IS NULL THEN 0 ELSE 1 END), "citations", "id" DESC);
CREATE INDEX "Article_citations_first_desc_idx" ON "Article" ((CASE WHEN "citations" IS NULL THEN 0 ELSE 1 END), "citations" DESC, "id" DESC);
