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
 * With SQLite's automatic checkpoints, the commit that crosses 1,000 WAL pages copies them into the database and
 * syncs both files on the caller's thread: a 5-15 ms stall of the event loop several times a second under load.
 * Here each file's connection commits without checkpointing and one shared worker thread checkpoints every file
 * (PASSIVE: it never blocks the writer or readers). If that thread fails, every connection gets SQLite's automatic
 * checkpoints back, so the logs never grow without bound.
 */
class WalCheckpointer {
  private readonly worker: Worker;
  /** The writer's connection of each file the thread checkpoints. */
  private readonly files = new Map<string, SQLite.Database>();
  private readonly removals = new Map<number, () => void>();
  private nextId = 0;
  private failed = false;

  constructor() {
    this.worker = new Worker(new URL('./wal-checkpoints.worker.mjs', import.meta.url), { workerData: { intervalMs: INTERVAL_MS }, execArgv: [] });
    // execArgv: [] because the parent's flags are not this plain script's (--input-type, --cpu-prof); and a
    // checkpointer alone must not keep a process alive.
    this.worker.unref();
    this.worker.on('message', (message: { type: string; id?: number; file?: string; message?: string }) => {
      if (message.type === 'removed') {
        this.removals.get(message.id!)?.();
        this.removals.delete(message.id!);
        if (this.removals.size === 0) this.worker.unref();
      } else if (message.type === 'long') {
        this.finishOnWriter(message.file!);
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

  add(file: string, connection: SQLite.Database): boolean {
    if (this.failed || this.files.has(file)) return false;
    connection.pragma('wal_autocheckpoint = 0');
    this.files.set(file, connection);
    this.worker.postMessage({ type: 'add', file });
    return true;
  }

  /** Resolves once the thread has closed its connection to the file (or is gone). */
  remove(file: string): Promise<void> {
    if (!this.files.delete(file) || this.failed) return Promise.resolve();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.removals.set(id, resolve);
      // A closing service waits for the answer: the process must not end while it does.
      this.worker.ref();
      this.worker.postMessage({ type: 'remove', file, id });
    });
  }

  /**
   * Copies what the background passes left (a few frames: they copied the rest) on the writer's own connection,
   * so its next commit starts the WAL over. A connection in the middle of a transaction is asked again later.
   */
  private finishOnWriter(file: string): void {
    const connection = this.files.get(file);
    if (!connection?.open || connection.inTransaction) return;
    try {
      connection.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The connection is busy (a statement being iterated): the thread asks again after its next pass.
    }
  }

  private fallBack(file: string): void {
    const connection = this.files.get(file);
    this.files.delete(file);
    if (connection?.open) connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }

  private fallBackAll(): void {
    if (this.failed) return;
    this.failed = true;
    for (const file of [...this.files.keys()]) this.fallBack(file);
    for (const resolve of this.removals.values()) resolve();
    this.removals.clear();
    if (shared === this) shared = null;
  }
}

let shared: WalCheckpointer | null = null;

/**
 * Hands `connection`'s checkpoints for `file` to the process's checkpoint thread (started on first use). Returns
 * what to call before the connection closes; a file already registered keeps its own automatic checkpoints.
 */
export function checkpointInBackground(file: string, connection: SQLite.Database): () => Promise<void> {
  shared ??= new WalCheckpointer();
  const checkpointer = shared;
  return checkpointer.add(file, connection) ? () => checkpointer.remove(file) : () => Promise.resolve();
}
