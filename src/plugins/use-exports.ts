/**
 * `GET /export/...`: the graph in the formats others' tools read (src/export/formats.ts), the same
 * files `npm run export` writes. `GET /export` lists them. An export reads the whole graph, so
 * one is built once per state of the graph (the id of its latest revision: every write records
 * one) and served from memory until the graph changes; requests still pass the rate limit first.
 */
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import { EXPORT_FORMATS, type ExportFile, exportFiles } from '../export/formats.js';
import { readGraphTables } from '../export/tables.js';

/** The path of each file of each format, under /export. */
function pathOf(format: string, file: ExportFile): string {
  return file.name === 'LICENSES.md'
    ? '/export/LICENSES.md'
    : format === 'csv'
      ? `/export/csv/${file.name}`
      : `/export/${file.name}`;
}

export function useExports(database: Database): Plugin {
  let cached: { state: number; files: Map<string, ExportFile> } | undefined;
  let building: Promise<Map<string, ExportFile>> | undefined;
  const files = async (): Promise<Map<string, ExportFile>> => {
    const latest = await database.prisma.revision.aggregate({ _max: { id: true } });
    const state = latest._max.id ?? 0;
    if (cached?.state === state) return cached.files;
    building ??= (async () => {
      try {
        const tables = await readGraphTables(database.prisma);
        const all = new Map<string, ExportFile>();
        for (const format of EXPORT_FORMATS)
          for (const file of exportFiles(tables, format)) all.set(pathOf(format, file), file);
        cached = { state, files: all };
        return all;
      } finally {
        building = undefined;
      }
    })();
    return building;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/export' && !url.pathname.startsWith('/export/')) return;
      const json = (status: number, body: unknown) =>
        new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'exports are read with GET' } }));
        return;
      }
      const available = await files();
      if (url.pathname === '/export' || url.pathname === '/export/') {
        endResponse(
          json(200, {
            files: [...available].map(([path, file]) => ({
              path,
              contentType: file.contentType,
              bytes: Buffer.byteLength(file.text),
            })),
          }),
        );
        return;
      }
      const file = available.get(url.pathname);
      if (!file) {
        endResponse(
          json(404, {
            error: { code: 'NOT_FOUND', message: `no export at ${url.pathname}: GET /export lists them` },
          }),
        );
        return;
      }
      const name = url.pathname.split('/').at(-1) as string;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : file.text, {
          status: 200,
          headers: {
            'content-type': file.contentType,
            'content-disposition': `attachment; filename="${name}"`,
            'cache-control': 'no-cache',
          },
        }),
      );
    },
  };
}
