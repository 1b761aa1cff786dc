-- Every search document also keeps its "grams": its CJK characters and pairs of adjacent ones, as
-- words (" 百 度 百度 "; src/domain/search-grams.ts). A query of one or two such characters (百度,
-- 悟道), which no trigram can look up, is found as " 百度 " in the grams, three characters and more,
-- through their trigram index instead of reading every document.
--
-- The documents are emptied, not converted (their grams are computed in JavaScript): the server
-- rebuilds an empty index over a non-empty graph on start (seed/prepare.ts).
TRUNCATE "SearchDocument";

-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "grams" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "SearchDocument_grams_trgm_idx" ON "SearchDocument" USING GIN ("grams" gin_trgm_ops);
