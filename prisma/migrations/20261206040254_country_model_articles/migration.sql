-- Written by hand from the schema's diff (two columns added in place: Prisma's diff redefines
-- both tables, which drops the triggers on them and copies every row).
--
-- Each country's articles that cover one of its models, kept like each organization's
-- (`OrganizationArticle."viaModels"`, `OrganizationCount."modelArticles"`): `articles(filter:
-- { coversModelOf: { country: "CN" } })` reads its page and its count from these rows instead of
-- testing every article (its totalCount took 1.35 s at a million articles).
--
-- `CountryArticle."viaModels"`: how many organizations of the country the article reaches through
-- one of their models (the rows of OrganizationArticle with "viaModels" > 0);
-- `CountryCount."modelArticles"`: how many of the country's articles have it above 0.
ALTER TABLE "CountryArticle" ADD COLUMN "viaModels" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CountryCount" ADD COLUMN "modelArticles" INTEGER NOT NULL DEFAULT 0;

UPDATE "CountryArticle" SET "viaModels" = v."organizations"
FROM (SELECT o."country" AS "country", r."articleId" AS "articleId", COUNT(*) AS "organizations"
      FROM "OrganizationArticle" r JOIN "Organization" o ON o."id" = r."organizationId"
      WHERE r."viaModels" > 0 AND o."country" IS NOT NULL GROUP BY o."country", r."articleId") AS v
WHERE v."country" = "CountryArticle"."country" AND v."articleId" = "CountryArticle"."articleId";

UPDATE "CountryCount" SET "modelArticles" =
  (SELECT COUNT(*) FROM "CountryArticle" x WHERE x."country" = "CountryCount"."country" AND x."viaModels" > 0);

-- The triggers of the migration overview_counts that write CountryArticle, again, with its new column.
DROP TRIGGER "Organization_count_before_delete";
CREATE TRIGGER "Organization_count_before_delete" BEFORE DELETE ON "Organization" WHEN OLD."country" IS NOT NULL BEGIN
  UPDATE "CountryCount" SET "organizations" = "organizations" - 1 WHERE "country" = OLD."country";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1,
    "viaModels" = "viaModels" - (SELECT r."viaModels" > 0 FROM "OrganizationArticle" r
                                 WHERE r."organizationId" = OLD."id" AND r."articleId" = "CountryArticle"."articleId")
  WHERE "country" = OLD."country"
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryArticle" WHERE "country" = OLD."country" AND "paths" = 0
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  UPDATE "CountryModel" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryModel" WHERE "country" = OLD."country" AND "paths" = 0
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
END;

DROP TRIGGER "Organization_count_country";
CREATE TRIGGER "Organization_count_country" AFTER UPDATE OF "country" ON "Organization"
WHEN OLD."country" IS NOT NEW."country" BEGIN
  UPDATE "CountryCount" SET "organizations" = "organizations" - 1 WHERE "country" = OLD."country";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1,
    "viaModels" = "viaModels" - (SELECT r."viaModels" > 0 FROM "OrganizationArticle" r
                                 WHERE r."organizationId" = OLD."id" AND r."articleId" = "CountryArticle"."articleId")
  WHERE "country" = OLD."country"
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryArticle" WHERE "country" = OLD."country" AND "paths" = 0
    AND "articleId" IN (SELECT "articleId" FROM "OrganizationArticle" WHERE "organizationId" = OLD."id");
  UPDATE "CountryModel" SET "paths" = "paths" - 1 WHERE "country" = OLD."country"
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  DELETE FROM "CountryModel" WHERE "country" = OLD."country" AND "paths" = 0
    AND "modelId" IN (SELECT "modelId" FROM "ModelDeveloper" WHERE "organizationId" = OLD."id");
  INSERT INTO "CountryCount" ("country", "organizations", "models", "articles") SELECT NEW."country", 1, 0, 0 WHERE NEW."country" IS NOT NULL
    ON CONFLICT ("country") DO UPDATE SET "organizations" = "CountryCount"."organizations" + 1;
  INSERT INTO "CountryArticle" ("country", "articleId", "paths", "viaModels")
    SELECT NEW."country", "articleId", 1, "viaModels" > 0 FROM "OrganizationArticle" WHERE "organizationId" = NEW."id" AND NEW."country" IS NOT NULL
    ON CONFLICT ("country", "articleId") DO UPDATE
    SET "paths" = "CountryArticle"."paths" + 1, "viaModels" = "CountryArticle"."viaModels" + excluded."viaModels";
  INSERT INTO "CountryModel" ("country", "modelId", "paths")
    SELECT NEW."country", "modelId", 1 FROM "ModelDeveloper" WHERE "organizationId" = NEW."id" AND NEW."country" IS NOT NULL
    ON CONFLICT ("country", "modelId") DO UPDATE SET "paths" = "CountryModel"."paths" + 1;
