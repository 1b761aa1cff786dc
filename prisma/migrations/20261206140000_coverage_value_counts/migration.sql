-- Each organization's, model's and topic's coverage rows per language and per site of the article:
-- a parent's `articles(filter: { language: "en" }) { totalCount }` (or one site) reads one row
-- instead of joining all its coverage rows to the articles (Meta's English articles at a million:
-- 71 ms). `owner` names the parent's kind, `parentId` its id, `column` the article's column.
-- The triggers keep them as the coverage rows and the articles change: a coverage row added or
-- removed counts its article's values (an article being deleted is no longer there to be read:
-- its rows are counted out before it goes, by the article's own trigger); an article's language
-- or site changed moves its parents' counts.
CREATE TABLE "CoverageValueCount" (
    "owner" TEXT NOT NULL,
    "parentId" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("owner", "parentId", "column", "value")
);

INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
SELECT 'organization', c."organizationId", 'language', CAST(a."language" AS TEXT), COUNT(*) FROM "ArticleOrganization" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."organizationId", a."language"
UNION ALL
SELECT 'organization', c."organizationId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleOrganization" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."organizationId", a."site";

INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
SELECT 'model', c."modelId", 'language', CAST(a."language" AS TEXT), COUNT(*) FROM "ArticleModel" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."modelId", a."language"
UNION ALL
SELECT 'model', c."modelId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleModel" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."modelId", a."site";

INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
SELECT 'topic', c."topicId", 'language', CAST(a."language" AS TEXT), COUNT(*) FROM "ArticleTopic" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."topicId", a."language"
UNION ALL
SELECT 'topic', c."topicId", 'site', CAST(a."site" AS TEXT), COUNT(*) FROM "ArticleTopic" c JOIN "Article" a ON a."id" = c."articleId" GROUP BY c."topicId", a."site";

CREATE TRIGGER "ArticleOrganization_value_count_insert" AFTER INSERT ON "ArticleOrganization" BEGIN
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'organization', NEW."organizationId", 'language', CAST(a."language" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'organization', NEW."organizationId", 'site', CAST(a."site" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
END;
-- (No article: it is being deleted, and Article_value_count_delete counted its rows out.)
CREATE TRIGGER "ArticleOrganization_value_count_delete" AFTER DELETE ON "ArticleOrganization" BEGIN
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "parentId" = OLD."organizationId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "parentId" = OLD."organizationId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "parentId" = OLD."organizationId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "parentId" = OLD."organizationId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
END;

CREATE TRIGGER "ArticleModel_value_count_insert" AFTER INSERT ON "ArticleModel" BEGIN
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'model', NEW."modelId", 'language', CAST(a."language" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'model', NEW."modelId", 'site', CAST(a."site" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
END;
-- (No article: it is being deleted, and Article_value_count_delete counted its rows out.)
CREATE TRIGGER "ArticleModel_value_count_delete" AFTER DELETE ON "ArticleModel" BEGIN
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "parentId" = OLD."modelId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "parentId" = OLD."modelId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "parentId" = OLD."modelId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "parentId" = OLD."modelId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
END;

CREATE TRIGGER "ArticleTopic_value_count_insert" AFTER INSERT ON "ArticleTopic" BEGIN
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'topic', NEW."topicId", 'language', CAST(a."language" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'topic', NEW."topicId", 'site', CAST(a."site" AS TEXT), 1 FROM "Article" a WHERE a."id" = NEW."articleId"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
END;
-- (No article: it is being deleted, and Article_value_count_delete counted its rows out.)
CREATE TRIGGER "ArticleTopic_value_count_delete" AFTER DELETE ON "ArticleTopic" BEGIN
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "parentId" = OLD."topicId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "parentId" = OLD."topicId" AND "column" = 'language' AND "value" = (SELECT CAST("language" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "parentId" = OLD."topicId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "parentId" = OLD."topicId" AND "column" = 'site' AND "value" = (SELECT CAST("site" AS TEXT) FROM "Article" WHERE "id" = OLD."articleId") AND "count" <= 0;
END;

-- Before the article goes: its coverage rows, deleted with it, can no longer read its values.
CREATE TRIGGER "Article_value_count_delete" BEFORE DELETE ON "Article" BEGIN
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = OLD."id") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = OLD."id") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = OLD."id") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = OLD."id") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = OLD."id") AND "count" <= 0;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = OLD."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = OLD."id") AND "count" <= 0;
END;

CREATE TRIGGER "Article_value_count_update" AFTER UPDATE OF "language", "site" ON "Article"
WHEN OLD."language" IS NOT NEW."language" OR OLD."site" IS NOT NEW."site" BEGIN
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'organization', "organizationId", 'language', CAST(NEW."language" AS TEXT), 1 FROM "ArticleOrganization" WHERE "articleId" = NEW."id" AND OLD."language" IS NOT NEW."language"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'organization' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'organization' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "organizationId" FROM "ArticleOrganization" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'organization', "organizationId", 'site', CAST(NEW."site" AS TEXT), 1 FROM "ArticleOrganization" WHERE "articleId" = NEW."id" AND OLD."site" IS NOT NEW."site"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'model', "modelId", 'language', CAST(NEW."language" AS TEXT), 1 FROM "ArticleModel" WHERE "articleId" = NEW."id" AND OLD."language" IS NOT NEW."language"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'model' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'model' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "modelId" FROM "ArticleModel" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'model', "modelId", 'site', CAST(NEW."site" AS TEXT), 1 FROM "ArticleModel" WHERE "articleId" = NEW."id" AND OLD."site" IS NOT NEW."site"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "column" = 'language' AND "value" = CAST(OLD."language" AS TEXT)
    AND OLD."language" IS NOT NEW."language" AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'topic', "topicId", 'language', CAST(NEW."language" AS TEXT), 1 FROM "ArticleTopic" WHERE "articleId" = NEW."id" AND OLD."language" IS NOT NEW."language"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
  UPDATE "CoverageValueCount" SET "count" = "count" - 1 WHERE "owner" = 'topic' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = NEW."id");
  DELETE FROM "CoverageValueCount" WHERE "owner" = 'topic' AND "column" = 'site' AND "value" = CAST(OLD."site" AS TEXT)
    AND OLD."site" IS NOT NEW."site" AND "parentId" IN (SELECT "topicId" FROM "ArticleTopic" WHERE "articleId" = NEW."id") AND "count" <= 0;
  INSERT INTO "CoverageValueCount" ("owner", "parentId", "column", "value", "count")
    SELECT 'topic', "topicId", 'site', CAST(NEW."site" AS TEXT), 1 FROM "ArticleTopic" WHERE "articleId" = NEW."id" AND OLD."site" IS NOT NEW."site"
    ON CONFLICT ("owner", "parentId", "column", "value") DO UPDATE SET "count" = "CoverageValueCount"."count" + 1;
END;
