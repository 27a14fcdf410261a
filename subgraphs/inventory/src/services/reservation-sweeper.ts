// Releases unpaid orders' holds whose time is up: polls the hub's clock, so moving the clock in development expires them too.
import { PollingTask, type Clock, type Logger, type ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { ReservationRepository } from '../store/reservation.repository.js';
import type { ReservationLedger } from './reservation-ledger.js';

export interface ReservationSweeperOptions {
  db: Kysely<InventoryDatabase>;
  events: ServiceEvents;
  reservations: ReservationRepository;
  ledger: ReservationLedger;
  clock: Clock;
  logger: Logger;
  /** How often to look for lapsed holds. @default 1000 */
  intervalMs?: number;
}

export class ReservationSweeper {
  private readonly task: PollingTask<number>;

  constructor(private readonly options: ReservationSweeperOptions) {
    this.task = new PollingTask({ name: 'reservation sweep', intervalMs: options.intervalMs ?? 1000, logger: options.logger, pass: () => this.sweep() });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Expires every hold due now, each in its own transaction with its events; returns how many it expired. */
  sweepNow(): Promise<number> {
    return this.task.runNow();
  }

  private async sweep(): Promise<number> {
    const { events, db, ledger, reservations, clock } = this.options;
    let expired = 0;
    for (;;) {
      const due = await reservations.expiring(clock.now().toISOString(), 100);
      let round = 0;
      for (const orderId of due) {
        if (await events.transaction(db, (trx, emit) => ledger.expire(trx, orderId, emit))) round++;
      }
      expired += round;
      if (due.length < 100 || round === 0) return expired;
    }
  }
}
