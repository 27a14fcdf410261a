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

function checkpointAll() {
  for (const [file, db] of open) {
    try {
      // PASSIVE never waits for readers or the writer: it copies what it can. The writer starts the WAL over
      // from its beginning only when a checkpoint has copied all of it, so a pass that raced a commit goes again
      // (copying just the frames that commit added).
      let log = 0;
      for (let pass = 0, checkpointed = -1; pass < MAX_PASSES && checkpointed < log; pass++) {
        [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
      }
      // Under a steady stream of commits every pass races one and the WAL never starts over: the writer's own
      // connection then copies the last few frames itself, after which its next commit starts the WAL over.
      if (log > LONG_WAL_PAGES) parentPort.postMessage({ type: 'long', file });
    } catch (error) {
      // The writer's connection takes its checkpoints back (wal-checkpoints.ts); this one lets go of the file.
      db.close();
      open.delete(file);
      parentPort.postMessage({ type: 'failed', file, message: String(error?.message ?? error) });
    }
  }
}

setInterval(checkpointAll, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message.type === 'add') {
    try {
      if (!open.has(message.file)) open.set(message.file, new Database(message.file, { fileMustExist: true }));
    } catch (error) {
      parentPort.postMessage({ type: 'failed', file: message.file, message: String(error?.message ?? error) });
    }
  } else if (message.type === 'remove') {
    open.get(message.file)?.close();
    open.delete(message.file);
    parentPort.postMessage({ type: 'removed', id: message.id });
  }
});
