/**
 * A pool of execution workers (./worker.ts): the main thread keeps answering HTTP, `/health`
 * and `/live` while operations run in workers, each on its own SQLite connection (WAL lets
 * readers run side by side). Every operation has a time budget: when it is spent, the client is
 * answered at once and the worker running it is stopped (`terminate` interrupts JavaScript and
 * WebAssembly, Prisma's query compiler included; a SQLite statement already inside the
 * database finishes first) and replaced, so an abandoned operation does not keep running.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../db/config.js';
import type { Env, LogLevel } from '../env.js';
import type { ConnectMessage, ExecuteMessage, ReadyMessage, ResultMessage, WorkerSetup } from './protocol.js';

export type PoolOptions = {
  /** Worker threads executing operations. @default 2 */
  size?: number;
  /** Time budget of one operation, in milliseconds, queueing excluded. @default 5000 */
  timeoutMs?: number;
  /** Operations waiting for a worker beyond which new ones are refused at once. @default 64 */
  maxQueue?: number;
  /** What the workers log (JSON on stdout, like the server). @default 'info' */
  logLevel?: LogLevel;
  /**
   * Load the schema now but connect only at {@link ExecutionPool.connect}: for a caller that
   * starts the workers before the database is migrated. @default false
   */
  connectLater?: boolean;
  /**
   * The most JavaScript heap (V8's old generation, MB) a worker may hold; an operation that needs
   * more stops its worker (which is replaced) and is answered `memory`. Unbounded when absent.
   */
  heapMb?: number;
};

/**
 * Why an operation got no result: its time ran out, it needed more memory than a worker may hold,
 * the queue is full, the pool stopped, or its worker died.
 */
export type Refusal = { refused: 'timeout' | 'memory' | 'busy' | 'closed' | 'crashed'; elapsedMs: number };

export type Outcome = ResultMessage | Refusal;

type Task = {
  message: ExecuteMessage;
  /** Who asked (the client's address): no client may hold every worker. */
  client: string;
  resolve: (outcome: Outcome) => void;
  queuedAt: number;
};

type Slot = {
  worker: Worker;
  /** Settles when the worker has loaded (or failed to). */
  ready: Promise<void>;
  isReady: boolean;
  task?: Task & { timer: NodeJS.Timeout; startedAt: number };
  /** Replaced as soon as its operation ends (see `recycle`). */
  retiring?: boolean;
};

/** A client whose operations took this long on average (ms) is kept from the last free worker. */
const HEAVY_MS = 250;
/** Clients whose recent cost the pool remembers. */
const MAX_REMEMBERED_CLIENTS = 10_000;

/**
 * The worker's file: ./worker.ts beside this one in the TypeScript sources; compiled
 * (scripts/build.mjs), every entry and the chunks they share are in one folder, where the worker
 * is the entry src.execution.worker.js.
 */
const WORKER_FILE = fileURLToPath(import.meta.url).endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./src.execution.worker.js', import.meta.url);

/**
 * How a worker is started. Compiled, it is the worker's file; run from TypeScript sources (tsx),
 * a worker thread does not inherit the main thread's loader, so a two-line script registers
 * tsx's loader in the worker and then imports the worker's file.
 */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (!WORKER_FILE.pathname.endsWith('.ts')) return { entry: WORKER_FILE, eval: false };
  // The ESM build of tsx's API (its CommonJS build registers a path that does not exist).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const script = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_FILE.href)}); });`;
  return { entry: script, eval: true };
}