END;

DROP TRIGGER "OrganizationArticle_count_insert";
CREATE TRIGGER "OrganizationArticle_count_insert" AFTER INSERT ON "OrganizationArticle" BEGIN
  UPDATE "OrganizationCount" SET "articles" = "articles" + 1,
    "modelArticles" = "modelArticles" + (NEW."viaModels" > 0) WHERE "organizationId" = NEW."organizationId";
  INSERT INTO "CountryArticle" ("country", "articleId", "paths", "viaModels")
    SELECT "country", NEW."articleId", 1, NEW."viaModels" > 0 FROM "Organization" WHERE "id" = NEW."organizationId" AND "country" IS NOT NULL
    ON CONFLICT ("country", "articleId") DO UPDATE
    SET "paths" = "CountryArticle"."paths" + 1, "viaModels" = "CountryArticle"."viaModels" + excluded."viaModels";
END;

DROP TRIGGER "OrganizationArticle_count_delete";
CREATE TRIGGER "OrganizationArticle_count_delete" AFTER DELETE ON "OrganizationArticle" BEGIN
  UPDATE "OrganizationCount" SET "articles" = "articles" - 1,
    "modelArticles" = "modelArticles" - (OLD."viaModels" > 0) WHERE "organizationId" = OLD."organizationId";
  UPDATE "CountryArticle" SET "paths" = "paths" - 1, "viaModels" = "viaModels" - (OLD."viaModels" > 0)
  WHERE "articleId" = OLD."articleId" AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
  DELETE FROM "CountryArticle" WHERE "articleId" = OLD."articleId" AND "paths" = 0
    AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = OLD."organizationId");
END;

-- An article reaching an organization through its models for the first time, or no longer: for
-- the organization, and for its country.
DROP TRIGGER "OrganizationArticle_count_update";
CREATE TRIGGER "OrganizationArticle_count_update" AFTER UPDATE OF "viaModels" ON "OrganizationArticle"
WHEN (OLD."viaModels" > 0) <> (NEW."viaModels" > 0) BEGIN
  UPDATE "OrganizationCount" SET "modelArticles" = "modelArticles" + (NEW."viaModels" > 0) - (OLD."viaModels" > 0)
  WHERE "organizationId" = NEW."organizationId";
  UPDATE "CountryArticle" SET "viaModels" = "viaModels" + (NEW."viaModels" > 0) - (OLD."viaModels" > 0)
  WHERE "articleId" = NEW."articleId" AND "country" = (SELECT "country" FROM "Organization" WHERE "id" = NEW."organizationId");
END;

-- The country's count of articles covering its models.
DROP TRIGGER "CountryArticle_count_insert";
CREATE TRIGGER "CountryArticle_count_insert" AFTER INSERT ON "CountryArticle" BEGIN
  UPDATE "CountryCount" SET "articles" = "articles" + 1, "modelArticles" = "modelArticles" + (NEW."viaModels" > 0)
  WHERE "country" = NEW."country";
END;
DROP TRIGGER "CountryArticle_count_delete";
CREATE TRIGGER "CountryArticle_count_delete" AFTER DELETE ON "CountryArticle" BEGIN
  UPDATE "CountryCount" SET "articles" = "articles" - 1, "modelArticles" = "modelArticles" - (OLD."viaModels" > 0)
  WHERE "country" = OLD."country";
END;
CREATE TRIGGER "CountryArticle_count_update" AFTER UPDATE OF "viaModels" ON "CountryArticle"
WHEN (OLD."viaModels" > 0) <> (NEW."viaModels" > 0) BEGIN
  UPDATE "CountryCount" SET "modelArticles" = "modelArticles" + (NEW."viaModels" > 0) - (OLD."viaModels" > 0)
  WHERE "country" = NEW."country";
END;
