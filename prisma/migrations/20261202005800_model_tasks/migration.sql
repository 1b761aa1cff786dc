-- CreateTable
CREATE TABLE "ModelTask" (
    "modelId" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sourceId" INTEGER,

    PRIMARY KEY ("modelId", "task"),
    CONSTRAINT "ModelTask_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelTask_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModelTask_key_idx" ON "ModelTask"("key");
