// What every generator shares while seeding: the connection, the one seq counter, timestamps, random streams, progress.
import type { Database } from 'better-sqlite3';
import { Prng, streamSeed } from './prng.js';

export type ProgressListener = (step: string, done: number, total: number) => void;

export interface SeedContext {
  readonly sqlite: Database;
  readonly seed: number;
  readonly today: Date;
  /** today as an ISO instant: every created_at / updated_at. */
  readonly nowIso: string;
  /** Hands out the next change-feed seq; one counter across all tables, as the ERP's writes do. */
  nextSeq(): number;
  lastSeq(): number;
  /** A fresh generator for one named part of the retailer. */
  rng(stream: string): Prng;
  progress: ProgressListener;
}

export function createSeedContext(sqlite: Database, seed: number, today: Date, onProgress?: ProgressListener): SeedContext {
  let seq = 0;
  return {
    sqlite,
    seed,
    today,
    nowIso: today.toISOString(),
    nextSeq: () => ++seq,
    lastSeq: () => seq,
    rng: (stream) => new Prng(streamSeed(seed, stream)),
    progress: onProgress ?? (() => {}),
  };
}

const DAY_MS = 86_400_000;

/** The UTC calendar date `days` after `date`, as YYYY-MM-DD. */
export function isoDatePlusDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
