/**
 * Runs once per `npm test`, before any test file: a folder for what test files may share, such as
 * the graph `npm start` builds (test/helpers/full-graph.ts builds it there once, when the first
 * file asks for it, and each file copies it). Removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder shared by the test files of this run. */
    sharedFolder: string;
  }
}

export default function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-shared-'));
  project.provide('sharedFolder', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
