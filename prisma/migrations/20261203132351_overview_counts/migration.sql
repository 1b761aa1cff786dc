-- CreateTable
CREATE TABLE "TableCount" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "rows" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "OrganizationCount" (
    "organizationId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL,
    "modelArticles" INTEGER NOT NULL,
    "maxParameters" BIGINT
);

-- CreateTable
CREATE TABLE "TopicCount" (
    "topicId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "CountryCount" (
    "country" TEXT NOT NULL PRIMARY KEY,
    "organizations" INTEGER NOT NULL,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ArticleFacetCount" (
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("facet", "value")
);

-- CreateTable
CREATE TABLE "OrganizationArticle" (
    "organizationId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,
    "viaModels" INTEGER NOT NULL,

    PRIMARY KEY ("organizationId", "articleId")
);

-- CreateTable
CREATE TABLE "CountryArticle" (
    "country" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,

    PRIMARY KEY ("country", "articleId")
);

-- CreateTable
CREATE TABLE "CountryModel" (
    "country" TEXT NOT NULL,
    "modelId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,

    PRIMARY KEY ("country", "modelId")
);

-- The counts of the graph as it is (an empty graph on a new database).
INSERT INTO "TableCount" ("name", "rows")
SELECT 'Organization', COUNT(*) FROM "Organization" UNION ALL SELECT 'Model', COUNT(*) FROM "Model"
UNION ALL SELECT 'Article', COUNT(*) FROM "Article" UNION ALL SELECT 'Topic', COUNT(*) FROM "Topic"
UNION ALL SELECT 'Person', COUNT(*) FROM "Person" UNION ALL SELECT 'Source', COUNT(*) FROM "Source"
UNION ALL SELECT 'ArticleAuthor', COUNT(*) FROM "ArticleAuthor" UNION ALL SELECT 'Hardware', COUNT(*) FROM "Hardware"
UNION ALL SELECT 'Dataset', COUNT(*) FROM "Dataset";

INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels")
SELECT "organizationId", "articleId", COUNT(*), SUM("viaModel") FROM (
  SELECT "organizationId", "articleId", 0 AS "viaModel" FROM "ArticleOrganization"
  UNION ALL SELECT d."organizationId", am."articleId", 1 FROM "ArticleModel" am JOIN "ModelDeveloper" d ON d."modelId" = am."modelId"
) GROUP BY "organizationId", "articleId";

INSERT INTO "CountryArticle" ("country", "articleId", "paths")
SELECT o."country", r."articleId", COUNT(*) FROM "OrganizationArticle" r JOIN "Organization" o ON o."id" = r."organizationId"
WHERE o."country" IS NOT NULL GROUP BY o."country", r."articleId";

INSERT INTO "CountryModel" ("country", "modelId", "paths")
SELECT o."country", d."modelId", COUNT(*) FROM "ModelDeveloper" d JOIN "Organization" o ON o."id" = d."organizationId"
WHERE o."country" IS NOT NULL GROUP BY o."country", d."modelId";

INSERT INTO "OrganizationCount" ("organizationId", "models", "articles", "modelArticles", "maxParameters")
SELECT o."id",
  (SELECT COUNT(*) FROM "ModelDeveloper" d WHERE d."organizationId" = o."id"),
  (SELECT COUNT(*) FROM "OrganizationArticle" r WHERE r."organizationId" = o."id"),
  (SELECT COUNT(*) FROM "OrganizationArticle" r WHERE r."organizationId" = o."id" AND r."viaModels" > 0),
  (SELECT MAX(m."parameters") FROM "ModelDeveloper" d JOIN "Model" m ON m."id" = d."modelId" WHERE d."organizationId" = o."id")
FROM "Organization" o;

INSERT INTO "TopicCount" ("topicId", "models", "articles")
SELECT t."id", (SELECT COUNT(*) FROM "ModelTopic" x WHERE x."topicId" = t."id"),
  (SELECT COUNT(*) FROM "ArticleTopic" x WHERE x."topicId" = t."id")
