-- Written by hand (triggers are outside what the Prisma schema describes).
--
-- The kept counts (the migrations overview_counts, model_coverage_counts,
-- country_model_facet_counts) follow the inserts and deletes of the link tables, not changes of
-- the columns that say what a row links: a merge that moved a model's edges by updating them left
-- every organization's and country's reach wrong. Such an update is refused here, whoever writes
-- it; a row that links something else is deleted and inserted anew (as merges now do).

CREATE FUNCTION "refuse_link_key_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: % are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)',
    TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER "ArticleAuthor_count_keys" BEFORE UPDATE OF "articleId", "personId" ON "ArticleAuthor" FOR EACH ROW
  WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId" OR OLD."personId" IS DISTINCT FROM NEW."personId") EXECUTE FUNCTION "refuse_link_key_change"('articleId and personId');
CREATE TRIGGER "ArticleModel_count_keys" BEFORE UPDATE OF "articleId", "modelId" ON "ArticleModel" FOR EACH ROW
  WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId" OR OLD."modelId" IS DISTINCT FROM NEW."modelId") EXECUTE FUNCTION "refuse_link_key_change"('articleId and modelId');
CREATE TRIGGER "ArticleOrganization_count_keys" BEFORE UPDATE OF "articleId", "organizationId" ON "ArticleOrganization" FOR EACH ROW
  WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId" OR OLD."organizationId" IS DISTINCT FROM NEW."organizationId") EXECUTE FUNCTION "refuse_link_key_change"('articleId and organizationId');
CREATE TRIGGER "ArticleTopic_count_keys" BEFORE UPDATE OF "articleId", "topicId" ON "ArticleTopic" FOR EACH ROW
  WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId" OR OLD."topicId" IS DISTINCT FROM NEW."topicId") EXECUTE FUNCTION "refuse_link_key_change"('articleId and topicId');
CREATE TRIGGER "ModelDataset_count_keys" BEFORE UPDATE OF "modelId", "datasetId" ON "ModelDataset" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."datasetId" IS DISTINCT FROM NEW."datasetId") EXECUTE FUNCTION "refuse_link_key_change"('modelId and datasetId');
CREATE TRIGGER "ModelDeveloper_count_keys" BEFORE UPDATE OF "modelId", "organizationId" ON "ModelDeveloper" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."organizationId" IS DISTINCT FROM NEW."organizationId") EXECUTE FUNCTION "refuse_link_key_change"('modelId and organizationId');
CREATE TRIGGER "ModelDomain_count_keys" BEFORE UPDATE OF "modelId", "domain" ON "ModelDomain" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."domain" IS DISTINCT FROM NEW."domain") EXECUTE FUNCTION "refuse_link_key_change"('modelId and domain');
CREATE TRIGGER "ModelHardware_count_keys" BEFORE UPDATE OF "modelId", "hardwareId" ON "ModelHardware" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."hardwareId" IS DISTINCT FROM NEW."hardwareId") EXECUTE FUNCTION "refuse_link_key_change"('modelId and hardwareId');
CREATE TRIGGER "ModelTask_count_keys" BEFORE UPDATE OF "modelId", "task" ON "ModelTask" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."task" IS DISTINCT FROM NEW."task") EXECUTE FUNCTION "refuse_link_key_change"('modelId and task');
CREATE TRIGGER "ModelTopic_count_keys" BEFORE UPDATE OF "modelId", "topicId" ON "ModelTopic" FOR EACH ROW
  WHEN (OLD."modelId" IS DISTINCT FROM NEW."modelId" OR OLD."topicId" IS DISTINCT FROM NEW."topicId") EXECUTE FUNCTION "refuse_link_key_change"('modelId and topicId');
