/** The part of jsonld.js (no types of its own) the export tests use. */
declare module 'jsonld' {
  const jsonld: {
    expand(document: object): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}