export class ExecutionPool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly maxQueue: number;
  readonly logLevel: LogLevel;
  /** Each worker's most JavaScript heap, MB (undefined: V8's own limit). */
  readonly heapMb: number | undefined;
  #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextId = 1;
  #closed = false;
  /** Workers stopped because their operation ran out of time (for metrics and tests). */
  stoppedForTime = 0;
  /** How long each client's recent operations took, in ms (a moving average; see `#isHeavy`). */
  #recentMs = new Map<string, number>();
  /** Whether workers may connect (see {@link PoolOptions.connectLater}); workers spawned later connect at once. */
  #connecting: boolean;

  constructor(
    private readonly database: DatabaseConfig,
    options: PoolOptions = {},
  ) {
    this.size = Math.max(1, options.size ?? 2);
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxQueue = options.maxQueue ?? 64;
    this.logLevel = options.logLevel ?? 'info';
    this.heapMb = options.heapMb;
    this.#connecting = !options.connectLater;
    for (let index = 0; index < this.size; index += 1) this.#slots.push(this.#spawn());
  }

  /** Lets workers started with `connectLater` connect (they are ready once they have). */
  connect(): void {
    if (this.#connecting) return;
    this.#connecting = true;
    for (const slot of this.#slots) slot.worker.postMessage({ connect: true } satisfies ConnectMessage);
  }

  /**
   * Resolves when every worker has opened its database and loaded the schema (with
   * `connectLater`, not before {@link connect}).
   */
  async ready(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.ready));
  }

  /** Operations running and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.#slots.filter((slot) => slot.task).length, queued: this.#queue.length };
  }

  /**
   * Runs an operation in a free worker; resolves with its result or why there is none. One
   * client (`client`, its address) holds at most all workers but one, so that a client looping
   * on costly operations leaves a worker to everyone else.
   */
  execute(operation: Omit<ExecuteMessage, 'id'>, client = ''): Promise<Outcome> {
    if (this.#closed) return Promise.resolve({ refused: 'closed', elapsedMs: 0 });
    if (this.#queue.length >= this.maxQueue) return Promise.resolve({ refused: 'busy', elapsedMs: 0 });
    return new Promise((resolve) => {
      this.#queue.push({ message: { ...operation, id: this.#nextId++ }, client, resolve, queuedAt: performance.now() });
      this.#dispatch();
    });
  }

  /**
   * Replaces every worker with a new one (new connections, e.g. after the database file was
   * restored): idle workers at once, busy ones when their operation ends.
   */
  recycle(): void {
    for (const slot of [...this.#slots]) {
      if (slot.task) slot.retiring = true;
      else this.#replace(slot, 'closed');
    }
  }

  /** Stops every worker; operations still waiting are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.resolve({ refused: 'closed', elapsedMs: 0 });
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.task) this.#finish(slot, { refused: 'closed', elapsedMs: 0 });
        await slot.worker.terminate();
      }),
    );
  }

  #spawn(): Slot {
    const { entry, eval: evaluated } = workerEntry();
    const worker = new Worker(entry, {
      eval: evaluated,
      workerData: {
        database: this.database,
        logLevel: this.logLevel,
        connectLater: !this.#connecting,
      } satisfies WorkerSetup,
      ...(this.heapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } }),
    });
    const slot: Slot = { worker, ready: Promise.resolve(), isReady: false };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ResultMessage | ReadyMessage) => {
        if ('ready' in message) {
          slot.isReady = true;
          resolve();
          this.#dispatch();
        } else if (slot.task?.message.id === message.id) {
          this.#finish(slot, message);
        }
      });
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('an execution worker stopped before it was ready')));
    });
    // `ready()` reports a worker that cannot start; nothing else waits on it.
    slot.ready.catch(() => undefined);
    // A worker that dies after it started is replaced; one that cannot start is not (that would
    // loop): `ready()` says why.
    const died = (error?: unknown) => {
      const outOfMemory = (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!this.#closed && slot.isReady && this.#slots.includes(slot))
        this.#replace(slot, outOfMemory ? 'memory' : 'crashed');
    };
    worker.on('error', died);
    worker.on('exit', died);
    return slot;
  }

  /**
   * Whether a client's recent operations were costly ({@link HEAVY_MS} on average): such a client
   * gets a worker only while another one stays free, so that a client looping on costly
   * operations, even while its last worker is being replaced, never leaves the others waiting.
   */
  #isHeavy(client: string): boolean {
    return (this.#recentMs.get(client) ?? 0) >= HEAVY_MS;
  }

  #remember(client: string, elapsedMs: number): void {
    const average = ((this.#recentMs.get(client) ?? elapsedMs) + elapsedMs) / 2;
    this.#recentMs.delete(client);
    this.#recentMs.set(client, average);
    // Remember the most recent clients only (a Map iterates in insertion order).
    if (this.#recentMs.size > MAX_REMEMBERED_CLIENTS)
      this.#recentMs.delete(this.#recentMs.keys().next().value as string);
  }

  /**
   * The first waiting operation that may run now: its client holds fewer workers than all but
   * one, and, if its recent operations were costly, a worker stays free for the others.
   */
  #nextTask(): Task | undefined {
    const share = Math.max(1, this.size - 1);
    const held = new Map<string, number>();
    for (const slot of this.#slots) {
      if (slot.task) held.set(slot.task.client, (held.get(slot.task.client) ?? 0) + 1);
    }
    const idle = this.#slots.filter((slot) => slot.isReady && !slot.task).length;
    const index = this.#queue.findIndex(
      (task) => (held.get(task.client) ?? 0) < share && (this.size === 1 || idle >= 2 || !this.#isHeavy(task.client)),
    );
    return index < 0 ? undefined : this.#queue.splice(index, 1)[0];
  }

  /** Hands waiting operations to free, ready workers. */
  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.task || !slot.isReady) continue;
      const task = this.#nextTask();
      if (!task) return;
      const startedAt = performance.now();
      const timer = setTimeout(() => this.#timeOut(slot), this.timeoutMs);
      slot.task = { ...task, timer, startedAt };
      slot.worker.postMessage(task.message);
    }
  }

  #finish(slot: Slot, outcome: Outcome): void {
    const task = slot.task;
    if (!task) return;
    clearTimeout(task.timer);
    slot.task = undefined;
    this.#remember(task.client, performance.now() - task.startedAt);
    task.resolve(outcome);
    if (slot.retiring) this.#replace(slot, 'closed');
    this.#dispatch();
  }

  #timeOut(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    this.stoppedForTime += 1;
    this.#replace(slot, 'timeout');
  }

  /** Answers the worker's operation with `reason`, stops the worker and starts another in its place. */
  #replace(slot: Slot, reason: Refusal['refused']): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    const task = slot.task;
    slot.task = undefined;
    if (task) {
      clearTimeout(task.timer);
      const elapsedMs = Math.round(performance.now() - task.startedAt);
      this.#remember(task.client, elapsedMs);
      task.resolve({ refused: reason, elapsedMs });
    }
    if (this.#closed) return;
    this.#slots.splice(index, 1, this.#spawn());
    void slot.worker.terminate();
    this.#dispatch();
  }
}

/**
 * The execution workers `env` asks for (none for `EXECUTION_WORKERS=0`). Each loads the schema
 * (about a second of CPU), then connects and compiles a first statement (./worker.ts), so that
 * they load on the other cores while the caller loads its own modules: `npm run serve` and `npm
 * start` start them first (this module loads nothing else, for that reason). `npm start` may
 * migrate a new database meanwhile, which fails on the lock of a worker connecting: it starts
 * them with `connectLater` and lets them connect once the database is prepared.
 */
export function startExecutionPool(
  env: Pick<Env, 'database' | 'executionWorkers' | 'requestTimeoutMs' | 'workerHeapMb' | 'logLevel'>,
  options: Pick<PoolOptions, 'connectLater'> = {},
): ExecutionPool | undefined {
  return env.executionWorkers > 0
    ? new ExecutionPool(env.database, {
        size: env.executionWorkers,
        timeoutMs: env.requestTimeoutMs,
        logLevel: env.logLevel,
        heapMb: env.workerHeapMb || undefined,
        connectLater: options.connectLater,
      })
    : undefined;
}