FROM "Topic" t;

INSERT INTO "CountryCount" ("country", "organizations", "models", "articles")
SELECT c."country", COUNT(*),
  (SELECT COUNT(*) FROM "CountryModel" x WHERE x."country" = c."country"),
  (SELECT COUNT(*) FROM "CountryArticle" x WHERE x."country" = c."country")
FROM "Organization" c WHERE c."country" IS NOT NULL GROUP BY c."country";

INSERT INTO "ArticleFacetCount" ("facet", "value", "count")
SELECT 'language', CAST("language" AS TEXT), COUNT(*) FROM "Article" GROUP BY "language"
UNION ALL SELECT 'site', CAST("site" AS TEXT), COUNT(*) FROM "Article" GROUP BY "site"
UNION ALL SELECT 'kind', CAST("kind" AS TEXT), COUNT(*) FROM "Article" GROUP BY "kind"
UNION ALL SELECT 'year', substr("publishedAt", 1, 4), COUNT(*) FROM "Article" WHERE "publishedAt" IS NOT NULL GROUP BY substr("publishedAt", 1, 4)
UNION ALL SELECT 'organization', CAST("organizationId" AS TEXT), COUNT(*) FROM "ArticleOrganization" GROUP BY "organizationId"
UNION ALL SELECT 'topic', CAST("topicId" AS TEXT), COUNT(*) FROM "ArticleTopic" GROUP BY "topicId"
UNION ALL SELECT 'author', CAST("personId" AS TEXT), COUNT(*) FROM "ArticleAuthor" GROUP BY "personId";

-- Totals: one row per counted table.
CREATE TRIGGER "Organization_count_insert" AFTER INSERT ON "Organization" BEGIN
  UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Organization';
  INSERT INTO "OrganizationCount" ("organizationId", "models", "articles", "modelArticles", "maxParameters") VALUES (NEW."id", 0, 0, 0, NULL)
    ON CONFLICT ("organizationId") DO NOTHING;
  INSERT INTO "CountryCount" ("country", "organizations", "models", "articles") SELECT NEW."country", 1, 0, 0 WHERE NEW."country" IS NOT NULL
    ON CONFLICT ("country") DO UPDATE SET "organizations" = "CountryCount"."organizations" + 1;
END;
CREATE TRIGGER "Model_count_insert" AFTER INSERT ON "Model" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Model'; END;
CREATE TRIGGER "Model_count_delete" AFTER DELETE ON "Model" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Model'; END;
CREATE TRIGGER "Article_count_insert" AFTER INSERT ON "Article" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Article'; END;
CREATE TRIGGER "Article_count_delete" AFTER DELETE ON "Article" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Article'; END;
CREATE TRIGGER "Topic_count_insert" AFTER INSERT ON "Topic" BEGIN
  UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Topic';
  INSERT INTO "TopicCount" ("topicId", "models", "articles") VALUES (NEW."id", 0, 0) ON CONFLICT ("topicId") DO NOTHING;
END;
CREATE TRIGGER "Topic_count_delete" AFTER DELETE ON "Topic" BEGIN
  UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Topic';
  DELETE FROM "TopicCount" WHERE "topicId" = OLD."id";
