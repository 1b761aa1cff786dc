-- AlterTable
ALTER TABLE "ModelTopic" ADD COLUMN "derivation" TEXT;

-- CreateTable
CREATE TABLE "OrganizationClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "property" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,
    "quote" TEXT,
    "confidence" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "note" TEXT,
    "rank" TEXT NOT NULL DEFAULT 'NORMAL',
    "rankReason" TEXT,
    "assertedRank" TEXT,
    "assertedReason" TEXT,
    CONSTRAINT "OrganizationClaim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganizationClaim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entityType" TEXT NOT NULL,
    "fromSlug" TEXT NOT NULL,
    "modelId" INTEGER,
    "organizationId" INTEGER,
    "topicId" INTEGER,
    "reason" TEXT,
    CONSTRAINT "SlugRedirect_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SlugRedirect_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SlugRedirect_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModelDomain" (
    "modelId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "sourceId" INTEGER,
    "derivation" TEXT,

    PRIMARY KEY ("modelId", "domain"),
    CONSTRAINT "ModelDomain_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelDomain_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ArticleModel" (
    "articleId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "relevance" TEXT NOT NULL DEFAULT 'MENTION',
    "confidence" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    PRIMARY KEY ("articleId", "modelId"),
    CONSTRAINT "ArticleModel_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleModel_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ArticleModel" ("articleId", "modelId", "relevance") SELECT "articleId", "modelId", "relevance" FROM "ArticleModel";
DROP TABLE "ArticleModel";
ALTER TABLE "new_ArticleModel" RENAME TO "ArticleModel";
CREATE INDEX "ArticleModel_modelId_idx" ON "ArticleModel"("modelId");
CREATE TABLE "new_ArticleOrganization" (
    "articleId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "relevance" TEXT NOT NULL DEFAULT 'MENTION',
    "confidence" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    PRIMARY KEY ("articleId", "organizationId"),
    CONSTRAINT "ArticleOrganization_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ArticleOrganization" ("articleId", "organizationId", "relevance") SELECT "articleId", "organizationId", "relevance" FROM "ArticleOrganization";
DROP TABLE "ArticleOrganization";
ALTER TABLE "new_ArticleOrganization" RENAME TO "ArticleOrganization";
CREATE INDEX "ArticleOrganization_organizationId_idx" ON "ArticleOrganization"("organizationId");
CREATE TABLE "new_ArticleTopic" (
    "articleId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "relevance" TEXT NOT NULL DEFAULT 'MENTION',
    "confidence" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    PRIMARY KEY ("articleId", "topicId"),
    CONSTRAINT "ArticleTopic_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ArticleTopic" ("articleId", "relevance", "topicId") SELECT "articleId", "relevance", "topicId" FROM "ArticleTopic";
DROP TABLE "ArticleTopic";
ALTER TABLE "new_ArticleTopic" RENAME TO "ArticleTopic";
CREATE INDEX "ArticleTopic_topicId_idx" ON "ArticleTopic"("topicId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OrganizationClaim_sourceId_idx" ON "OrganizationClaim"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationClaim_organizationId_property_sourceId_key" ON "OrganizationClaim"("organizationId", "property", "sourceId");

-- CreateIndex
CREATE INDEX "SlugRedirect_modelId_idx" ON "SlugRedirect"("modelId");

-- CreateIndex
CREATE INDEX "SlugRedirect_organizationId_idx" ON "SlugRedirect"("organizationId");

-- CreateIndex
CREATE INDEX "SlugRedirect_topicId_idx" ON "SlugRedirect"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "SlugRedirect_entityType_fromSlug_key" ON "SlugRedirect"("entityType", "fromSlug");

-- CreateIndex
CREATE INDEX "ModelDomain_domain_idx" ON "ModelDomain"("domain");
