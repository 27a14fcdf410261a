// Releases unpaid orders' holds whose time is up: polls the hub's clock, so moving the clock in development expires them too.
import type { Clock, Logger, ServiceEvents } from '@retail-hub/platform';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly options: ReservationSweeperOptions) {}

  start(): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.sweepNow()
          .catch((err) => this.options.logger.error({ err }, 'reservation sweep failed'))
          .finally(() => this.timer && tick());
      }, this.options.intervalMs ?? 1000);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Expires every hold due now, each in its own transaction with its events; returns how many it expired. */
  sweepNow(): Promise<number> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
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
