-- Each model's coverage rows, kept like the organizations', topics' and authors' ('model' in
-- ArticleFacetCount): a model's `articles { totalCount }` reads one row instead of counting its
-- coverage (a model covered by 220,000 articles: about 20 ms at a million articles).
INSERT INTO "ArticleFacetCount" ("facet", "value", "count")
SELECT 'model', CAST("modelId" AS TEXT), COUNT(*) FROM "ArticleModel" GROUP BY "modelId";

CREATE TRIGGER "ArticleModel_facet_insert" AFTER INSERT ON "ArticleModel" BEGIN
  INSERT INTO "ArticleFacetCount" ("facet", "value", "count") SELECT 'model', CAST(NEW."modelId" AS TEXT), 1 WHERE CAST(NEW."modelId" AS TEXT) IS NOT NULL
    ON CONFLICT ("facet", "value") DO UPDATE SET "count" = "ArticleFacetCount"."count" + 1;
END;
CREATE TRIGGER "ArticleModel_facet_delete" AFTER DELETE ON "ArticleModel" BEGIN
  UPDATE "ArticleFacetCount" SET "count" = "count" - 1 WHERE "facet" = 'model' AND "value" = CAST(OLD."modelId" AS TEXT);
  DELETE FROM "ArticleFacetCount" WHERE "facet" = 'model' AND "value" = CAST(OLD."modelId" AS TEXT) AND "count" = 0;
END;