END;
CREATE TRIGGER "Person_count_insert" AFTER INSERT ON "Person" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Person'; END;
CREATE TRIGGER "Person_count_delete" AFTER DELETE ON "Person" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Person'; END;
CREATE TRIGGER "Source_count_insert" AFTER INSERT ON "Source" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Source'; END;
CREATE TRIGGER "Source_count_delete" AFTER DELETE ON "Source" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Source'; END;
CREATE TRIGGER "ArticleAuthor_count_insert" AFTER INSERT ON "ArticleAuthor" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'ArticleAuthor'; END;
CREATE TRIGGER "ArticleAuthor_count_delete" AFTER DELETE ON "ArticleAuthor" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'ArticleAuthor'; END;
CREATE TRIGGER "Hardware_count_insert" AFTER INSERT ON "Hardware" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Hardware'; END;
CREATE TRIGGER "Hardware_count_delete" AFTER DELETE ON "Hardware" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Hardware'; END;
CREATE TRIGGER "Dataset_count_insert" AFTER INSERT ON "Dataset" BEGIN UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = 'Dataset'; END;
CREATE TRIGGER "Dataset_count_delete" AFTER DELETE ON "Dataset" BEGIN UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Dataset'; END;

-- An organization leaving: its country's counts lose it first, while its developer and coverage
-- rows still tell what it reached (the cascades that delete them run after the row is gone and
-- then find no country to subtract from).
CREATE TRIGGER "Organization_count_before_delete" BEFORE DELETE ON "Organization" WHEN OLD."country" IS NOT NULL BEGIN
  UPDATE "CountryCount" SET "organizations" = "organizations" - 1 WHERE "country" = OLD."country";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryArticle" WHERE "country" = OLD."country" AND "paths" = 0
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  UPDATE "CountryModel" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryModel" WHERE "country" = OLD."country" AND "paths" = 0
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
END;
CREATE TRIGGER "Organization_count_delete" AFTER DELETE ON "Organization" BEGIN
  UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = 'Organization';
  DELETE FROM "OrganizationCount" WHERE "organizationId" = OLD."id";
END;

-- An organization moving country takes what it reaches along.
CREATE TRIGGER "Organization_count_country" AFTER UPDATE OF "country" ON "Organization"
WHEN OLD."country" IS NOT NEW."country" BEGIN
  UPDATE "CountryCount" SET "organizations" = "organizations" - 1 WHERE "country" = OLD."country";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryArticle" WHERE "country" = OLD."country" AND "paths" = 0
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  UPDATE "CountryModel" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryModel" WHERE "country" = OLD."country" AND "paths" = 0
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  INSERT INTO "CountryCount" ("country", "organizations", "models", "articles") SELECT NEW."country", 1, 0, 0 WHERE NEW."country" IS NOT NULL
    ON CONFLICT ("country") DO UPDATE SET "organizations" = "CountryCount"."organizations" + 1;
  INSERT INTO "CountryArticle" ("country", "articleId", "paths")
    SELECT NEW."country", "articleId", 1 FROM "OrganizationArticle" WHERE "organizationId" = NEW."id" AND NEW."country" IS NOT NULL
    ON CONFLICT ("country", "articleId") DO UPDATE SET "paths" = "CountryArticle"."paths" + 1;
  INSERT INTO "CountryModel" ("country", "modelId", "paths")
    SELECT NEW."country", "modelId", 1 FROM "ModelDeveloper" WHERE "organizationId" = NEW."id" AND NEW."country" IS NOT NULL
    ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
END;

-- A model's size changing: the largest of its developers grows at once, or is looked for again
-- when the model held it.
CREATE TRIGGER "Model_count_parameters" AFTER UPDATE OF "parameters" ON "Model"
WHEN OLD."parameters" IS NOT NEW."parameters" BEGIN
  UPDATE "OrganizationCount" SET "maxParameters" = CASE
      WHEN NEW."parameters" IS NOT NULL AND ("maxParameters" IS NULL OR NEW."parameters" >= "maxParameters") THEN NEW."parameters"
      WHEN OLD."parameters" IS NULL OR OLD."parameters" < "maxParameters" THEN "maxParameters"
      ELSE (SELECT MAX(m."parameters") FROM "ModelDeveloper" d JOIN "Model" m ON m."id" = d."modelId"
            WHERE d."organizationId" = "OrganizationCount"."organizationId") END
  WHERE "organizationId" IN (SELECT "organizationId" FROM "ModelDeveloper" WHERE "modelId" = NEW."id");
