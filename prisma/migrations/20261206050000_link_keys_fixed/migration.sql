-- Written by hand (triggers are outside what the Prisma schema describes).
--
-- The kept counts (the migrations overview_counts, model_coverage_counts,
-- country_model_facet_counts) follow the inserts and deletes of the link tables, not changes of
-- the columns that say what a row links: a merge that moved a model's edges by updating them left
-- every organization's and country's reach wrong. Such an update is refused here, whoever writes
-- it; a row that links something else is deleted and inserted anew (as merges now do).

CREATE TRIGGER "ArticleAuthor_count_keys" BEFORE UPDATE OF "articleId", "personId" ON "ArticleAuthor"
WHEN OLD."articleId" IS NOT NEW."articleId" OR OLD."personId" IS NOT NEW."personId" BEGIN
  SELECT RAISE(ABORT, 'ArticleAuthor: articleId and personId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ArticleModel_count_keys" BEFORE UPDATE OF "articleId", "modelId" ON "ArticleModel"
WHEN OLD."articleId" IS NOT NEW."articleId" OR OLD."modelId" IS NOT NEW."modelId" BEGIN
  SELECT RAISE(ABORT, 'ArticleModel: articleId and modelId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ArticleOrganization_count_keys" BEFORE UPDATE OF "articleId", "organizationId" ON "ArticleOrganization"
WHEN OLD."articleId" IS NOT NEW."articleId" OR OLD."organizationId" IS NOT NEW."organizationId" BEGIN
  SELECT RAISE(ABORT, 'ArticleOrganization: articleId and organizationId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ArticleTopic_count_keys" BEFORE UPDATE OF "articleId", "topicId" ON "ArticleTopic"
WHEN OLD."articleId" IS NOT NEW."articleId" OR OLD."topicId" IS NOT NEW."topicId" BEGIN
  SELECT RAISE(ABORT, 'ArticleTopic: articleId and topicId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelDataset_count_keys" BEFORE UPDATE OF "modelId", "datasetId" ON "ModelDataset"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."datasetId" IS NOT NEW."datasetId" BEGIN
  SELECT RAISE(ABORT, 'ModelDataset: modelId and datasetId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelDeveloper_count_keys" BEFORE UPDATE OF "modelId", "organizationId" ON "ModelDeveloper"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."organizationId" IS NOT NEW."organizationId" BEGIN
  SELECT RAISE(ABORT, 'ModelDeveloper: modelId and organizationId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelDomain_count_keys" BEFORE UPDATE OF "modelId", "domain" ON "ModelDomain"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."domain" IS NOT NEW."domain" BEGIN
  SELECT RAISE(ABORT, 'ModelDomain: modelId and domain are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelHardware_count_keys" BEFORE UPDATE OF "modelId", "hardwareId" ON "ModelHardware"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."hardwareId" IS NOT NEW."hardwareId" BEGIN
  SELECT RAISE(ABORT, 'ModelHardware: modelId and hardwareId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelTask_count_keys" BEFORE UPDATE OF "modelId", "task" ON "ModelTask"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."task" IS NOT NEW."task" BEGIN
  SELECT RAISE(ABORT, 'ModelTask: modelId and task are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
CREATE TRIGGER "ModelTopic_count_keys" BEFORE UPDATE OF "modelId", "topicId" ON "ModelTopic"
WHEN OLD."modelId" IS NOT NEW."modelId" OR OLD."topicId" IS NOT NEW."topicId" BEGIN
  SELECT RAISE(ABORT, 'ModelTopic: modelId and topicId are not changed in place: delete the row and insert the new one (the kept counts follow inserts and deletes)');
END;
