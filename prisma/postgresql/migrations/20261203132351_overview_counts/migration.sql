-- CreateTable
CREATE TABLE "TableCount" (
    "name" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,

    CONSTRAINT "TableCount_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "OrganizationCount" (
    "organizationId" INTEGER NOT NULL,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL,
    "modelArticles" INTEGER NOT NULL,
    "maxParameters" BIGINT,

    CONSTRAINT "OrganizationCount_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "TopicCount" (
    "topicId" INTEGER NOT NULL,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL,

    CONSTRAINT "TopicCount_pkey" PRIMARY KEY ("topicId")
);

-- CreateTable
CREATE TABLE "CountryCount" (
    "country" TEXT NOT NULL,
    "organizations" INTEGER NOT NULL,
    "models" INTEGER NOT NULL,
    "articles" INTEGER NOT NULL,

    CONSTRAINT "CountryCount_pkey" PRIMARY KEY ("country")
);

-- CreateTable
CREATE TABLE "ArticleFacetCount" (
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ArticleFacetCount_pkey" PRIMARY KEY ("facet","value")
);

-- CreateTable
CREATE TABLE "OrganizationArticle" (
    "organizationId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,
    "viaModels" INTEGER NOT NULL,

    CONSTRAINT "OrganizationArticle_pkey" PRIMARY KEY ("organizationId","articleId")
);

-- CreateTable
CREATE TABLE "CountryArticle" (
    "country" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,

    CONSTRAINT "CountryArticle_pkey" PRIMARY KEY ("country","articleId")
);

