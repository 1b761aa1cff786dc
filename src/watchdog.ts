/**
 * A deadline that a blocked event loop cannot defeat. better-sqlite3 runs statements on the main
 * thread, so while one runs no timer of the main thread fires; the watchdog's timer runs on a
 * worker thread of its own and kills the whole process when the deadline passes.
 */
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated by the worker: it needs no loader and imports nothing of ours.
// It writes with writeSync: a worker's console goes through the main thread, which may be stuck.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
setTimeout(() => {
  try { writeSync(2, workerData.message + '\\n'); } catch {}
  process.kill(workerData.pid, 'SIGKILL');
}, workerData.deadlineMs);
`;

/**
 * Kills this process with SIGKILL after `deadlineMs` unless the process exits first (the worker
 * does not keep it alive), printing `message` on stderr first.
 */
export function startWatchdog(deadlineMs: number, message: string): { cancel(): void } {
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { pid: process.pid, deadlineMs, message },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  return {
    cancel() {
      void worker.terminate();
    },
  };
}
