-- The search index's trigram operators (pg_trgm), once per database, where every schema finds them.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('COLLABORATION', 'COMPANY', 'GOVERNMENT', 'LAB', 'NON_PROFIT', 'OTHER', 'UNIVERSITY');

-- CreateEnum
CREATE TYPE "DeveloperRole" AS ENUM ('CO_DEVELOPER', 'DEVELOPER');

-- CreateEnum
CREATE TYPE "LineageKind" AS ENUM ('BASED_ON', 'DISTILLED_FROM', 'FINE_TUNED_FROM', 'INSTRUCTION_TUNED_FROM', 'SCALE_UP_OF', 'SIBLING_OF', 'SUCCESSOR_OF', 'VARIANT_OF');

-- CreateEnum
CREATE TYPE "ArticleSite" AS ENUM ('ARXIV', 'BLOG', 'GITHUB', 'NEWS', 'OTHER', 'WECHAT', 'YOUTUBE', 'ZHIHU');

-- CreateEnum
CREATE TYPE "ArticleKind" AS ENUM ('BLOG_POST', 'COURSE', 'MODEL_CARD', 'NEWS', 'OTHER', 'PAPER', 'QA', 'REPORT', 'RESOURCE_LIST', 'VIDEO');

-- CreateEnum
CREATE TYPE "Relevance" AS ENUM ('MAIN', 'MENTION');

-- CreateEnum
CREATE TYPE "ArticleProperty" AS ENUM ('CITATIONS');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('CURATED', 'DATASET', 'NOTE', 'PAPER', 'WEBSITE');

-- CreateEnum
CREATE TYPE "ClaimProperty" AS ENUM ('ACCESSIBILITY', 'ARCHITECTURE', 'COUNTRY', 'OPEN_WEIGHTS', 'PARAMETERS', 'RELEASE_DATE', 'TRAINING_COMPUTE');

-- CreateEnum
CREATE TYPE "ClaimRank" AS ENUM ('DEPRECATED', 'NORMAL', 'PREFERRED');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('CONFIDENT', 'LIKELY', 'SPECULATIVE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "OrganizationProperty" AS ENUM ('COUNTRY', 'KIND');

-- CreateEnum
CREATE TYPE "SlugEntity" AS ENUM ('MODEL', 'ORGANIZATION', 'TOPIC');

-- CreateEnum
CREATE TYPE "Domain" AS ENUM ('AUDIO', 'BIOLOGY', 'DRIVING', 'EARTH_SCIENCE', 'GAMES', 'IMAGE_GENERATION', 'LANGUAGE', 'MATERIALS_SCIENCE', 'MATHEMATICS', 'MEDICINE', 'MODELING_3D', 'MULTIMODAL', 'OTHER', 'RECOMMENDATION', 'ROBOTICS', 'SEARCH', 'SPEECH', 'VIDEO', 'VISION');

-- CreateEnum
CREATE TYPE "TokenRole" AS ENUM ('ADMIN', 'EDITOR');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('ADMIN', 'EDITOR', 'IMPORTER', 'SYSTEM');

-- CreateEnum
CREATE TYPE "HistoryEntity" AS ENUM ('ARTICLE', 'DATASET', 'HARDWARE', 'MODEL', 'ORGANIZATION', 'PERSON', 'SOURCE', 'TOPIC');

-- CreateEnum
CREATE TYPE "RevisionAction" AS ENUM ('CREATED', 'DELETED', 'UPDATED');

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT,
    "kind" "OrganizationKind" NOT NULL DEFAULT 'OTHER',
    "country" TEXT,
    "website" TEXT,
    "foundedYear" INTEGER,
    "wikidataId" TEXT,
    "description" TEXT,
    "parentId" INTEGER,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationAlias" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,

    CONSTRAINT "OrganizationAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT,
    "family" TEXT,
    "releaseDate" TIMESTAMP(3),
    "releaseDatePrecision" "DatePrecision",
    "parameters" BIGINT,
    "architecture" TEXT,
    "openWeights" BOOLEAN,
    "arxivId" TEXT,
    "paperUrl" TEXT,
    "paperTitle" TEXT,
    "wikidataId" TEXT,
    "description" TEXT,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelAlias" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,

    CONSTRAINT "ModelAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelDeveloper" (
    "modelId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "role" "DeveloperRole" NOT NULL DEFAULT 'DEVELOPER',
    "sourceId" INTEGER,

    CONSTRAINT "ModelDeveloper_pkey" PRIMARY KEY ("modelId","organizationId")
);

-- CreateTable
CREATE TABLE "ModelLineage" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "parentId" INTEGER NOT NULL,
    "kind" "LineageKind" NOT NULL,
    "note" TEXT,
    "sourceId" INTEGER,

    CONSTRAINT "ModelLineage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT,
    "description" TEXT,
    "parentId" INTEGER,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelTopic" (
    "modelId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "derivation" TEXT,

    CONSTRAINT "ModelTopic_pkey" PRIMARY KEY ("modelId","topicId")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "site" "ArticleSite" NOT NULL,
    "kind" "ArticleKind" NOT NULL,
    "summary" TEXT,
    "excerpt" TEXT,
    "publishedAt" TIMESTAMP(3),
    "sourceId" INTEGER,
    "authorsNotListed" INTEGER,
    "citations" INTEGER,
    "citationsAsOf" TIMESTAMP(3),

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleModel" (
    "articleId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "relevance" "Relevance" NOT NULL DEFAULT 'MENTION',
    "confidence" "Confidence" NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    CONSTRAINT "ArticleModel_pkey" PRIMARY KEY ("articleId","modelId")
);

