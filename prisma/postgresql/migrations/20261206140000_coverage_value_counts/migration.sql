-- Each organization's, model's and topic's coverage rows per language and per site of the article:
-- a parent's `articles(filter: { language: "en" }) { totalCount }` (or one site) reads one row
-- instead of joining all its coverage rows to the articles (Meta's English articles at a million:
-- 71 ms on SQLite). `owner` names the parent's kind, `parentId` its id, `column` the article's
-- column. The triggers keep them as the coverage rows and the articles change: coverage rows added
-- or removed count their articles' values (the rows of articles being deleted find no article:
-- the article's own trigger counted them out before it went); an article's language or site
-- changed moves its parents' counts. A copy (npm run db:copy) turns the triggers off and counts
-- them once at its end (`rebuild_coverage_value_counts`, src/db/postgres/store.ts).
CREATE TABLE "CoverageValueCount" (
    "owner" TEXT NOT NULL,
    "parentId" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CoverageValueCount_pkey" PRIMARY KEY ("owner","parentId","column","value")
);

CREATE FUNCTION "rebuild_coverage_value_counts"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "CoverageValueCount";
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
  SELECT 'organization', c."organizationId", 'language', a."language", COUNT(*) FROM "ArticleOrganization" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."organizationId", a."language"
  UNION ALL SELECT 'organization', c."organizationId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleOrganization" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."organizationId", a."site"
  UNION ALL SELECT 'model', c."modelId", 'language', a."language", COUNT(*) FROM "ArticleModel" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."modelId", a."language"
  UNION ALL SELECT 'model', c."modelId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleModel" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."modelId", a."site"
  UNION ALL SELECT 'topic', c."topicId", 'language', a."language", COUNT(*) FROM "ArticleTopic" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."topicId", a."language"
  UNION ALL SELECT 'topic', c."topicId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleTopic" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."topicId", a."site";
END $$;

SELECT "rebuild_coverage_value_counts"();

-- Adds `step` times each row's count ({ owner, parentId, column, value, count }); rows at zero go.
CREATE FUNCTION "count_coverage_values"(step INTEGER, counted JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT c."owner", c."parentId", c."column", c."value", step * c."count"
    FROM jsonb_to_recordset(counted) AS c("owner" TEXT, "parentId" INTEGER, "column" TEXT, "value" TEXT, "count" INTEGER)
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + EXCLUDED."count";
  DELETE FROM "CoverageValueCount" v WHERE v."count" <= 0 AND (v."owner", v."parentId", v."column", v."value") IN
    (SELECT c."owner", c."parentId", c."column", c."value"
     FROM jsonb_to_recordset(counted) AS c("owner" TEXT, "parentId" INTEGER, "column" TEXT, "value" TEXT, "count" INTEGER));
END $$;

-- The values of coverage rows (JSON rows with "articleId" and the parent's column `key`), counted
-- per parent, column and value, of the articles that are there.
CREATE FUNCTION "coverage_values_of"(owner TEXT, key TEXT, rows JSONB) RETURNS JSONB LANGUAGE sql AS $$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('owner', owner, 'parentId', p, 'column', col, 'value', v, 'count', n)), '[]'::jsonb)
  FROM (
    SELECT CAST(r->>key AS INTEGER) AS p, 'language' AS col, a."language" AS v, COUNT(*) AS n
      FROM jsonb_array_elements(rows) r JOIN "Article" a ON a."id" = CAST(r->>'articleId' AS INTEGER) GROUP BY 1, 3
    UNION ALL SELECT CAST(r->>key AS INTEGER), 'site', CAST(a."site" AS TEXT), COUNT(*)
      FROM jsonb_array_elements(rows) r JOIN "Article" a ON a."id" = CAST(r->>'articleId' AS INTEGER) GROUP BY 1, 3
  ) AS counted
$$;

-- Coverage rows added or removed (TG_ARGV: the owner and the parent's column).
CREATE FUNCTION "count_coverage_values_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_coverage_values"(1, "coverage_values_of"(TG_ARGV[0], TG_ARGV[1], (SELECT COALESCE(jsonb_agg(to_jsonb(n)), '[]') FROM new_rows n)));
  RETURN NULL;
END $$;
CREATE FUNCTION "count_coverage_values_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_coverage_values"(-1, "coverage_values_of"(TG_ARGV[0], TG_ARGV[1], (SELECT COALESCE(jsonb_agg(to_jsonb(o)), '[]') FROM old_rows o)));
  RETURN NULL;
END $$;
CREATE TRIGGER "ArticleOrganization_value_count_insert" AFTER INSERT ON "ArticleOrganization" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_inserted"('organization', 'organizationId');
CREATE TRIGGER "ArticleOrganization_value_count_delete" AFTER DELETE ON "ArticleOrganization" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_deleted"('organization', 'organizationId');
CREATE TRIGGER "ArticleModel_value_count_insert" AFTER INSERT ON "ArticleModel" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_inserted"('model', 'modelId');
CREATE TRIGGER "ArticleModel_value_count_delete" AFTER DELETE ON "ArticleModel" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_deleted"('model', 'modelId');
CREATE TRIGGER "ArticleTopic_value_count_insert" AFTER INSERT ON "ArticleTopic" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_inserted"('topic', 'topicId');
CREATE TRIGGER "ArticleTopic_value_count_delete" AFTER DELETE ON "ArticleTopic" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_coverage_values_deleted"('topic', 'topicId');

-- One article's parents with its values of language and site (`article` as JSON: "id", "language",
-- "site"), read while its coverage rows are there.
CREATE FUNCTION "article_coverage_values"(article JSONB) RETURNS JSONB LANGUAGE sql AS $$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('owner', p."owner", 'parentId', p."parentId", 'column', v."column", 'value', v."value", 'count', 1)), '[]'::jsonb)
  FROM (
    SELECT 'organization' AS "owner", "organizationId" AS "parentId" FROM "ArticleOrganization" WHERE "articleId" = CAST(article->>'id' AS INTEGER)
    UNION ALL SELECT 'model', "modelId" FROM "ArticleModel" WHERE "articleId" = CAST(article->>'id' AS INTEGER)
    UNION ALL SELECT 'topic', "topicId" FROM "ArticleTopic" WHERE "articleId" = CAST(article->>'id' AS INTEGER)
  ) AS p CROSS JOIN (VALUES ('language', article->>'language'), ('site', article->>'site')) AS v("column", "value")
$$;

-- Before an article goes: its coverage rows, deleted with it, no longer find it.
CREATE FUNCTION "count_article_coverage_values_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_coverage_values"(-1, "article_coverage_values"(to_jsonb(OLD)));
  RETURN OLD;
END $$;
CREATE TRIGGER "Article_value_count_delete" BEFORE DELETE ON "Article"
  FOR EACH ROW EXECUTE FUNCTION "count_article_coverage_values_deleted"();

CREATE FUNCTION "count_article_coverage_values_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "count_coverage_values"(-1, "article_coverage_values"(to_jsonb(OLD)));
  PERFORM "count_coverage_values"(1, "article_coverage_values"(to_jsonb(NEW)));
  RETURN NULL;
END $$;
CREATE TRIGGER "Article_value_count_update" AFTER UPDATE OF "language", "site" ON "Article"
  FOR EACH ROW WHEN (OLD."language" IS DISTINCT FROM NEW."language" OR OLD."site" IS DISTINCT FROM NEW."site")
  EXECUTE FUNCTION "count_article_coverage_values_updated"();
