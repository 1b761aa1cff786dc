-- Each country's articles that cover one of its models, kept like each organization's
-- (`OrganizationArticle."viaModels"`, `OrganizationCount."modelArticles"`): `articles(filter:
-- { coversModelOf: { country: "CN" } })` reads its page and its count from these rows instead of
-- testing every article (its totalCount took 1.35 s at a million articles on SQLite).
--
-- `CountryArticle."viaModels"`: how many organizations of the country the article reaches through
-- one of their models (the rows of OrganizationArticle with "viaModels" > 0);
-- `CountryCount."modelArticles"`: how many of the country's articles have it above 0.

-- AlterTable
ALTER TABLE "CountryArticle" ADD COLUMN     "viaModels" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CountryCount" ADD COLUMN     "modelArticles" INTEGER NOT NULL DEFAULT 0;

UPDATE "CountryArticle" c SET "viaModels" = v."organizations"
FROM (SELECT o."country", r."articleId", COUNT(*) AS "organizations"
      FROM "OrganizationArticle" r JOIN "Organization" o ON o."id" = r."organizationId"
      WHERE r."viaModels" > 0 AND o."country" IS NOT NULL GROUP BY o."country", r."articleId") AS v
WHERE v."country" = c."country" AND v."articleId" = c."articleId";

UPDATE "CountryCount" c SET "modelArticles" =
  (SELECT COUNT(*) FROM "CountryArticle" x WHERE x."country" = c."country" AND x."viaModels" > 0);

