-- CreateTable
CREATE TABLE "Revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "entityKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "revertOf" INTEGER
);

-- Each entity's version (written by hand as ADD COLUMN: no table is rebuilt).
ALTER TABLE "Organization" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Model" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Topic" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Article" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Source" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Revision_actor_id_idx" ON "Revision"("actor", "id");

-- CreateIndex
CREATE INDEX "Revision_entityType_id_idx" ON "Revision"("entityType", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_entityType_entityId_version_key" ON "Revision"("entityType", "entityId", "version");
