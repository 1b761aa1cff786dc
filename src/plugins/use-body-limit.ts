/**
 * A bound on request bodies. Yoga reads a whole body before parsing it, whatever its size: a
 * 5 MB JSON body of padding was read, parsed and executed. Every legitimate request fits in far
 * less (the document is limited to 3000 tokens, list arguments to 400 items).
 */
import type { Plugin } from 'graphql-yoga';

/** The largest request body read, in bytes. */
export const MAX_BODY_BYTES = 100_000;

/** Thrown by {@link readAtMost} when a body passes its limit. */
class BodyTooLarge extends Error {}

/** Reads a body stream, giving up as soon as it passes `limit` bytes. */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

/**
 * Refuses request bodies over `limit` bytes with a 413 and code `PAYLOAD_TOO_LARGE`: at once
 * when `content-length` says so, else while reading (a chunked body is cut off at the limit).
 */
export function useBodyLimit(limit = MAX_BODY_BYTES): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (!request.body) return;
      const refuse = () =>
        endResponse(
          fetchAPI.Response.json(
            {
              errors: [
                {
                  message: `The request body is larger than ${limit} bytes.`,
                  extensions: { code: 'PAYLOAD_TOO_LARGE' },
                },
              ],
            },
            { status: 413 },
          ),
        );
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      if (declared > limit) return refuse();
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = await readAtMost(request.body, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuse();
        throw error;
      }
      setRequest(new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body: bytes }));
    },
  };
}
