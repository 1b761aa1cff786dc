-- CreateIndex
CREATE INDEX "Revision_entityType_entityKey_idx" ON "Revision"("entityType", "entityKey");
