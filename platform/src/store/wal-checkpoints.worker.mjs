// The background checkpointer's thread (see wal-checkpoints.ts): copies each registered SQLite file's WAL back
// into the database every interval, with a connection of its own, so the fsyncs and page copies of a checkpoint
// never stall the event loop that serves requests. Plain JavaScript: worker threads do not run the parent's tsx.
import { setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {Map<string, import('better-sqlite3').Database>} */
const open = new Map();
/** Passes per file per interval; each after the first copies only what commits added meanwhile. */
const MAX_PASSES = 4;
/** A WAL this long (pages of 4 KiB) has not started over for a while. */
const LONG_WAL_PAGES = 4000;

/**
 * PASSIVE never waits for readers or the writer: it copies what it can. The writer starts the WAL over from its
 * beginning only when a checkpoint has copied all of it, so a pass that raced a commit goes again (copying just
 * the frames that commit added). Returns the log's length in pages.
 */
function checkpoint(db) {
  let log = 0;
  let checkpointed = -1;
  for (let pass = 0; pass < MAX_PASSES && checkpointed < log; pass++) {
    [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  }
  return log;
}

function checkpointAll() {
  for (const [file, db] of open) {
    try {
      const log = checkpoint(db);
      // Under a steady stream of commits every pass races one and the WAL never starts over: the parent then holds
      // the store's statements back for one last pass ('finish'), after which the writer's next commit starts it over.
      // (A pass reports the log as it was when the pass began, so "all copied" does not mean no commit came since.)
      if (log > LONG_WAL_PAGES) parentPort.postMessage({ type: 'long', file });
    } catch (error) {
      fail(file, db, error);
    }
  }
}

/** The writer's connection takes its checkpoints back (wal-checkpoints.ts); this one lets go of the file. */
function fail(file, db, error) {
  db.close();
  open.delete(file);
  parentPort.postMessage({ type: 'failed', file, message: String(error?.message ?? error) });
}

setInterval(checkpointAll, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message.type === 'add') {
    try {
      if (!open.has(message.file)) open.set(message.file, new Database(message.file, { fileMustExist: true }));
    } catch (error) {
      parentPort.postMessage({ type: 'failed', file: message.file, message: String(error?.message ?? error) });
    }
  } else if (message.type === 'finish') {
    const db = open.get(message.file);
    try {
      if (db) checkpoint(db);
    } catch (error) {
      fail(message.file, db, error);
    }
    parentPort.postMessage({ type: 'finished', id: message.id });
  } else if (message.type === 'remove') {
    open.get(message.file)?.close();
    open.delete(message.file);
    parentPort.postMessage({ type: 'removed', id: message.id });
  }
});
