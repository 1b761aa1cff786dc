-- Each model's coverage rows, kept like the organizations', topics' and authors' ('model' in
-- ArticleFacetCount): a model's `articles { totalCount }` reads one row instead of counting its
-- coverage (a model covered by 220,000 articles: about 20 ms at a million articles).
INSERT INTO "ArticleFacetCount" ("facet", "value", "count")
SELECT 'model', CAST("modelId" AS TEXT), COUNT(*) FROM "ArticleModel" GROUP BY "modelId";

CREATE TRIGGER "ArticleModel_facet_insert" AFTER INSERT ON "ArticleModel" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_inserted"('model', 'modelId');
CREATE TRIGGER "ArticleModel_facet_delete" AFTER DELETE ON "ArticleModel" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_deleted"('model', 'modelId');

-- The recount after a copy (the migration rebuild_kept_counts) counts them too.
CREATE OR REPLACE FUNCTION "rebuild_kept_counts"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "TableCount", "OrganizationArticle", "CountryArticle", "CountryModel", "OrganizationCount",
    "TopicCount", "CountryCount", "ArticleFacetCount";
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
  ) AS paths GROUP BY "organizationId", "articleId";

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
  UNION ALL SELECT 'year', CAST(EXTRACT(YEAR FROM "publishedAt") AS INTEGER)::text, COUNT(*) FROM "Article" WHERE "publishedAt" IS NOT NULL GROUP BY CAST(EXTRACT(YEAR FROM "publishedAt") AS INTEGER)::text
  UNION ALL SELECT 'organization', CAST("organizationId" AS TEXT), COUNT(*) FROM "ArticleOrganization" GROUP BY "organizationId"
  UNION ALL SELECT 'topic', CAST("topicId" AS TEXT), COUNT(*) FROM "ArticleTopic" GROUP BY "topicId"
  UNION ALL SELECT 'author', CAST("personId" AS TEXT), COUNT(*) FROM "ArticleAuthor" GROUP BY "personId"
  UNION ALL SELECT 'model', CAST("modelId" AS TEXT), COUNT(*) FROM "ArticleModel" GROUP BY "modelId";
END $$;