-- CreateTable
CREATE TABLE "ArticleOrganization" (
    "articleId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "relevance" "Relevance" NOT NULL DEFAULT 'MENTION',
    "confidence" "Confidence" NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    CONSTRAINT "ArticleOrganization_pkey" PRIMARY KEY ("articleId","organizationId")
);

-- CreateTable
CREATE TABLE "ArticleTopic" (
    "articleId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,
    "relevance" "Relevance" NOT NULL DEFAULT 'MENTION',
    "confidence" "Confidence" NOT NULL DEFAULT 'UNKNOWN',
    "basis" TEXT,

    CONSTRAINT "ArticleTopic_pkey" PRIMARY KEY ("articleId","topicId")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameZh" TEXT,
    "identity" TEXT,
    "sourceId" INTEGER,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleAuthor" (
    "articleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "writtenAs" TEXT NOT NULL,

    CONSTRAINT "ArticleAuthor_pkey" PRIMARY KEY ("articleId","position")
);

-- CreateTable
CREATE TABLE "Hardware" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "sourceId" INTEGER,

    CONSTRAINT "Hardware_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelHardware" (
    "modelId" INTEGER NOT NULL,
    "hardwareId" INTEGER NOT NULL,
    "quantity" INTEGER,
    "sourceId" INTEGER,
    "locator" TEXT,

    CONSTRAINT "ModelHardware_pkey" PRIMARY KEY ("modelId","hardwareId")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "sourceId" INTEGER,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelDataset" (
    "modelId" INTEGER NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "sourceId" INTEGER,
    "locator" TEXT,

    CONSTRAINT "ModelDataset_pkey" PRIMARY KEY ("modelId","datasetId")
);

-- CreateTable
CREATE TABLE "ArticleClaim" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "articleId" INTEGER NOT NULL,
    "property" "ArticleProperty" NOT NULL,
    "value" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,

    CONSTRAINT "ArticleClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "publisher" TEXT,
    "publishedAt" TIMESTAMP(3),
    "snapshotDate" TIMESTAMP(3),
    "license" TEXT,
    "attribution" TEXT,
    "description" TEXT,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "modelId" INTEGER NOT NULL,
    "property" "ClaimProperty" NOT NULL,
    "value" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,
    "quote" TEXT,
    "confidence" "Confidence" NOT NULL DEFAULT 'UNKNOWN',
    "note" TEXT,
    "rank" "ClaimRank" NOT NULL DEFAULT 'NORMAL',
    "rankReason" TEXT,
    "assertedRank" "ClaimRank",
    "assertedReason" TEXT,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" SERIAL NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationClaim" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "property" "OrganizationProperty" NOT NULL,
    "value" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,
    "quote" TEXT,
    "confidence" "Confidence" NOT NULL DEFAULT 'UNKNOWN',
    "note" TEXT,
    "rank" "ClaimRank" NOT NULL DEFAULT 'NORMAL',
    "rankReason" TEXT,
    "assertedRank" "ClaimRank",
    "assertedReason" TEXT,

    CONSTRAINT "OrganizationClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entityType" "SlugEntity" NOT NULL,
    "fromSlug" TEXT NOT NULL,
    "modelId" INTEGER,
    "organizationId" INTEGER,
    "topicId" INTEGER,
    "reason" TEXT,

    CONSTRAINT "SlugRedirect_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelTask" (
    "modelId" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sourceId" INTEGER,

    CONSTRAINT "ModelTask_pkey" PRIMARY KEY ("modelId","task")
);

