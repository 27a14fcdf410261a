// The adjustment rules: validate, book in the ERP stock ledger first, then update the hub's view and emit the event.
import { randomUUID } from 'node:crypto';
import { badUserInput, erpUnavailable, forbidden, hasScope, hubError, type Claims, type Clock, type ServiceEvents } from '@retail-hub/platform';
import { ErpRejectedError, ErpUnavailableError, type StockLedgerPort, type StockPosition } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { stockChangedEvent } from '../events/stock-changed.event.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { LocationRepository } from '../store/location.repository.js';
import type { StockAdjustmentRepository, StockAdjustmentRow } from '../store/stock-adjustment.repository.js';
import { toErpPositionRow, type StockKey, type StockPositionRepository } from '../store/stock-position.repository.js';
import { availableOf, laterOf, toStockLevel, type StockLevel } from './inventory-model.js';
import type { StockFreshness } from './stock-freshness.js';

export type AdjustmentReason = 'COUNT' | 'RECEIPT' | 'DAMAGE' | 'RETURN' | 'CORRECTION';

export interface AdjustStockInput {
  sku: string;
  locationId: string;
  delta: number;
  reason: AdjustmentReason;
  note?: string | null;
  adjustmentId?: string | null;
}

export interface UserError {
  code: string;
  message: string;
  field: string | null;
}

export interface AdjustStockResult {
  stockLevel: StockLevel | null;
  errors: UserError[];
}

export interface StockAdjustmentDeps {
  db: Kysely<InventoryDatabase>;
  events: ServiceEvents;
  ledger: StockLedgerPort;
  positions: StockPositionRepository;
  locations: LocationRepository;
  adjustments: StockAdjustmentRepository;
  freshness: StockFreshness;
  clock: Clock;
}

export const MAX_ADJUSTMENT = 1_000_000;
export const MAX_NOTE_LENGTH = 500;
const MAX_ADJUSTMENT_ID_LENGTH = 100;

export class StockAdjustmentService {
  constructor(private readonly deps: StockAdjustmentDeps) {}

  async adjustStock(claims: Claims, input: AdjustStockInput): Promise<AdjustStockResult> {
    if (!hasScope(claims, 'inventory:write')) throw forbidden('adjustStock needs the inventory:write scope');
    await this.validate(input);
    const key: StockKey = { sku: input.sku, locationId: input.locationId };
    const adjustmentId = input.adjustmentId ?? `ADJ-${randomUUID()}`;
    const booked = input.adjustmentId ? await this.deps.adjustments.find(adjustmentId) : undefined;
    if (booked) return this.replay(booked, input);

    // Reserved units are the hub's, so the ERP cannot guard them: check against the ERP's current on-hand first.
    const [erpPosition] = await callErp(() => this.deps.ledger.getPositions([key]));
    const reserved = (await this.deps.positions.find(key))?.reserved ?? 0;
    const onHand = erpPosition?.onHand ?? 0;
    if (onHand + input.delta < reserved) return insufficient(key, onHand, reserved, input.delta);

    let position: StockPosition;
    try {
      const positions = await callErp(() => this.deps.ledger.postAdjustments([{ adjustmentId, ...key, delta: input.delta, reason: input.reason, note: input.note ?? undefined }]));
      position = positions[0]!;
    } catch (error) {
      if (!(error instanceof ErpRejectedError)) throw error;
      // Someone else took the stock between our check and the booking: the same expected outcome.
      if (error.field?.endsWith('.delta')) return insufficient(key, null, reserved, input.delta, error.message);
      const field = ['sku', 'locationId'].find((f) => error.field?.endsWith(`.${f}`));
      if (!field) throw error;
      throw badUserInput(`input.${field}`, `the ERP refused it: ${error.message}`);
    }
    await this.record(input, adjustmentId, position);
    return { stockLevel: await this.level(key), errors: [] };
  }

