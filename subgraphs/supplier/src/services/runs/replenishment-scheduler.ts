// The background side of runs: the daily run queued at its time (on the service clock), and queued runs executed one at a time.
import { PollingTask, type Clock, type Logger } from '@retail-hub/platform';
import type { ReplenishmentRunRepository } from '../../store/replenishment-run.repository.js';
import type { ReplenishmentRunService } from './replenishment-run.service.js';

export interface ReplenishmentScheduleOptions {
  /** UTC time of day ("HH:MM") the daily full run is queued; null for no daily run. @default "02:00" */
  dailyRunAt: string | null;
  /** How often the schedule and the queue are looked at. @default 1000 */
  pollIntervalMs: number;
  /** A run RUNNING for longer than this (its process died) is queued again. @default 30 min */
  staleRunMs: number;
  /** Unapproved proposals of runs older than this many days are dropped when the daily run is queued. @default 14 */
  keepProposalsDays: number;
}

export const DEFAULT_SCHEDULE: ReplenishmentScheduleOptions = { dailyRunAt: '02:00', pollIntervalMs: 1000, staleRunMs: 30 * 60_000, keepProposalsDays: 14 };

export class ReplenishmentScheduler {
  private readonly task: PollingTask;

  constructor(
    private readonly deps: {
      service: ReplenishmentRunService;
      runs: ReplenishmentRunRepository;
      clock: Clock;
      logger: Logger;
      options: ReplenishmentScheduleOptions;
      /** Queued runs wait (queued) until the stock and demand projections have loaded. */
      planningLoaded: () => boolean;
    },
  ) {
    this.task = new PollingTask({ name: 'replenishment schedule', intervalMs: deps.options.pollIntervalMs, logger: deps.logger, pass: () => this.once() });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One look: queue the daily run when its time has come, then execute whatever is queued. Never overlaps itself. */
  tick(): Promise<void> {
    return this.task.runNow();
  }

  private async once(): Promise<void> {
    const { service, runs, clock, options, logger } = this.deps;
    const now = clock.now();
    if (options.dailyRunAt && minutesOfDay(now) >= parseTime(options.dailyRunAt)) {
      const queued = await service.queueDaily();
      if (queued) {
        logger.info({ runId: queued.id, runDate: queued.run_date }, 'daily replenishment run queued');
        await service.pruneProposals(options.keepProposalsDays);
      }
    }
    await runs.requeueStale(new Date(now.getTime() - options.staleRunMs).toISOString());
    if (!this.deps.planningLoaded()) return;
    for (;;) {
      // Between runs, a stopping service ends the pass; the rest stay queued for the next start.
      if (!this.task.running) return;
      const run = await runs.claimQueued(clock.now().toISOString());
      if (!run) return;
      await service.execute(run);
    }
  }
}

function minutesOfDay(instant: Date): number {
  return instant.getUTCHours() * 60 + instant.getUTCMinutes();
}

export function parseTime(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`daily run time must be HH:MM (UTC), got ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