-- CreateTable
CREATE TABLE "ModelDomain" (
    "modelId" INTEGER NOT NULL,
    "domain" "Domain" NOT NULL,
    "sourceId" INTEGER,
    "derivation" TEXT,

    CONSTRAINT "ModelDomain_pkey" PRIMARY KEY ("modelId","domain")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "name" TEXT NOT NULL,
    "role" "TokenRole" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorKind" "ActorKind" NOT NULL,
    "entityType" "HistoryEntity" NOT NULL,
    "entityId" INTEGER NOT NULL,
    "entityKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" "RevisionAction" NOT NULL,
    "changes" TEXT NOT NULL,
    "revertOf" INTEGER,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE INDEX "Organization_country_idx" ON "Organization"("country");

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "OrganizationAlias_normalized_idx" ON "OrganizationAlias"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationAlias_organizationId_normalized_key" ON "OrganizationAlias"("organizationId", "normalized");

-- CreateIndex
CREATE UNIQUE INDEX "Model_slug_key" ON "Model"("slug");

-- CreateIndex
CREATE INDEX "Model_family_idx" ON "Model"("family");

-- CreateIndex
CREATE INDEX "Model_releaseDate_idx" ON "Model"("releaseDate");

-- CreateIndex
CREATE INDEX "Model_parameters_idx" ON "Model"("parameters");

-- CreateIndex
CREATE INDEX "Model_name_idx" ON "Model"("name");

-- CreateIndex
CREATE INDEX "ModelAlias_normalized_idx" ON "ModelAlias"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "ModelAlias_modelId_normalized_key" ON "ModelAlias"("modelId", "normalized");

-- CreateIndex
CREATE INDEX "ModelDeveloper_organizationId_idx" ON "ModelDeveloper"("organizationId");

-- CreateIndex
CREATE INDEX "ModelLineage_parentId_idx" ON "ModelLineage"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelLineage_childId_parentId_kind_key" ON "ModelLineage"("childId", "parentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_slug_key" ON "Topic"("slug");

-- CreateIndex
CREATE INDEX "Topic_parentId_idx" ON "Topic"("parentId");

-- CreateIndex
CREATE INDEX "ModelTopic_topicId_idx" ON "ModelTopic"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");

-- CreateIndex
CREATE INDEX "Article_publishedAt_idx" ON "Article"("publishedAt");

-- CreateIndex
CREATE INDEX "Article_citations_idx" ON "Article"("citations");

-- CreateIndex
CREATE INDEX "Article_language_idx" ON "Article"("language");

-- CreateIndex
CREATE INDEX "Article_site_idx" ON "Article"("site");

-- CreateIndex
CREATE INDEX "Article_title_idx" ON "Article"("title");

-- CreateIndex
CREATE INDEX "ArticleModel_modelId_idx" ON "ArticleModel"("modelId");

-- CreateIndex
CREATE INDEX "ArticleOrganization_organizationId_idx" ON "ArticleOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "ArticleTopic_topicId_idx" ON "ArticleTopic"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slug_key" ON "Person"("slug");

-- CreateIndex
CREATE INDEX "Person_nameKey_idx" ON "Person"("nameKey");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleAuthor_personId_articleId_key" ON "ArticleAuthor"("personId", "articleId");

-- CreateIndex
CREATE UNIQUE INDEX "Hardware_slug_key" ON "Hardware"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Hardware_nameKey_key" ON "Hardware"("nameKey");

-- CreateIndex
CREATE INDEX "ModelHardware_hardwareId_idx" ON "ModelHardware"("hardwareId");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_slug_key" ON "Dataset"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_nameKey_key" ON "Dataset"("nameKey");

-- CreateIndex
CREATE INDEX "ModelDataset_datasetId_idx" ON "ModelDataset"("datasetId");

-- CreateIndex
CREATE INDEX "ArticleClaim_sourceId_idx" ON "ArticleClaim"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleClaim_articleId_property_sourceId_asOf_key" ON "ArticleClaim"("articleId", "property", "sourceId", "asOf");

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE INDEX "Claim_sourceId_idx" ON "Claim"("sourceId");

-- CreateIndex
CREATE INDEX "Claim_property_modelId_idx" ON "Claim"("property", "modelId");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_modelId_property_sourceId_key" ON "Claim"("modelId", "property", "sourceId");

-- CreateIndex
CREATE INDEX "SearchDocument_entityType_entityId_idx" ON "SearchDocument"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "SearchDocument_text_trgm_idx" ON "SearchDocument" USING GIN ("text" gin_trgm_ops);

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
CREATE INDEX "ModelTask_key_idx" ON "ModelTask"("key");

-- CreateIndex
CREATE INDEX "ModelDomain_domain_idx" ON "ModelDomain"("domain");

-- CreateIndex
CREATE INDEX "ApiToken_name_idx" ON "ApiToken"("name");

-- CreateIndex
CREATE INDEX "Revision_actor_id_idx" ON "Revision"("actor", "id");

-- CreateIndex
CREATE INDEX "Revision_entityType_id_idx" ON "Revision"("entityType", "id");

-- CreateIndex
CREATE INDEX "Revision_entityType_entityKey_idx" ON "Revision"("entityType", "entityKey");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_entityType_entityId_version_key" ON "Revision"("entityType", "entityId", "version");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationAlias" ADD CONSTRAINT "OrganizationAlias_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDeveloper" ADD CONSTRAINT "ModelDeveloper_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDeveloper" ADD CONSTRAINT "ModelDeveloper_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDeveloper" ADD CONSTRAINT "ModelDeveloper_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelLineage" ADD CONSTRAINT "ModelLineage_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelLineage" ADD CONSTRAINT "ModelLineage_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelLineage" ADD CONSTRAINT "ModelLineage_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Topic" ADD CONSTRAINT "Topic_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Topic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelTopic" ADD CONSTRAINT "ModelTopic_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelTopic" ADD CONSTRAINT "ModelTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleModel" ADD CONSTRAINT "ArticleModel_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleModel" ADD CONSTRAINT "ArticleModel_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleOrganization" ADD CONSTRAINT "ArticleOrganization_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleOrganization" ADD CONSTRAINT "ArticleOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleTopic" ADD CONSTRAINT "ArticleTopic_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleTopic" ADD CONSTRAINT "ArticleTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hardware" ADD CONSTRAINT "Hardware_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelHardware" ADD CONSTRAINT "ModelHardware_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelHardware" ADD CONSTRAINT "ModelHardware_hardwareId_fkey" FOREIGN KEY ("hardwareId") REFERENCES "Hardware"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelHardware" ADD CONSTRAINT "ModelHardware_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDataset" ADD CONSTRAINT "ModelDataset_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDataset" ADD CONSTRAINT "ModelDataset_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDataset" ADD CONSTRAINT "ModelDataset_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleClaim" ADD CONSTRAINT "ArticleClaim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleClaim" ADD CONSTRAINT "ArticleClaim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationClaim" ADD CONSTRAINT "OrganizationClaim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationClaim" ADD CONSTRAINT "OrganizationClaim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlugRedirect" ADD CONSTRAINT "SlugRedirect_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlugRedirect" ADD CONSTRAINT "SlugRedirect_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlugRedirect" ADD CONSTRAINT "SlugRedirect_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelTask" ADD CONSTRAINT "ModelTask_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelTask" ADD CONSTRAINT "ModelTask_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDomain" ADD CONSTRAINT "ModelDomain_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelDomain" ADD CONSTRAINT "ModelDomain_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;
