// Checkpoints SQLite's write-ahead logs on a thread of their own instead of inside the commits that serve requests.
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * How often the background thread copies the WALs back. SQLite's own trigger is 1,000 pages; a busy embedded hub
 * writes a few thousand a second across its stores, so this keeps each WAL near that size.
 */
const INTERVAL_MS = 200;
/** SQLite's default, restored on a connection whose background checkpoints stop. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * How long a store's statements wait for the thread's last pass (normally a few milliseconds). Past it they go on:
 * the pass is PASSIVE, so it is safe beside the writer, it just may not let the WAL start over this time.
 */
const FINISH_TIMEOUT_MS = 1000;

/** Runs `work` while no statement runs on the store's connection, and resolves when it is done. */
export type HoldWriter = (work: () => Promise<void>) => Promise<void>;

/**
 * With SQLite's automatic checkpoints, the commit that crosses 1,000 WAL pages copies them into the database and
 * syncs both files on the caller's thread: a 5-15 ms stall of the event loop several times a second under load.
 * Here each file's connection commits without checkpointing and one shared worker thread checkpoints every file
 * (PASSIVE: it never blocks the writer or readers). If that thread fails, every connection gets SQLite's automatic
 * checkpoints back, so the logs never grow without bound.
 */
class WalCheckpointer {
  private readonly worker: Worker;
  /** The writer's connection of each file the thread checkpoints. */
  private readonly files = new Map<string, { connection: SQLite.Database; holdWriter: HoldWriter }>();
  /** Answers the thread owes: a file let go of, or a last pass finished. */
  private readonly replies = new Map<number, () => void>();
  /** Files whose last pass is under way, so a second request for one waits for the first. */
  private readonly finishing = new Set<string>();
  private nextId = 0;
  private failed = false;

  constructor() {
    this.worker = new Worker(new URL('./wal-checkpoints.worker.mjs', import.meta.url), { workerData: { intervalMs: INTERVAL_MS }, execArgv: [] });
    // execArgv: [] because the parent's flags are not this plain script's (--input-type, --cpu-prof); and a
    // checkpointer alone must not keep a process alive.
    this.worker.unref();
    this.worker.on('message', (message: { type: string; id?: number; file?: string; message?: string }) => {
      if (message.type === 'removed' || message.type === 'finished') {
        this.replies.get(message.id!)?.();
        this.replies.delete(message.id!);
        if (this.replies.size === 0) this.worker.unref();
      } else if (message.type === 'long') {
        void this.finishWhileWriterWaits(message.file!);
      } else if (message.type === 'failed') {
        process.emitWarning(`background WAL checkpoint of ${message.file} failed (${message.message}); its connection checkpoints itself again`);
        this.fallBack(message.file!);
      }
    });
    this.worker.on('error', (error) => {
      process.emitWarning(`the WAL checkpoint thread failed (${error.message}); connections checkpoint themselves again`);
      this.fallBackAll();
    });
    this.worker.on('exit', () => this.fallBackAll());
  }

  add(file: string, connection: SQLite.Database, holdWriter: HoldWriter): boolean {
    if (this.failed || this.files.has(file)) return false;
    connection.pragma('wal_autocheckpoint = 0');
    this.files.set(file, { connection, holdWriter });
    this.worker.postMessage({ type: 'add', file });
    return true;
  }

  /** Resolves once the thread has closed its connection to the file (or is gone). */
  remove(file: string): Promise<void> {
    if (!this.files.delete(file) || this.failed) return Promise.resolve();
    return this.ask({ type: 'remove', file });
  }

  /** Posts a request the thread answers; a closing service waits for the answer, so the process must not end meanwhile. */
  private ask(request: { type: string; file: string }): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.worker.ref();
      this.worker.postMessage({ ...request, id });
    });
  }

  /**
   * The thread's passes keep racing the writer's commits, so the WAL never starts over. Its last pass runs while
   * the store's statements wait (the event loop goes on with everything else), copies the few frames left and
   * syncs; the writer's next commit then starts the WAL over. Doing that pass on the writer's own connection
   * instead blocked the event loop for its two fsyncs: 7-9 ms, a few times a second under load.
   */
  private async finishWhileWriterWaits(file: string): Promise<void> {
    const registered = this.files.get(file);
    if (!registered || this.finishing.has(file)) return;
    this.finishing.add(file);
    try {
      await registered.holdWriter(() => withTimeout(this.ask({ type: 'finish', file }), FINISH_TIMEOUT_MS));
    } catch {
      // The store closed meanwhile: there is no WAL of it left to start over. (Nothing here may reject unhandled: it
      // runs beside the service, and an unhandled rejection ends the process.)
    } finally {
      this.finishing.delete(file);
    }
  }

  private fallBack(file: string): void {
    const connection = this.files.get(file)?.connection;
    this.files.delete(file);
    if (connection?.open) connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }

  private fallBackAll(): void {
    if (this.failed) return;
    this.failed = true;
    for (const file of [...this.files.keys()]) this.fallBack(file);
    for (const resolve of this.replies.values()) resolve();
    this.replies.clear();
    if (shared === this) shared = null;
  }
}

let shared: WalCheckpointer | null = null;

/**
 * Hands `connection`'s checkpoints for `file` to the process's checkpoint thread (started on first use). Returns
 * what to call before the connection closes; a file already registered keeps its own automatic checkpoints.
 */
export function checkpointInBackground(file: string, connection: SQLite.Database, holdWriter: HoldWriter): () => Promise<void> {
  shared ??= new WalCheckpointer();
  const checkpointer = shared;
  return checkpointer.add(file, connection, holdWriter) ? () => checkpointer.remove(file) : () => Promise.resolve();
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
