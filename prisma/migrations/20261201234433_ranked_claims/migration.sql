-- AlterTable
ALTER TABLE "Model" ADD COLUMN "releaseDatePrecision" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Claim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "modelId" INTEGER NOT NULL,
    "property" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "locator" TEXT,
    "quote" TEXT,
    "confidence" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "note" TEXT,
    "rank" TEXT NOT NULL DEFAULT 'NORMAL',
    "rankReason" TEXT,
    "assertedRank" TEXT,
    "assertedReason" TEXT,
    CONSTRAINT "Claim_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("confidence", "createdAt", "id", "locator", "modelId", "note", "property", "quote", "sourceId", "updatedAt", "value") SELECT "confidence", "createdAt", "id", "locator", "modelId", "note", "property", "quote", "sourceId", "updatedAt", "value" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_sourceId_idx" ON "Claim"("sourceId");
CREATE INDEX "Claim_property_modelId_idx" ON "Claim"("property", "modelId");
CREATE UNIQUE INDEX "Claim_modelId_property_sourceId_key" ON "Claim"("modelId", "property", "sourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