END;

-- Developers: the organization's models, its largest, the articles it reaches through the model,
-- and its country's models.
CREATE TRIGGER "ModelDeveloper_count_insert" AFTER INSERT ON "ModelDeveloper" BEGIN
  UPDATE "OrganizationCount" SET "models" = "models" + 1,
    "maxParameters" = (SELECT CASE WHEN m."parameters" IS NOT NULL AND ("maxParameters" IS NULL OR m."parameters" > "maxParameters")
                              THEN m."parameters" ELSE "maxParameters" END FROM "Model" m WHERE m."id" = NEW."modelId")
  WHERE "organizationId" = NEW."organizationId";
  INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels")
    SELECT NEW."organizationId", "articleId", 1, 1 FROM "ArticleModel" WHERE "modelId" = NEW."modelId" AND true
    ON CONFLICT ("organizationId", "articleId") DO UPDATE
    SET "paths" = "OrganizationArticle"."paths" + 1, "viaModels" = "OrganizationArticle"."viaModels" + 1;
  INSERT INTO "CountryModel" ("country", "modelId", "paths")
    SELECT "country", NEW."modelId", 1 FROM "Organization" WHERE "id" = NEW."organizationId" AND "country" IS NOT NULL
    ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
END;
CREATE TRIGGER "ModelDeveloper_count_delete" AFTER DELETE ON "ModelDeveloper" BEGIN
  UPDATE "OrganizationCount" SET "models" = "models" - 1,
    "maxParameters" = (SELECT MAX(m."parameters") FROM "ModelDeveloper" d JOIN "Model" m ON m."id" = d."modelId"
                       WHERE d."organizationId" = OLD."organizationId")
  WHERE "organizationId" = OLD."organizationId";
  UPDATE "OrganizationArticle" SET "paths" = "paths" - 1, "viaModels" = "viaModels" - 1 WHERE "organizationId" = OLD."organizationId"
    AND "articleId" IN (SELECT "articleId" FROM "ArticleModel" WHERE "modelId" = OLD."modelId");
  DELETE FROM "OrganizationArticle" WHERE "organizationId" = OLD."organizationId" AND "paths" = 0
    AND "articleId" IN (SELECT "articleId" FROM "ArticleModel" WHERE "modelId" = OLD."modelId");
  UPDATE "CountryModel" SET "paths" = "paths" - 1 WHERE "modelId" = OLD."modelId"
    AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
  DELETE FROM "CountryModel" WHERE "modelId" = OLD."modelId" AND "paths" = 0
    AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
END;

-- Coverage: an article reaches an organization directly, or through each model of it it covers.
CREATE TRIGGER "ArticleOrganization_count_insert" AFTER INSERT ON "ArticleOrganization" BEGIN
  INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels") VALUES (NEW."organizationId", NEW."articleId", 1, 0)
    ON CONFLICT ("organizationId", "articleId") DO UPDATE SET "paths" = "OrganizationArticle"."paths" + 1;
END;
CREATE TRIGGER "ArticleOrganization_count_delete" AFTER DELETE ON "ArticleOrganization" BEGIN
  UPDATE "OrganizationArticle" SET "paths" = "paths" - 1 WHERE "organizationId" = OLD."organizationId" AND "articleId" = OLD."articleId";
  DELETE FROM "OrganizationArticle" WHERE "organizationId" = OLD."organizationId" AND "articleId" = OLD."articleId" AND "paths" = 0;
END;
CREATE TRIGGER "ArticleModel_count_insert" AFTER INSERT ON "ArticleModel" BEGIN
  INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels")
    SELECT "organizationId", NEW."articleId", 1, 1 FROM "ModelDeveloper" WHERE "modelId" = NEW."modelId" AND true
    ON CONFLICT ("organizationId", "articleId") DO UPDATE
    SET "paths" = "OrganizationArticle"."paths" + 1, "viaModels" = "OrganizationArticle"."viaModels" + 1;
