-- DropIndex
DROP INDEX "ArticleModel_modelId_idx";

-- DropIndex
DROP INDEX "ArticleOrganization_organizationId_idx";

-- DropIndex
DROP INDEX "ArticleTopic_topicId_idx";

-- CreateIndex
CREATE INDEX "ArticleModel_modelId_articleId_idx" ON "ArticleModel"("modelId", "articleId");

-- CreateIndex
CREATE INDEX "ArticleOrganization_organizationId_articleId_idx" ON "ArticleOrganization"("organizationId", "articleId");

-- CreateIndex
CREATE INDEX "ArticleTopic_topicId_articleId_idx" ON "ArticleTopic"("topicId", "articleId");
