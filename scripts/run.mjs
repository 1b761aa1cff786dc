// `node scripts/run.mjs <source.ts> [args...]`: runs the compiled JavaScript of a TypeScript
// entry of src/, seed/ or scripts/ (scripts/build.mjs compiles the sources first when they
// changed), in this process, with `args` as its own. npm start and the tools run through it.
import { pathToFileURL } from 'node:url';
import { compiledEntry } from './build.mjs';

const [source, ...args] = process.argv.slice(2);
if (!source?.endsWith('.ts')) {
  console.error('usage: node scripts/run.mjs <source.ts> [args...]');
  process.exit(2);
}
let entry;
try {
  entry = await compiledEntry(source);
} catch (error) {
  console.error(`could not compile the sources: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// As if `node <entry> args...` had been run: the entry reads its arguments, and knows it is the main module.
process.argv.splice(1, process.argv.length - 1, entry, ...args);
await import(pathToFileURL(entry).href);