  /** The view and the event commit together; a feed page that already brought this version wins, without a second event. */
  private async record(input: AdjustStockInput, adjustmentId: string, position: StockPosition): Promise<void> {
    const { positions, adjustments, clock } = this.deps;
    await this.deps.events.transaction(this.deps.db, async (trx, emit) => {
      const before = await positions.find(position, trx);
      if (!before || before.erp_version < position.version) {
        await positions.upsertFromErp(trx, [toErpPositionRow(position)]);
        const reserved = before?.reserved ?? 0;
        emit(
          stockChangedEvent({
            sku: position.sku,
            locationId: position.locationId,
            onHand: position.onHand,
            reserved,
            available: availableOf(position.onHand, reserved),
            inbound: position.inbound,
            previous: { onHand: before?.on_hand ?? 0, reserved, inbound: before?.inbound ?? 0 },
            reason: `ADJUSTMENT:${input.reason}`,
            asOf: laterOf(position.updatedAt, clock.now().toISOString()),
          }),
        );
      }
      const bookedAt = clock.now().toISOString();
      await adjustments.record(trx, { adjustment_id: adjustmentId, sku: input.sku, location_id: input.locationId, delta: input.delta, reason: input.reason, note: input.note ?? null, erp_version: position.version, booked_at: bookedAt });
    });
  }

  /** A retry of an adjustment already booked: the same request gets the current level, a different one is refused. */
  private async replay(booked: StockAdjustmentRow, input: AdjustStockInput): Promise<AdjustStockResult> {
    const same = booked.sku === input.sku && booked.location_id === input.locationId && booked.delta === input.delta && booked.reason === input.reason && booked.note === (input.note ?? null);
    if (!same) throw hubError('IDEMPOTENCY_KEY_REUSED', `input.adjustmentId: ${booked.adjustment_id} was already used for a different adjustment`, { field: 'input.adjustmentId' });
    return { stockLevel: await this.level({ sku: booked.sku, locationId: booked.location_id }), errors: [] };
  }

  private async level(key: StockKey): Promise<StockLevel | null> {
    const row = await this.deps.positions.find(key);
    return row ? toStockLevel(row, this.deps.freshness.current()) : null;
  }

  /** Bad input is refused before anything is written to the ERP or the store. */
  private async validate(input: AdjustStockInput): Promise<void> {
    if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_ADJUSTMENT) {
      throw badUserInput('input.delta', `must be a non-zero whole number of units, at most ${MAX_ADJUSTMENT.toLocaleString('en-US')} either way`);
    }
    if (input.note && input.note.length > MAX_NOTE_LENGTH) throw badUserInput('input.note', `at most ${MAX_NOTE_LENGTH} characters`);
    if (input.adjustmentId !== undefined && input.adjustmentId !== null && (input.adjustmentId.trim() === '' || input.adjustmentId.length > MAX_ADJUSTMENT_ID_LENGTH)) {
      throw badUserInput('input.adjustmentId', `must be 1 to ${MAX_ADJUSTMENT_ID_LENGTH} characters`);
    }
    if (!(await this.deps.positions.knownSkus([input.sku])).has(input.sku)) throw badUserInput('input.sku', `no stock positions for ${input.sku}`);
    if ((await this.deps.locations.findByIds([input.locationId])).length === 0) throw badUserInput('input.locationId', `no location ${input.locationId}`);
  }
}

function insufficient(key: StockKey, onHand: number | null, reserved: number, delta: number, erpMessage?: string): AdjustStockResult {
  const current = onHand === null ? `the ERP refused it (${erpMessage})` : `on-hand is ${onHand}${reserved ? `, ${reserved} reserved` : ''}`;
  return {
    stockLevel: null,
    errors: [{ code: 'INSUFFICIENT_STOCK', field: 'input.delta', message: `Cannot adjust ${key.sku} at ${key.locationId} by ${delta}: ${current}.` }],
  };
}

/** An ERP that cannot be reached is ERP_UNAVAILABLE to the caller; other ERP failures pass through. */
async function callErp<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ErpUnavailableError) throw erpUnavailable('The ERP stock ledger is unavailable; nothing was booked. Try again later.');
    throw error;
  }
}
