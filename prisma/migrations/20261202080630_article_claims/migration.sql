-- AlterTable
ALTER TABLE "Article" ADD COLUMN "citations" INTEGER;
ALTER TABLE "Article" ADD COLUMN "citationsAsOf" DATETIME;

-- CreateTable
CREATE TABLE "ArticleClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "articleId" INTEGER NOT NULL,
    "property" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,
    CONSTRAINT "ArticleClaim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleClaim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ArticleClaim_sourceId_idx" ON "ArticleClaim"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleClaim_articleId_property_sourceId_asOf_key" ON "ArticleClaim"("articleId", "property", "sourceId", "asOf");

-- CreateIndex
CREATE INDEX "Article_citations_idx" ON "Article"("citations");
