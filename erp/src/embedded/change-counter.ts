// Hands out change sequence numbers: every ERP write stamps its rows so change feeds can page by them.
import type { Transaction } from 'kysely';
import type { ErpDatabase } from './erp-schema.js';

/** Reserves `count` consecutive sequence numbers inside `trx` and returns the first. */
export async function reserveSeq(trx: Transaction<ErpDatabase>, count = 1): Promise<number> {
  const row = await trx
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value - count + 1;
}

export function parseCursor(after: string | null): number {
  const n = after === null ? 0 : Number(after);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
