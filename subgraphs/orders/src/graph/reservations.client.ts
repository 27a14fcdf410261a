// Holds, commits and releases an order's stock in inventory through the graph, with the orders service credential.
import type { GraphClient } from '@retail-hub/platform';
import { fromGraphError } from './graph-errors.js';

export interface HeldLine {
  sku: string;
  locationId: string;
  quantity: number;
}

export interface ReservationView {
  orderId: string;
  status: string;
  expiresAt: string | null;
  lines: HeldLine[];
}

export interface ReservationOutcome {
  reservation: ReservationView | null;
  errors: { code: string; message: string; field: string | null }[];
}

const FIELDS = /* GraphQL */ `reservation { orderId status expiresAt lines { sku quantity location { id } } } errors { code message field }`;
const RESERVE = /* GraphQL */ `mutation OrdersReserve($input: ReserveStockInput!) { reserveStock(input: $input) { ${FIELDS} } }`;
const COMMIT = /* GraphQL */ `mutation OrdersCommitReservation($orderId: ID!) { commitReservation(orderId: $orderId) { ${FIELDS} } }`;
const RELEASE = /* GraphQL */ `mutation OrdersRelease($orderId: ID!, $reason: String) { releaseReservation(orderId: $orderId, reason: $reason) { ${FIELDS} } }`;
const READ = /* GraphQL */ `query OrdersReservation($orderId: ID!) { reservation(orderId: $orderId) { orderId status expiresAt lines { sku quantity location { id } } } }`;

interface RawReservation {
  orderId: string;
  status: string;
  expiresAt: string | null;
  lines: { sku: string; quantity: number; location: { id: string } }[];
}

export class ReservationsClient {
  constructor(private readonly graph: GraphClient) {}

  /** Holds all lines or none; a hold with `ttlSeconds` lapses unless committed (an unpaid order). */
  async reserve(orderId: string, lines: HeldLine[], ttlSeconds: number | null): Promise<ReservationOutcome> {
    return this.call(RESERVE, { input: { orderId, lines, ttlSeconds } }, 'reserveStock');
  }

  async commit(orderId: string): Promise<ReservationOutcome> {
    return this.call(COMMIT, { orderId }, 'commitReservation');
  }

  async release(orderId: string, reason: string): Promise<ReservationOutcome> {
    return this.call(RELEASE, { orderId, reason }, 'releaseReservation');
  }

  async read(orderId: string): Promise<ReservationView | null> {
    try {
      const data = await this.graph.request<{ reservation: RawReservation | null }>(READ, { orderId });
      return data.reservation ? toView(data.reservation) : null;
    } catch (error) {
      throw fromGraphError(error, 'inventory', () => null);
    }
  }

  private async call(query: string, variables: Record<string, unknown>, field: string): Promise<ReservationOutcome> {
    let data: Record<string, { reservation: RawReservation | null; errors: ReservationOutcome['errors'] }>;
    try {
      data = await this.graph.request(query, variables);
    } catch (error) {
      throw fromGraphError(error, 'inventory', () => null);
    }
    const result = data[field]!;
    return { reservation: result.reservation ? toView(result.reservation) : null, errors: result.errors };
  }
}

function toView(r: RawReservation): ReservationView {
  return { orderId: r.orderId, status: r.status, expiresAt: r.expiresAt, lines: r.lines.map((l) => ({ sku: l.sku, locationId: l.location.id, quantity: l.quantity })) };
}
