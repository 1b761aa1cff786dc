/**
 * What the search index holds for each entity, the same on every database: one document per
 * name, Chinese name, slug and alias (with their folded form appended, so that "wudao" finds
 * "Wu Dao 2.0"), and per title, summary, excerpt, description and family. Read with Prisma's
 * query API; each store writes the documents and indexes them its own way (src/db/sqlite/).
 */

import { normalizeName } from '../domain/normalize.js';
import { BATCH_SIZE } from './batch.js';
import type { SearchDocument, SearchEntityType, SearchField, StoreExecutor } from './store.js';

/** A name indexed as written and, when different, folded: "Wu Dao 2.0 wudao2.0". */
export function withFolded(text: string): string {
  const folded = normalizeName(text);
  return folded && folded !== text.toLowerCase() ? `${text} ${folded}` : text;
}

/** Collects the documents of entities, in field order, skipping absent (null) texts, and the ids of the entities. */
function collector(entityType: SearchEntityType, documents: SearchDocument[], ids: number[]) {
  return (entityId: number, field: SearchField, text: string | null, fold = false) => {
    if (ids.at(-1) !== entityId) ids.push(entityId);
    if (text != null) documents.push({ entityType, entityId, field, text: fold ? withFolded(text) : text });
  };
}

/**
 * The columns each entity's documents are made from (besides aliases, which have their own table):
 * a write that changes none of them leaves the entity's documents as they are.
 */
const SEARCHED = {
  ORGANIZATION: { name: true, nameZh: true, slug: true, description: true },
  MODEL: { name: true, nameZh: true, slug: true, description: true, family: true },
  TOPIC: { name: true, nameZh: true, slug: true, description: true },
  PERSON: { name: true, nameZh: true },
  ARTICLE: { title: true, summary: true, excerpt: true },
} as const satisfies Record<SearchEntityType, Record<string, true>>;

/** Whether a document of an entity of this type is made from the column `field`. */
export function isSearched(type: SearchEntityType, field: string): boolean {
  return Object.hasOwn(SEARCHED[type], field);
}

/** Which rows of a table to read: these ids, or the next page of `take` rows after the id `after`. */
type Rows = { where: { id: { in: number[] } | { gt: number } }; take?: number };

/**
 * Reads the documents of the rows `rows` selects from the table of `type`, by entity id; answers
 * them with the ids of the rows read.
 */
async function readDocuments(
  db: StoreExecutor,
  type: SearchEntityType,
  rows: Rows,
): Promise<{ documents: SearchDocument[]; ids: number[] }> {
  const query = { ...rows, orderBy: { id: 'asc' as const } };
  const ids: number[] = [];
  const aliases = { select: { alias: true }, orderBy: { id: 'asc' as const } };
  const documents: SearchDocument[] = [];
  const add = collector(type, documents, ids);
  switch (type) {
    case 'ORGANIZATION':
      for (const row of await db.organization.findMany({
        ...query,
        select: { id: true, ...SEARCHED.ORGANIZATION, aliases },
      })) {
        add(row.id, 'NAME', row.name, true);
        add(row.id, 'NAME_ZH', row.nameZh, true);
        add(row.id, 'SLUG', row.slug, true);
        for (const { alias } of row.aliases) add(row.id, 'ALIAS', alias, true);
        add(row.id, 'DESCRIPTION', row.description);
      }
      break;
    case 'MODEL':
      for (const row of await db.model.findMany({
        ...query,
        select: { id: true, ...SEARCHED.MODEL, aliases },
      })) {
        add(row.id, 'NAME', row.name, true);
        add(row.id, 'NAME_ZH', row.nameZh, true);
        add(row.id, 'SLUG', row.slug, true);
        for (const { alias } of row.aliases) add(row.id, 'ALIAS', alias, true);
        add(row.id, 'DESCRIPTION', row.description);
        add(row.id, 'FAMILY', row.family);
      }
      break;
    case 'TOPIC':
      for (const row of await db.topic.findMany({
        ...query,
        select: { id: true, ...SEARCHED.TOPIC },
      })) {
        add(row.id, 'NAME', row.name, true);
        add(row.id, 'NAME_ZH', row.nameZh, true);
        add(row.id, 'SLUG', row.slug, true);
        add(row.id, 'DESCRIPTION', row.description);
      }
      break;
    case 'PERSON':
      for (const row of await db.person.findMany({
        ...query,
        select: { id: true, ...SEARCHED.PERSON },
      })) {
        // A person's slug is their name, written as a slug: the name finds it.
        add(row.id, 'NAME', row.name, true);
        add(row.id, 'NAME_ZH', row.nameZh, true);
      }
      break;
    case 'ARTICLE':
      for (const row of await db.article.findMany({
        ...query,
        select: { id: true, ...SEARCHED.ARTICLE },
      })) {
        add(row.id, 'TITLE', row.title);
        add(row.id, 'SUMMARY', row.summary);
        add(row.id, 'EXCERPT', row.excerpt);
      }
      break;
  }
  return { documents, ids };
}

/**
 * The documents of the entities of one kind with these ids, by entity id; ids that name no row
 * have none. Two statements for organizations and models (their rows, their aliases), one for
 * topics and articles; callers keep `ids` within `BATCH_SIZE`.
 */
export function searchDocumentsOf(
  db: StoreExecutor,
  type: SearchEntityType,
  ids: readonly number[],
): Promise<SearchDocument[]> {
  return readDocuments(db, type, { where: { id: { in: [...ids] } } }).then((read) => read.documents);
}

/**
 * The documents of the entities of one kind after the id `after`, the next `BATCH_SIZE` of them
 * by id (a single `IN` list of every alias owner would pass the database's parameter limit), with
 * the ids of the entities read: fewer than `BATCH_SIZE` ids means no entity follows.
 */
export function searchDocumentPage(
  db: StoreExecutor,
  type: SearchEntityType,
  after: number,
): Promise<{ documents: SearchDocument[]; ids: number[] }> {
  return readDocuments(db, type, { where: { id: { gt: after } }, take: BATCH_SIZE });
}
