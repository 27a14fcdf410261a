// Splits a big write step into about ten ranges so the launcher can show progress while it runs.
import type { SeedContext } from './seed-context.js';

const PROGRESS_STEPS = 10;

/** Calls `write(from, to)` for consecutive ranges of [0, total), reporting (step, to, total) after each. */
export function forEachChunk(ctx: SeedContext, step: string, total: number, write: (from: number, to: number) => void): void {
  const chunk = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk);
    write(from, to);
    ctx.progress(step, to, total);
  }
  if (total === 0) ctx.progress(step, 0, 0);
}

/** A small step, written in one go and reported once when done. */
export function writeStep(ctx: SeedContext, step: string, total: number, write: () => void): void {
  write();
  ctx.progress(step, total, total);
}