-- The functions of the migration overview_counts that write CountryArticle, again, with its new column.
CREATE OR REPLACE FUNCTION "count_organization_country"(p_organization INTEGER, p_country TEXT, p_step INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_country IS NULL THEN RETURN; END IF;
  IF p_step > 0 THEN
    INSERT INTO "CountryCount" ("country", "organizations", "models", "articles") VALUES (p_country, 1, 0, 0)
      ON CONFLICT ("country") DO UPDATE SET "organizations" = "CountryCount"."organizations" + 1;
    INSERT INTO "CountryArticle" ("country", "articleId", "paths", "viaModels")
      SELECT p_country, r."articleId", 1, (r."viaModels" > 0)::int FROM "OrganizationArticle" r WHERE r."organizationId" = p_organization
      ON CONFLICT ("country", "articleId") DO UPDATE
      SET "paths" = "CountryArticle"."paths" + 1, "viaModels" = "CountryArticle"."viaModels" + excluded."viaModels";
    INSERT INTO "CountryModel" ("country", "modelId", "paths")
      SELECT p_country, d."modelId", 1 FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization
      ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
  ELSE
    UPDATE "CountryCount" c SET "organizations" = c."organizations" - 1 WHERE c."country" = p_country;
    UPDATE "CountryArticle" c SET "paths" = c."paths" - 1, "viaModels" = c."viaModels" - (r."viaModels" > 0)::int
      FROM "OrganizationArticle" r
      WHERE c."country" = p_country AND r."organizationId" = p_organization AND r."articleId" = c."articleId";
    DELETE FROM "CountryArticle" c WHERE c."country" = p_country AND c."paths" = 0
      AND c."articleId" IN (SELECT r."articleId" FROM "OrganizationArticle" r WHERE r."organizationId" = p_organization);
    UPDATE "CountryModel" c SET "paths" = c."paths" - 1 WHERE c."country" = p_country
      AND c."modelId" IN (SELECT d."modelId" FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization);
    DELETE FROM "CountryModel" c WHERE c."country" = p_country AND c."paths" = 0
      AND c."modelId" IN (SELECT d."modelId" FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION "count_organization_article"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "OrganizationCount" c SET "articles" = c."articles" + 1,
      "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int WHERE c."organizationId" = NEW."organizationId";
    INSERT INTO "CountryArticle" ("country", "articleId", "paths", "viaModels")
      SELECT o."country", NEW."articleId", 1, (NEW."viaModels" > 0)::int FROM "Organization" o WHERE o."id" = NEW."organizationId" AND o."country" IS NOT NULL
      ON CONFLICT ("country", "articleId") DO UPDATE
      SET "paths" = "CountryArticle"."paths" + 1, "viaModels" = "CountryArticle"."viaModels" + excluded."viaModels";
  ELSIF TG_OP = 'UPDATE' THEN
    -- Through the organization's models for the first time, or no longer: for it and its country.
    UPDATE "OrganizationCount" c SET "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int - (OLD."viaModels" > 0)::int
      WHERE c."organizationId" = NEW."organizationId";
    UPDATE "CountryArticle" c SET "viaModels" = c."viaModels" + (NEW."viaModels" > 0)::int - (OLD."viaModels" > 0)::int
      WHERE c."articleId" = NEW."articleId"
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = NEW."organizationId");
  ELSE
    UPDATE "OrganizationCount" c SET "articles" = c."articles" - 1,
      "modelArticles" = c."modelArticles" - (OLD."viaModels" > 0)::int WHERE c."organizationId" = OLD."organizationId";
    UPDATE "CountryArticle" c SET "paths" = c."paths" - 1, "viaModels" = c."viaModels" - (OLD."viaModels" > 0)::int
      WHERE c."articleId" = OLD."articleId"
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
    DELETE FROM "CountryArticle" c WHERE c."articleId" = OLD."articleId" AND c."paths" = 0
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "count_country_reach"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'CountryArticle' THEN
    IF TG_OP = 'INSERT' THEN
      UPDATE "CountryCount" c SET "articles" = c."articles" + 1, "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int
        WHERE c."country" = NEW."country";
    ELSIF TG_OP = 'UPDATE' THEN
      UPDATE "CountryCount" c SET "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int - (OLD."viaModels" > 0)::int
        WHERE c."country" = NEW."country";
    ELSE
      UPDATE "CountryCount" c SET "articles" = c."articles" - 1, "modelArticles" = c."modelArticles" - (OLD."viaModels" > 0)::int
        WHERE c."country" = OLD."country";
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN UPDATE "CountryCount" c SET "models" = c."models" + 1 WHERE c."country" = NEW."country";
    ELSE UPDATE "CountryCount" c SET "models" = c."models" - 1 WHERE c."country" = OLD."country"; END IF;
  END IF;
  RETURN NULL;
END $$;
-- An article covering one of the country's models for the first time, or no longer.
CREATE TRIGGER "CountryArticle_count_update" AFTER UPDATE OF "viaModels" ON "CountryArticle" FOR EACH ROW
  WHEN ((OLD."viaModels" > 0) <> (NEW."viaModels" > 0)) EXECUTE FUNCTION "count_country_reach"();

-- A model leaving: the paths through it (each developer of it to each article covering it) go
-- before its row, while both its developer and coverage rows are there. PostgreSQL deletes all
-- the rows a delete cascades to before any of their AFTER triggers run, so the triggers of its
-- developer rows find none of its coverage rows and the reverse: without this, what the
-- organizations reach through the model stayed counted.
CREATE FUNCTION "count_model_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "OrganizationArticle" r SET "paths" = r."paths" - 1, "viaModels" = r."viaModels" - 1
    FROM "ModelDeveloper" d JOIN "ArticleModel" am ON am."modelId" = d."modelId"
    WHERE d."modelId" = OLD."id" AND r."organizationId" = d."organizationId" AND r."articleId" = am."articleId";
  DELETE FROM "OrganizationArticle" r USING "ModelDeveloper" d, "ArticleModel" am
    WHERE d."modelId" = OLD."id" AND am."modelId" = OLD."id"
    AND r."organizationId" = d."organizationId" AND r."articleId" = am."articleId" AND r."paths" = 0;
  RETURN OLD;
END $$;
CREATE TRIGGER "Model_count_before_delete" BEFORE DELETE ON "Model" FOR EACH ROW EXECUTE FUNCTION "count_model_delete"();

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

  INSERT INTO "CountryArticle" ("country", "articleId", "paths", "viaModels")
  SELECT o."country", r."articleId", COUNT(*), COUNT(*) FILTER (WHERE r."viaModels" > 0)
  FROM "OrganizationArticle" r JOIN "Organization" o ON o."id" = r."organizationId"
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

  INSERT INTO "CountryCount" ("country", "organizations", "models", "articles", "modelArticles")
  SELECT c."country", COUNT(*),
    (SELECT COUNT(*) FROM "CountryModel" x WHERE x."country" = c."country"),
    (SELECT COUNT(*) FROM "CountryArticle" x WHERE x."country" = c."country"),
    (SELECT COUNT(*) FROM "CountryArticle" x WHERE x."country" = c."country" AND x."viaModels" > 0)
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
