-- The facets of each country's models, counted once per change instead of at every read (the
-- SQLite migration of the same name says why and how). Marking is idempotent: no trigger order,
-- cascade order or statement visibility (a row trigger here sees its whole statement's rows) can
-- make a count wrong.
CREATE TABLE "CountryModelFacetCount" (
    "country" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CountryModelFacetCount_pkey" PRIMARY KEY ("country","facet","value")
);

CREATE TABLE "CountryModelFacetStale" (
    "country" TEXT NOT NULL,

    CONSTRAINT "CountryModelFacetStale_pkey" PRIMARY KEY ("country")
);

-- Every country is counted by the first write (or start) after this migration.
INSERT INTO "CountryModelFacetStale" ("country") SELECT DISTINCT "country" FROM "CountryModel";

-- Marks the countries of the model a row belongs to (and, for a model leaving a country, that country).
CREATE FUNCTION "mark_country_model_facets"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  model_id integer;
BEGIN
  IF TG_TABLE_NAME = 'Model' THEN
    model_id := NEW."id";
  ELSIF TG_OP = 'DELETE' THEN
    model_id := OLD."modelId";
  ELSE
    model_id := NEW."modelId";
  END IF;
  INSERT INTO "CountryModelFacetStale" ("country")
    SELECT c."country" FROM "CountryModel" c WHERE c."modelId" = model_id ON CONFLICT DO NOTHING;
  IF TG_TABLE_NAME = 'CountryModel' AND TG_OP = 'DELETE' THEN
    INSERT INTO "CountryModelFacetStale" ("country") VALUES (OLD."country") ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "CountryModel_facet_stale" AFTER INSERT OR DELETE ON "CountryModel" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "Model_facet_stale" AFTER UPDATE OF "family", "releaseDate" ON "Model" FOR EACH ROW
  WHEN (OLD."family" IS DISTINCT FROM NEW."family" OR OLD."releaseDate" IS DISTINCT FROM NEW."releaseDate")
  EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelDeveloper_facet_stale" AFTER INSERT OR DELETE ON "ModelDeveloper" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelTopic_facet_stale" AFTER INSERT OR DELETE ON "ModelTopic" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelDomain_facet_stale" AFTER INSERT OR DELETE ON "ModelDomain" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelTask_facet_stale" AFTER INSERT OR DELETE ON "ModelTask" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelHardware_facet_stale" AFTER INSERT OR DELETE ON "ModelHardware" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
CREATE TRIGGER "ModelDataset_facet_stale" AFTER INSERT OR DELETE ON "ModelDataset" FOR EACH ROW EXECUTE FUNCTION "mark_country_model_facets"();
