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
-- Rows per table, by statement: a row trigger would update the same counter row once per row,
-- and PostgreSQL keeps every version of a row updated again in one transaction (an import of
-- thousands of rows slowed down by half). The rows a statement wrote are its transition table.
CREATE FUNCTION "count_rows_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TableCount" SET "rows" = "rows" + (SELECT COUNT(*) FROM new_rows) WHERE "name" = TG_TABLE_NAME;
  RETURN NULL;
END $$;
CREATE FUNCTION "count_rows_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TableCount" SET "rows" = "rows" - (SELECT COUNT(*) FROM old_rows) WHERE "name" = TG_TABLE_NAME;
  RETURN NULL;
END $$;
CREATE TRIGGER "Organization_count_rows_insert" AFTER INSERT ON "Organization" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Organization_count_rows_delete" AFTER DELETE ON "Organization" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Model_count_rows_insert" AFTER INSERT ON "Model" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Model_count_rows_delete" AFTER DELETE ON "Model" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Article_count_rows_insert" AFTER INSERT ON "Article" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Article_count_rows_delete" AFTER DELETE ON "Article" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Topic_count_rows_insert" AFTER INSERT ON "Topic" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Topic_count_rows_delete" AFTER DELETE ON "Topic" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Person_count_rows_insert" AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Person_count_rows_delete" AFTER DELETE ON "Person" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Source_count_rows_insert" AFTER INSERT ON "Source" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Source_count_rows_delete" AFTER DELETE ON "Source" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "ArticleAuthor_count_rows_insert" AFTER INSERT ON "ArticleAuthor" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "ArticleAuthor_count_rows_delete" AFTER DELETE ON "ArticleAuthor" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Hardware_count_rows_insert" AFTER INSERT ON "Hardware" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Hardware_count_rows_delete" AFTER DELETE ON "Hardware" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();
CREATE TRIGGER "Dataset_count_rows_insert" AFTER INSERT ON "Dataset" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_inserted"();
CREATE TRIGGER "Dataset_count_rows_delete" AFTER DELETE ON "Dataset" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_rows_deleted"();

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
-- per organization, topic and person of their coverage and authors. By statement, as the rows
-- per table: a value's counter changes once per statement, by the rows the statement wrote.
CREATE FUNCTION "count_facets"(step INTEGER, facets JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count")
    SELECT f."facet", f."value", step * f."count"
    FROM jsonb_to_recordset(facets) AS f("facet" TEXT, "value" TEXT, "count" INTEGER) WHERE f."value" IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + EXCLUDED."count";
  DELETE FROM "ArticleFacetCount" c WHERE c."count" = 0 AND (c."facet", c."value") IN
    (SELECT f."facet", f."value" FROM jsonb_to_recordset(facets) AS f("facet" TEXT, "value" TEXT, "count" INTEGER));
END $$;

-- The facets of a set of articles, as JSON rows { facet, value, count }.
CREATE FUNCTION "article_facets_of"(articles JSONB) RETURNS JSONB LANGUAGE sql AS $$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('facet', facet, 'value', value, 'count', n)), '[]'::jsonb) FROM (
    SELECT 'language' AS facet, a->>'language' AS value, COUNT(*) AS n FROM jsonb_array_elements(articles) a GROUP BY 2
    UNION ALL SELECT 'site', a->>'site', COUNT(*) FROM jsonb_array_elements(articles) a GROUP BY 2
    UNION ALL SELECT 'kind', a->>'kind', COUNT(*) FROM jsonb_array_elements(articles) a GROUP BY 2
    UNION ALL SELECT 'year', CAST(EXTRACT(YEAR FROM CAST(a->>'publishedAt' AS TIMESTAMP)) AS INTEGER)::text, COUNT(*)
      FROM jsonb_array_elements(articles) a WHERE a->>'publishedAt' IS NOT NULL GROUP BY 2
  ) AS counted
$$;

CREATE FUNCTION "count_article_facets_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_facets"(1, "article_facets_of"((SELECT COALESCE(jsonb_agg(to_jsonb(n)), '[]') FROM new_rows n)));
  RETURN NULL;
END $$;
CREATE FUNCTION "count_article_facets_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_facets"(-1, "article_facets_of"((SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]') FROM old_rows o)));
  RETURN NULL;
END $$;
CREATE FUNCTION "count_article_facets_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_facets"(-1, "article_facets_of"((SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]') FROM old_rows o)));
  PERFORM "count_facets"(1, "article_facets_of"((SELECT COALESCE(jsonb_agg(to_jsonb(n)), '[]') FROM new_rows n)));
  RETURN NULL;
END $$;
CREATE TRIGGER "Article_facet_insert" AFTER INSERT ON "Article" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_article_facets_inserted"();
CREATE TRIGGER "Article_facet_delete" AFTER DELETE ON "Article" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_article_facets_deleted"();
CREATE TRIGGER "Article_facet_update" AFTER UPDATE ON "Article" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_article_facets_updated"();

-- Coverage and authors: per organization, topic and person (TG_ARGV: the facet and the column).
CREATE FUNCTION "count_coverage_facet_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_facets"(1, (SELECT COALESCE(jsonb_agg(jsonb_build_object('facet', TG_ARGV[0], 'value', value, 'count', n)), '[]')
    FROM (SELECT to_jsonb(r) ->> TG_ARGV[1] AS value, COUNT(*) AS n FROM new_rows r GROUP BY 1) AS counted));
  RETURN NULL;
END $$;
CREATE FUNCTION "count_coverage_facet_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_facets"(-1, (SELECT COALESCE(jsonb_agg(jsonb_build_object('facet', TG_ARGV[0], 'value', value, 'count', n)), '[]')
    FROM (SELECT to_jsonb(r) ->> TG_ARGV[1] AS value, COUNT(*) AS n FROM old_rows r GROUP BY 1) AS counted));
  RETURN NULL;
END $$;
CREATE TRIGGER "ArticleOrganization_facet_insert" AFTER INSERT ON "ArticleOrganization" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_inserted"('organization', 'organizationId');
CREATE TRIGGER "ArticleOrganization_facet_delete" AFTER DELETE ON "ArticleOrganization" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_deleted"('organization', 'organizationId');
CREATE TRIGGER "ArticleTopic_facet_insert" AFTER INSERT ON "ArticleTopic" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_inserted"('topic', 'topicId');
CREATE TRIGGER "ArticleTopic_facet_delete" AFTER DELETE ON "ArticleTopic" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_deleted"('topic', 'topicId');
CREATE TRIGGER "ArticleAuthor_facet_insert" AFTER INSERT ON "ArticleAuthor" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_inserted"('author', 'personId');
CREATE TRIGGER "ArticleAuthor_facet_delete" AFTER DELETE ON "ArticleAuthor" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_facet_deleted"('author', 'personId');