-- CreateTable
CREATE TABLE "CountryModel" (
    "country" TEXT NOT NULL,
    "modelId" INTEGER NOT NULL,
    "paths" INTEGER NOT NULL,

    CONSTRAINT "CountryModel_pkey" PRIMARY KEY ("country","modelId")
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
UNION ALL SELECT 'author', CAST("personId" AS TEXT), COUNT(*) FROM "ArticleAuthor" GROUP BY "personId";

-- The triggers: one function per counted table, with the statements of SQLite's migration.
CREATE FUNCTION "count_table_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "TableCount" SET "rows" = "rows" + 1 WHERE "name" = TG_TABLE_NAME;
  ELSE
    UPDATE "TableCount" SET "rows" = "rows" - 1 WHERE "name" = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Organization_count_rows" AFTER INSERT OR DELETE ON "Organization" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Model_count_rows" AFTER INSERT OR DELETE ON "Model" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Article_count_rows" AFTER INSERT OR DELETE ON "Article" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Topic_count_rows" AFTER INSERT OR DELETE ON "Topic" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Person_count_rows" AFTER INSERT OR DELETE ON "Person" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Source_count_rows" AFTER INSERT OR DELETE ON "Source" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "ArticleAuthor_count_rows" AFTER INSERT OR DELETE ON "ArticleAuthor" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Hardware_count_rows" AFTER INSERT OR DELETE ON "Hardware" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();
CREATE TRIGGER "Dataset_count_rows" AFTER INSERT OR DELETE ON "Dataset" FOR EACH ROW EXECUTE FUNCTION "count_table_rows"();

-- An organization's country: what it reaches leaves the old one and joins the new one.
CREATE FUNCTION "count_organization_country"(p_organization INTEGER, p_country TEXT, p_step INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_country IS NULL THEN RETURN; END IF;
  IF p_step > 0 THEN
    INSERT INTO "CountryCount" ("country", "organizations", "models", "articles") VALUES (p_country, 1, 0, 0)
      ON CONFLICT ("country") DO UPDATE SET "organizations" = "CountryCount"."organizations" + 1;
    INSERT INTO "CountryArticle" ("country", "articleId", "paths")
      SELECT p_country, r."articleId", 1 FROM "OrganizationArticle" r WHERE r."organizationId" = p_organization
      ON CONFLICT ("country", "articleId") DO UPDATE SET "paths" = "CountryArticle"."paths" + 1;
    INSERT INTO "CountryModel" ("country", "modelId", "paths")
      SELECT p_country, d."modelId", 1 FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization
      ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
  ELSE
    UPDATE "CountryCount" c SET "organizations" = c."organizations" - 1 WHERE c."country" = p_country;
    UPDATE "CountryArticle" c SET "paths" = c."paths" - 1 WHERE c."country" = p_country
      AND c."articleId" IN (SELECT r."articleId" FROM "OrganizationArticle" r WHERE r."organizationId" = p_organization);
    DELETE FROM "CountryArticle" c WHERE c."country" = p_country AND c."paths" = 0
      AND c."articleId" IN (SELECT r."articleId" FROM "OrganizationArticle" r WHERE r."organizationId" = p_organization);
    UPDATE "CountryModel" c SET "paths" = c."paths" - 1 WHERE c."country" = p_country
      AND c."modelId" IN (SELECT d."modelId" FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization);
    DELETE FROM "CountryModel" c WHERE c."country" = p_country AND c."paths" = 0
      AND c."modelId" IN (SELECT d."modelId" FROM "ModelDeveloper" d WHERE d."organizationId" = p_organization);
  END IF;
END $$;

CREATE FUNCTION "count_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OrganizationCount" ("organizationId", "models", "articles", "modelArticles", "maxParameters") VALUES (NEW."id", 0, 0, 0, NULL)
      ON CONFLICT ("organizationId") DO NOTHING;
    PERFORM "count_organization_country"(NEW."id", NEW."country", 1);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM "count_organization_country"(OLD."id", OLD."country", -1);
    PERFORM "count_organization_country"(NEW."id", NEW."country", 1);
  ELSIF TG_WHEN = 'BEFORE' THEN
    -- Before the row goes, while its developer and coverage rows still tell what it reached (the
    -- cascades that delete them run after and find no country to subtract from).
    PERFORM "count_organization_country"(OLD."id", OLD."country", -1);
    RETURN OLD;
  ELSE
    DELETE FROM "OrganizationCount" WHERE "organizationId" = OLD."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Organization_count_insert" AFTER INSERT ON "Organization" FOR EACH ROW EXECUTE FUNCTION "count_organization"();
CREATE TRIGGER "Organization_count_country" AFTER UPDATE OF "country" ON "Organization" FOR EACH ROW
  WHEN (OLD."country" IS DISTINCT FROM NEW."country") EXECUTE FUNCTION "count_organization"();
CREATE TRIGGER "Organization_count_before_delete" BEFORE DELETE ON "Organization" FOR EACH ROW EXECUTE FUNCTION "count_organization"();
CREATE TRIGGER "Organization_count_delete" AFTER DELETE ON "Organization" FOR EACH ROW EXECUTE FUNCTION "count_organization"();

-- A model's size changing: the largest of its developers grows at once, or is looked for again
-- when the model held it.
CREATE FUNCTION "count_model_parameters"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "OrganizationCount" c SET "maxParameters" = CASE
      WHEN NEW."parameters" IS NOT NULL AND (c."maxParameters" IS NULL OR NEW."parameters" >= c."maxParameters") THEN NEW."parameters"
      WHEN OLD."parameters" IS NULL OR OLD."parameters" < c."maxParameters" THEN c."maxParameters"
      ELSE (SELECT MAX(m."parameters") FROM "ModelDeveloper" d JOIN "Model" m ON m."id" = d."modelId"
            WHERE d."organizationId" = c."organizationId") END
  WHERE c."organizationId" IN (SELECT d."organizationId" FROM "ModelDeveloper" d WHERE d."modelId" = NEW."id");
  RETURN NULL;
END $$;
CREATE TRIGGER "Model_count_parameters" AFTER UPDATE OF "parameters" ON "Model" FOR EACH ROW
  WHEN (OLD."parameters" IS DISTINCT FROM NEW."parameters") EXECUTE FUNCTION "count_model_parameters"();

-- Developers: the organization's models, its largest, the articles it reaches through the model,
-- and its country's models.
CREATE FUNCTION "count_model_developer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "OrganizationCount" c SET "models" = c."models" + 1,
      "maxParameters" = (SELECT CASE WHEN m."parameters" IS NOT NULL AND (c."maxParameters" IS NULL OR m."parameters" > c."maxParameters")
                                THEN m."parameters" ELSE c."maxParameters" END FROM "Model" m WHERE m."id" = NEW."modelId")
    WHERE c."organizationId" = NEW."organizationId";
    INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels")
      SELECT NEW."organizationId", am."articleId", 1, 1 FROM "ArticleModel" am WHERE am."modelId" = NEW."modelId"
      ON CONFLICT ("organizationId", "articleId") DO UPDATE
      SET "paths" = "OrganizationArticle"."paths" + 1, "viaModels" = "OrganizationArticle"."viaModels" + 1;
    INSERT INTO "CountryModel" ("country", "modelId", "paths")
      SELECT o."country", NEW."modelId", 1 FROM "Organization" o WHERE o."id" = NEW."organizationId" AND o."country" IS NOT NULL
      ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
  ELSE
    UPDATE "OrganizationCount" c SET "models" = c."models" - 1,
      "maxParameters" = (SELECT MAX(m."parameters") FROM "ModelDeveloper" d JOIN "Model" m ON m."id" = d."modelId"
                         WHERE d."organizationId" = OLD."organizationId")
    WHERE c."organizationId" = OLD."organizationId";
    UPDATE "OrganizationArticle" r SET "paths" = r."paths" - 1, "viaModels" = r."viaModels" - 1
      WHERE r."organizationId" = OLD."organizationId"
      AND r."articleId" IN (SELECT am."articleId" FROM "ArticleModel" am WHERE am."modelId" = OLD."modelId");
    DELETE FROM "OrganizationArticle" r WHERE r."organizationId" = OLD."organizationId" AND r."paths" = 0
      AND r."articleId" IN (SELECT am."articleId" FROM "ArticleModel" am WHERE am."modelId" = OLD."modelId");
    UPDATE "CountryModel" c SET "paths" = c."paths" - 1 WHERE c."modelId" = OLD."modelId"
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
    DELETE FROM "CountryModel" c WHERE c."modelId" = OLD."modelId" AND c."paths" = 0
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ModelDeveloper_count" AFTER INSERT OR DELETE ON "ModelDeveloper" FOR EACH ROW EXECUTE FUNCTION "count_model_developer"();

-- Coverage: an article reaches an organization directly, or through each model of it it covers.
CREATE FUNCTION "count_article_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels") VALUES (NEW."organizationId", NEW."articleId", 1, 0)
      ON CONFLICT ("organizationId", "articleId") DO UPDATE SET "paths" = "OrganizationArticle"."paths" + 1;
  ELSE
    UPDATE "OrganizationArticle" r SET "paths" = r."paths" - 1 WHERE r."organizationId" = OLD."organizationId" AND r."articleId" = OLD."articleId";
    DELETE FROM "OrganizationArticle" r WHERE r."organizationId" = OLD."organizationId" AND r."articleId" = OLD."articleId" AND r."paths" = 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ArticleOrganization_count" AFTER INSERT OR DELETE ON "ArticleOrganization" FOR EACH ROW EXECUTE FUNCTION "count_article_organization"();

CREATE FUNCTION "count_article_model"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OrganizationArticle" ("organizationId", "articleId", "paths", "viaModels")
      SELECT d."organizationId", NEW."articleId", 1, 1 FROM "ModelDeveloper" d WHERE d."modelId" = NEW."modelId"
      ON CONFLICT ("organizationId", "articleId") DO UPDATE
      SET "paths" = "OrganizationArticle"."paths" + 1, "viaModels" = "OrganizationArticle"."viaModels" + 1;
  ELSE
    UPDATE "OrganizationArticle" r SET "paths" = r."paths" - 1, "viaModels" = r."viaModels" - 1
      WHERE r."articleId" = OLD."articleId" AND r."organizationId" IN (SELECT d."organizationId" FROM "ModelDeveloper" d WHERE d."modelId" = OLD."modelId");
    DELETE FROM "OrganizationArticle" r WHERE r."articleId" = OLD."articleId" AND r."paths" = 0
      AND r."organizationId" IN (SELECT d."organizationId" FROM "ModelDeveloper" d WHERE d."modelId" = OLD."modelId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ArticleModel_count" AFTER INSERT OR DELETE ON "ArticleModel" FOR EACH ROW EXECUTE FUNCTION "count_article_model"();

-- An article newly reaching an organization counts for it and for its country.
CREATE FUNCTION "count_organization_article"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "OrganizationCount" c SET "articles" = c."articles" + 1,
      "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int WHERE c."organizationId" = NEW."organizationId";
    INSERT INTO "CountryArticle" ("country", "articleId", "paths")
      SELECT o."country", NEW."articleId", 1 FROM "Organization" o WHERE o."id" = NEW."organizationId" AND o."country" IS NOT NULL
      ON CONFLICT ("country", "articleId") DO UPDATE SET "paths" = "CountryArticle"."paths" + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "OrganizationCount" c SET "modelArticles" = c."modelArticles" + (NEW."viaModels" > 0)::int - (OLD."viaModels" > 0)::int
      WHERE c."organizationId" = NEW."organizationId";
  ELSE
    UPDATE "OrganizationCount" c SET "articles" = c."articles" - 1,
      "modelArticles" = c."modelArticles" - (OLD."viaModels" > 0)::int WHERE c."organizationId" = OLD."organizationId";
    UPDATE "CountryArticle" c SET "paths" = c."paths" - 1 WHERE c."articleId" = OLD."articleId"
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
    DELETE FROM "CountryArticle" c WHERE c."articleId" = OLD."articleId" AND c."paths" = 0
      AND c."country" = (SELECT o."country" FROM "Organization" o WHERE o."id" = OLD."organizationId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "OrganizationArticle_count" AFTER INSERT OR DELETE ON "OrganizationArticle" FOR EACH ROW EXECUTE FUNCTION "count_organization_article"();
-- An article reaching an organization through its models for the first time, or no longer.
CREATE TRIGGER "OrganizationArticle_count_update" AFTER UPDATE OF "viaModels" ON "OrganizationArticle" FOR EACH ROW
  WHEN ((OLD."viaModels" > 0) <> (NEW."viaModels" > 0)) EXECUTE FUNCTION "count_organization_article"();

CREATE FUNCTION "count_country_reach"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'CountryArticle' THEN
    IF TG_OP = 'INSERT' THEN UPDATE "CountryCount" c SET "articles" = c."articles" + 1 WHERE c."country" = NEW."country";
    ELSE UPDATE "CountryCount" c SET "articles" = c."articles" - 1 WHERE c."country" = OLD."country"; END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN UPDATE "CountryCount" c SET "models" = c."models" + 1 WHERE c."country" = NEW."country";
    ELSE UPDATE "CountryCount" c SET "models" = c."models" - 1 WHERE c."country" = OLD."country"; END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "CountryArticle_count" AFTER INSERT OR DELETE ON "CountryArticle" FOR EACH ROW EXECUTE FUNCTION "count_country_reach"();
CREATE TRIGGER "CountryModel_count" AFTER INSERT OR DELETE ON "CountryModel" FOR EACH ROW EXECUTE FUNCTION "count_country_reach"();

-- Topics.
CREATE FUNCTION "count_topic"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Topic' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO "TopicCount" ("topicId", "models", "articles") VALUES (NEW."id", 0, 0) ON CONFLICT ("topicId") DO NOTHING;
    ELSE DELETE FROM "TopicCount" WHERE "topicId" = OLD."id"; END IF;
  ELSIF TG_TABLE_NAME = 'ModelTopic' THEN
    IF TG_OP = 'INSERT' THEN UPDATE "TopicCount" c SET "models" = c."models" + 1 WHERE c."topicId" = NEW."topicId";
    ELSE UPDATE "TopicCount" c SET "models" = c."models" - 1 WHERE c."topicId" = OLD."topicId"; END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN UPDATE "TopicCount" c SET "articles" = c."articles" + 1 WHERE c."topicId" = NEW."topicId";
    ELSE UPDATE "TopicCount" c SET "articles" = c."articles" - 1 WHERE c."topicId" = OLD."topicId"; END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Topic_count" AFTER INSERT OR DELETE ON "Topic" FOR EACH ROW EXECUTE FUNCTION "count_topic"();
CREATE TRIGGER "ModelTopic_count" AFTER INSERT OR DELETE ON "ModelTopic" FOR EACH ROW EXECUTE FUNCTION "count_topic"();
CREATE TRIGGER "ArticleTopic_count" AFTER INSERT OR DELETE ON "ArticleTopic" FOR EACH ROW EXECUTE FUNCTION "count_topic"();

-- The facets of the whole article list: per language, site, kind and year of the articles, and
-- per organization, topic and person of their coverage and authors.
CREATE FUNCTION "count_article_facets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT);
    DELETE FROM "ArticleFacetCount" WHERE "facet" = 'language' AND "value" = CAST(OLD."language" AS TEXT) AND "count" = 0;
    UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT);
    DELETE FROM "ArticleFacetCount" WHERE "facet" = 'site' AND "value" = CAST(OLD."site" AS TEXT) AND "count" = 0;
    UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT);
    DELETE FROM "ArticleFacetCount" WHERE "facet" = 'kind' AND "value" = CAST(OLD."kind" AS TEXT) AND "count" = 0;
    UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'year' AND "value" = CAST(EXTRACT(YEAR FROM OLD."publishedAt") AS INTEGER)::text;
    DELETE FROM "ArticleFacetCount" WHERE "facet" = 'year' AND "value" = CAST(EXTRACT(YEAR FROM OLD."publishedAt") AS INTEGER)::text AND "count" = 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'language', CAST(NEW."language" AS TEXT), 1 WHERE NEW."language" IS NOT NULL
      ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
    INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'site', CAST(NEW."site" AS TEXT), 1 WHERE NEW."site" IS NOT NULL
      ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
    INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'kind', CAST(NEW."kind" AS TEXT), 1 WHERE NEW."kind" IS NOT NULL
      ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
    INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'year', CAST(EXTRACT(YEAR FROM NEW."publishedAt") AS INTEGER)::text, 1 WHERE CAST(EXTRACT(YEAR FROM NEW."publishedAt") AS INTEGER)::text IS NOT NULL
      ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Article_facet" AFTER INSERT OR DELETE ON "Article" FOR EACH ROW EXECUTE FUNCTION "count_article_facets"();
CREATE TRIGGER "Article_facet_update" AFTER UPDATE OF "language", "site", "kind", "publishedAt" ON "Article" FOR EACH ROW
  WHEN (OLD."language" IS DISTINCT FROM NEW."language" OR OLD."site" IS DISTINCT FROM NEW."site"
    OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt")
  EXECUTE FUNCTION "count_article_facets"();

CREATE FUNCTION "count_coverage_facet"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_facet TEXT := TG_ARGV[0];
  v_item TEXT := CASE WHEN TG_OP = 'INSERT' THEN to_jsonb(NEW) ELSE to_jsonb(OLD) END ->> TG_ARGV[1];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ArticleFacetCount" ("facet", "value", "count") VALUES (v_facet, v_item, 1)
      ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
  ELSE
    UPDATE "ArticleFacetCount" f SET "count" = f."count" - 1 WHERE f."facet" = v_facet AND f."value" = v_item;
    DELETE FROM "ArticleFacetCount" f WHERE f."facet" = v_facet AND f."value" = v_item AND f."count" = 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ArticleOrganization_facet" AFTER INSERT OR DELETE ON "ArticleOrganization" FOR EACH ROW
  EXECUTE FUNCTION "count_coverage_facet"('organization', 'organizationId');
CREATE TRIGGER "ArticleTopic_facet" AFTER INSERT OR DELETE ON "ArticleTopic" FOR EACH ROW
  EXECUTE FUNCTION "count_coverage_facet"('topic', 'topicId');
CREATE TRIGGER "ArticleAuthor_facet" AFTER INSERT OR DELETE ON "ArticleAuthor" FOR EACH ROW
  EXECUTE FUNCTION "count_coverage_facet"('author', 'personId');