END;
CREATE TRIGGER "ArticleModel_count_delete" AFTER DELETE ON "ArticleModel" BEGIN
  UPDATE "OrganizationArticle" SET "paths" = "paths" - 1, "viaModels" = "viaModels" - 1 WHERE "articleId" = OLD."articleId"
    AND "organizationId" IN (SELECT "organizationId" FROM "ModelDeveloper" WHERE "modelId" = OLD."modelId");
  DELETE FROM "OrganizationArticle" WHERE "articleId" = OLD."articleId" AND "paths" = 0
    AND "organizationId" IN (SELECT "organizationId" FROM "ModelDeveloper" WHERE "modelId" = OLD."modelId");
END;

-- An article newly reaching an organization counts for it and for its country.
CREATE TRIGGER "OrganizationArticle_count_insert" AFTER INSERT ON "OrganizationArticle" BEGIN
  UPDATE "OrganizationCount" SET "articles" = "articles" + 1,
    "modelArticles" = "modelArticles" + (NEW."viaModels" > 0) WHERE "organizationId" = NEW."organizationId";
  INSERT INTO "CountryArticle" ("country", "articleId", "paths")
    SELECT "country", NEW."articleId", 1 FROM "Organization" WHERE "id" = NEW."organizationId" AND "country" IS NOT NULL
    ON CONFLICT ("country", "articleId") DO UPDATE SET "paths" = "CountryArticle"."paths" + 1;
END;
CREATE TRIGGER "OrganizationArticle_count_delete" AFTER DELETE ON "OrganizationArticle" BEGIN
  UPDATE "OrganizationCount" SET "articles" = "articles" - 1,
    "modelArticles" = "modelArticles" - (OLD."viaModels" > 0) WHERE "organizationId" = OLD."organizationId";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1 WHERE "articleId" = OLD."articleId"
    AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
  DELETE FROM "CountryArticle" WHERE "articleId" = OLD."articleId" AND "paths" = 0
    AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
END;
-- An article reaching an organization through its models for the first time, or no longer.
CREATE TRIGGER "OrganizationArticle_count_update" AFTER UPDATE OF "viaModels" ON "OrganizationArticle"
WHEN (OLD."viaModels" > 0) <> (NEW."viaModels" > 0) BEGIN
  UPDATE "OrganizationCount" SET "modelArticles" = "modelArticles" + (NEW."viaModels" > 0) - (OLD."viaModels" > 0)
  WHERE "organizationId" = NEW."organizationId";
END;
CREATE TRIGGER "CountryArticle_count_insert" AFTER INSERT ON "CountryArticle" BEGIN
  UPDATE "CountryCount" SET "articles" = "articles" + 1 WHERE "country" = NEW."country";
END;
CREATE TRIGGER "CountryArticle_count_delete" AFTER DELETE ON "CountryArticle" BEGIN
  UPDATE "CountryCount" SET "articles" = "articles" - 1 WHERE "country" = OLD."country";
END;
CREATE TRIGGER "CountryModel_count_insert" AFTER INSERT ON "CountryModel" BEGIN
  UPDATE "CountryCount" SET "models" = "models" + 1 WHERE "country" = NEW."country";
END;
CREATE TRIGGER "CountryModel_count_delete" AFTER DELETE ON "CountryModel" BEGIN
  UPDATE "CountryCount" SET "models" = "models" - 1 WHERE "country" = OLD."country";
END;

-- Topics.
CREATE TRIGGER "ModelTopic_count_insert" AFTER INSERT ON "ModelTopic" BEGIN
  UPDATE "TopicCount" SET "models" = "models" + 1 WHERE "topicId" = NEW."topicId";
END;
CREATE TRIGGER "ModelTopic_count_delete" AFTER DELETE ON "ModelTopic" BEGIN
  UPDATE "TopicCount" SET "models" = "models" - 1 WHERE "topicId" = OLD."topicId";
