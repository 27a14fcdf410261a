// SQLite stores checkpoint on a background thread: the WAL stays bounded under a steady stream of commits, nothing
// committed is lost, and a closed store lets the process end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

interface Db {
  blob: { id: number; data: string };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wal-checkpoints-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}

describe('background WAL checkpoints', () => {
  it('keep the WAL bounded while commits never stop, and lose nothing', async () => {
    const file = tempFile();
    const store = openDatabase<Db>({ dialect: 'sqlite', file });
    await sql`create table blob (id integer primary key, data text not null)`.execute(store.db);
    // The commit path no longer checkpoints: that is the background thread's work.
    expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db)).rows[0]!.wal_autocheckpoint).toBe(0);
    const row = 'x'.repeat(16_000);
    // About 160 MB of WAL frames if nothing ever copied them back: commits back to back, yielding only to the
    // event loop now and then, as a busy service does.
    for (let i = 0; i < 10_000; i++) {
      await store.db.insertInto('blob').values({ id: i, data: row }).execute();
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (i % 1000 === 999) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(statSync(`${file}-wal`).size).toBeLessThan(64 * 1024 * 1024);
    await store.close();

    const reopened = openDatabase<Db>({ dialect: 'sqlite', file });
    const { n } = await reopened.db.selectFrom('blob').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(10_000);
    await reopened.close();
  }, 60_000);

  it('start the WAL over under commits that never pause, without losing one', async () => {
    const file = tempFile();
    const store = openDatabase<Db>({ dialect: 'sqlite', file });
    await sql`create table blob (id integer primary key, data text not null)`.execute(store.db);
    // Commits back to back for 3 s, yielding to the event loop
    // only between requests, as a busy service does: every background pass races a commit, so the WAL starts over
    // only through the last pass that runs while the store's statements wait.
    const row = 'y'.repeat(1_000);
    let largest = 0;
    let rows = 0;
    for (const end = Date.now() + 3_000; Date.now() < end; ) {
      await store.db.insertInto('blob').values({ id: rows++, data: row }).execute();
      if (rows % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (rows % 500 === 0) largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    // Each commit writes at least one 4 KiB frame: over 500 MB in 3 s if the WAL never started over.
    expect(largest).toBeLessThan(128 * 1024 * 1024);
    await store.close();

    const reopened = openDatabase<Db>({ dialect: 'sqlite', file });
    const { n } = await reopened.db.selectFrom('blob').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(rows);
    await reopened.close();
  }, 60_000);

  it('lets a process that closed its stores end on its own', () => {
    const file = tempFile();
    const script = `
      import { openDatabase } from './platform/src/store/database.ts';
      const store = openDatabase({ dialect: 'sqlite', file: ${JSON.stringify(file)} });
      await store.db.schema.createTable('t').addColumn('id', 'integer').execute();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { rows } = await store.db.executeQuery({ sql: 'pragma wal_autocheckpoint', parameters: [], query: { kind: 'RawNode' } });
      await store.close();
      console.log(rows[0].wal_autocheckpoint, 'closed');`;
    // Checkpoints were the thread's (0: the connection does none itself); a store's close waits for the thread to
    // let go of the file, and the thread itself keeps nothing alive.
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../../..'), timeout: 20_000, encoding: 'utf8' });
    expect(output.trim()).toBe('0 closed');
  });
});
