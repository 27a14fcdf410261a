// The reservation rules behind the service-only mutations: hold all of an order's lines or none, commit, release, read.
import { badUserInput, forbidden, hasScope, type Claims, type Clock, type ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { LocationRepository } from '../store/location.repository.js';
import type { ReservationRepository, UnitsLine } from '../store/reservation.repository.js';
import type { StockPositionRepository } from '../store/stock-position.repository.js';
import { availableOf } from './inventory-model.js';
import { checkOrderId, checkReserveInput, type CheckedLine, type ReserveStockInput } from './reservation-input.js';
import { HoldRefused, type ReservationLedger } from './reservation-ledger.js';
import { toReservation, type Reservation, type ReservationResult } from './reservation-model.js';

export interface ReservationServiceDeps {
  db: Kysely<InventoryDatabase>;
  events: ServiceEvents;
  reservations: ReservationRepository;
  ledger: ReservationLedger;
  positions: StockPositionRepository;
  locations: LocationRepository;
  clock: Clock;
}

export class ReservationService {
  constructor(private readonly deps: ReservationServiceDeps) {}

  /**
   * Holds every line of an order or none. A retry for an order that already has a reservation
   * returns that reservation as it is (its own lines and status), holding nothing more.
   */
  async reserve(claims: Claims, input: ReserveStockInput): Promise<ReservationResult> {
    assertService(claims, 'reserveStock');
    const lines = checkReserveInput(input);
    const ttl = input.ttlSeconds ?? null;
    const expiresAt = ttl === null ? null : new Date(this.deps.clock.now().getTime() + ttl * 1000).toISOString();
    const now = this.deps.clock.now().toISOString();
    let created: boolean;
    try {
      created = await this.deps.events.transaction(this.deps.db, (trx, emit) => this.deps.ledger.hold(trx, input.orderId, lines, expiresAt, emit, now));
    } catch (error) {
      if (error instanceof HoldRefused) return this.refused(lines, error.line);
      throw error;
    }
    if (!created) return { reservation: await this.current(input.orderId), errors: [] };
    // A new hold is exactly what was asked: no need to read it back.
    const made = lines.map((l) => ({ order_id: input.orderId, sku: l.sku, location_id: l.locationId, quantity: l.quantity, shipped_quantity: 0 }));
    return { reservation: toReservation({ order_id: input.orderId, status: 'HELD', expires_at: expiresAt, release_reason: null, created_at: now, updated_at: now, lines: made }), errors: [] };
  }

  /** Makes an unpaid order's hold firm; RESERVATION_NOT_HELD when it lapsed or was released first. */
  async commit(claims: Claims, orderId: string): Promise<ReservationResult> {
    assertService(claims, 'commitReservation');
    checkOrderId(orderId, 'orderId');
    const held = await this.deps.events.transaction(this.deps.db, (trx, emit) => this.deps.ledger.commit(trx, orderId, emit));
    const reservation = await this.current(orderId);
    if (held) return { reservation, errors: [] };
    const state = reservation ? `it is ${reservation.status}` : 'there is none';
    return { reservation, errors: [{ code: 'RESERVATION_NOT_HELD', field: 'orderId', message: `Cannot commit the reservation of ${orderId}: ${state}.` }] };
  }

  /** Gives a HELD reservation's units back; releasing one that is not HELD changes nothing (a retry). */
  async release(claims: Claims, orderId: string, reason: string | null | undefined): Promise<ReservationResult> {
    assertService(claims, 'releaseReservation');
    checkOrderId(orderId, 'orderId');
    if (reason !== undefined && reason !== null && (reason.trim() === '' || reason.length > 100)) throw badUserInput('reason', 'must be 1 to 100 characters');
    await this.deps.events.transaction(this.deps.db, (trx, emit) => this.deps.ledger.release(trx, orderId, reason ?? 'RELEASED', emit));
    return { reservation: await this.current(orderId), errors: [] };
  }

  async get(claims: Claims, orderId: string): Promise<Reservation | null> {
    if (claims.kind !== 'service' && !hasScope(claims, 'inventory:read')) throw forbidden('Reading reservations needs the inventory:read scope');
    return this.current(orderId);
  }

  private async current(orderId: string): Promise<Reservation | null> {
    const found = await this.deps.reservations.find(orderId);
    return found ? toReservation(found) : null;
  }

  /**
   * The hold was rolled back: say which lines are short, now that nothing is held. A product or
   * location inventory does not know is bad input; a location without the product has 0 available.
   */
  private async refused(lines: CheckedLine[], failed: UnitsLine): Promise<ReservationResult> {
    const rows = await this.deps.positions.findByKeys(lines);
    const byKey = new Map(rows.map((r) => [`${r.sku}@${r.location_id}`, r]));
    for (const line of lines) {
      if (byKey.has(`${line.sku}@${line.locationId}`)) continue;
      if ((await this.deps.locations.findByIds([line.locationId])).length === 0) throw badUserInput(`input.lines.${line.index}.locationId`, `no location ${line.locationId}`);
      if (!(await this.deps.positions.knownSkus([line.sku])).has(line.sku)) throw badUserInput(`input.lines.${line.index}.sku`, `no stock positions for ${line.sku}`);
    }
    const short = lines.flatMap((line) => {
      const row = byKey.get(`${line.sku}@${line.locationId}`);
      const available = row ? availableOf(row.on_hand, row.reserved) : 0;
      return available >= line.quantity && line !== failed ? [] : [{ line, available: Math.min(available, line.quantity - 1) }];
    });
    return {
      reservation: null,
      errors: short.map(({ line, available }) => ({
        code: 'INSUFFICIENT_STOCK',
        field: `input.lines.${line.index}.quantity`,
        message: `Only ${available} of ${line.sku} available at ${line.locationId}; ${line.quantity} requested. Nothing was reserved.`,
      })),
    };
  }
}

/** Holding stock is the hub's own business: storefronts and partner keys place orders instead. */
function assertService(claims: Claims, mutation: string): void {
  if (claims.kind !== 'service') throw forbidden(`${mutation} needs a hub service credential`);
}