END;
CREATE TRIGGER "ArticleTopic_count_insert" AFTER INSERT ON "ArticleTopic" BEGIN
  UPDATE "TopicCount" SET "articles" = "articles" + 1 WHERE "topicId" = NEW."topicId";
END;
CREATE TRIGGER "ArticleTopic_count_delete" AFTER DELETE ON "ArticleTopic" BEGIN
  UPDATE "TopicCount" SET "articles" = "articles" - 1 WHERE "topicId" = OLD."topicId";
END;

-- The facets of the whole article list: per language, site, kind and year of the articles, and
-- per organization, topic and person of their coverage and authors.
CREATE TRIGGER "Article_facet_insert" AFTER INSERT ON "Article" BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'language', CAST(NEW."language" AS TEXT), 1 WHERE NEW."language" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'site', CAST(NEW."site" AS TEXT), 1 WHERE NEW."site" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'kind', CAST(NEW."kind" AS TEXT), 1 WHERE NEW."kind" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'year', substr(NEW."publishedAt", 1, 4), 1 WHERE substr(NEW."publishedAt", 1, 4) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "Article_facet_delete" AFTER DELETE ON "Article" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'year' AND "value" = substr(OLD."publishedAt", 1, 4);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'year' AND "value" = substr(OLD."publishedAt", 1, 4) AND "count" = 0;
END;
CREATE TRIGGER "Article_facet_update" AFTER UPDATE OF "language", "site", "kind", "publishedAt" ON "Article"
WHEN OLD."language" IS NOT NEW."language" OR OLD."site" IS NOT NEW."site" OR OLD."kind" IS NOT NEW."kind"
  OR OLD."publishedAt" IS NOT NEW."publishedAt" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT) AND "count" = 0;
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'year' AND "value" = substr(OLD."publishedAt", 1, 4);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'year' AND "value" = substr(OLD."publishedAt", 1, 4) AND "count" = 0;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'language', CAST(NEW."language" AS TEXT), 1 WHERE NEW."language" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'site', CAST(NEW."site" AS TEXT), 1 WHERE NEW."site" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'kind', CAST(NEW."kind" AS TEXT), 1 WHERE NEW."kind" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'year', substr(NEW."publishedAt", 1, 4), 1 WHERE substr(NEW."publishedAt", 1, 4) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "ArticleOrganization_facet_insert" AFTER INSERT ON "ArticleOrganization" BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'organization', CAST(NEW."organizationId" AS TEXT), 1 WHERE CAST(NEW."organizationId" AS TEXT) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "ArticleOrganization_facet_delete" AFTER DELETE ON "ArticleOrganization" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'organization' AND "value" = CAST(OLD."organizationId" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'organization' AND "value" = CAST(OLD."organizationId" AS TEXT) AND "count" = 0;
END;
CREATE TRIGGER "ArticleTopic_facet_insert" AFTER INSERT ON "ArticleTopic" BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'topic', CAST(NEW."topicId" AS TEXT), 1 WHERE CAST(NEW."topicId" AS TEXT) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "ArticleTopic_facet_delete" AFTER DELETE ON "ArticleTopic" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'topic' AND "value" = CAST(OLD."topicId" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'topic' AND "value" = CAST(OLD."topicId" AS TEXT) AND "count" = 0;
END;
CREATE TRIGGER "ArticleAuthor_facet_insert" AFTER INSERT ON "ArticleAuthor" BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'author', CAST(NEW."personId" AS TEXT), 1 WHERE CAST(NEW."personId" AS TEXT) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "ArticleAuthor_facet_delete" AFTER DELETE ON "ArticleAuthor" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'author' AND "value" = CAST(OLD."personId" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'author' AND "value" = CAST(OLD."personId" AS TEXT) AND "count" = 0;
END;
