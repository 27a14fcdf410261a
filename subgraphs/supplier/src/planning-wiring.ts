// Builds the replenishment side of the subgraph: projections of stock and demand, their consumers, runs, their schedule.
import type { Dialect, ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import { orderDemandConsumer } from './events/order-demand.consumer.js';
import { promotionWindowsConsumer } from './events/promotion-windows.consumer.js';
import { stockChangedConsumer } from './events/stock-changed.consumer.js';
import type { SupplierSubgraphDeps } from './server.js';
import { DemandCatchUp } from './services/demand-catch-up.js';
import { LocationSlots } from './services/location-slots.js';
import { PlanningData } from './services/planning-data.js';
import { ReplenishmentQueryService } from './services/runs/replenishment-query.service.js';
import { ReplenishmentRunService } from './services/runs/replenishment-run.service.js';
import { DEFAULT_SCHEDULE, ReplenishmentScheduler } from './services/runs/replenishment-scheduler.js';
import { RunEngine } from './services/runs/run-engine.js';
import { SalesHistoryImport } from './sources/sales-history.import.js';
import { StockPositionsFeed } from './sources/stock-positions.feed.js';
import { DemandBlockRepository } from './store/demand-block.repository.js';
import { DemandDayRepository } from './store/demand-day.repository.js';
import { LocationSlotRepository } from './store/location-slot.repository.js';
import { PlanningOrdersRepository } from './store/planning-orders.repository.js';
import { PositionBlockRepository } from './store/position-block.repository.js';
import { PromotionWindowRepository } from './store/promotion-window.repository.js';
import { ReplenishmentExceptionRepository } from './store/replenishment-exception.repository.js';
import { ReplenishmentProposalRepository } from './store/replenishment-proposal.repository.js';
import { ReplenishmentRunItemRepository } from './store/replenishment-run-item.repository.js';
import { ReplenishmentRunRepository } from './store/replenishment-run.repository.js';
import type { SupplierItemRepository } from './store/supplier-item.repository.js';
import type { SupplierDatabase } from './store/supplier-tables.js';
import type { SupplierRepository } from './store/supplier.repository.js';

export interface PlanningWiringInput {
  deps: SupplierSubgraphDeps;
  db: Kysely<SupplierDatabase>;
  dialect: Dialect;
  events: ServiceEvents;
  items: SupplierItemRepository;
  suppliers: SupplierRepository;
}

export type Planning = ReturnType<typeof createPlanning>;

export function createPlanning({ deps, db, dialect, events, items, suppliers }: PlanningWiringInput) {
  const { clock, logger } = deps;
  const now = () => clock.now().toISOString();
  const slots = new LocationSlots(new LocationSlotRepository(db), clock);
  const positions = new PositionBlockRepository(db, dialect);
  const demand = new DemandBlockRepository(db, dialect);
  const demandDays = new DemandDayRepository(db);
  const promotions = new PromotionWindowRepository(db);
  const runRepository = new ReplenishmentRunRepository(db);
  const runItems = new ReplenishmentRunItemRepository(db, dialect);
  const proposals = new ReplenishmentProposalRepository(db, dialect);
  const exceptions = new ReplenishmentExceptionRepository(db, dialect);
  const data = new PlanningData({
    slots,
    stock: new StockPositionsFeed({ db, ledger: deps.erp.stockLedger, blocks: positions, slots, clock, logger, onProgress: deps.onSyncProgress }),
    history: new SalesHistoryImport({ db, salesFinance: deps.erp.salesFinance, blocks: demand, slots, clock, logger, onProgress: deps.onSyncProgress }),
    logger,
  });
  const engine = new RunEngine({
    positions,
    demand,
    catchUp: new DemandCatchUp({ db, blocks: demand, days: demandDays, slots, clock }),
    items,
    suppliers,
    orders: new PlanningOrdersRepository(db),
    promotions,
    runItems,
    proposals,
    exceptions,
    slots,
    clock,
    logger,
  });
  const known = {
    async skus(wanted: readonly string[]) {
      const found = new Set((await items.findBySkus({ supplierId: null }, wanted)).map((i) => i.sku));
      for (const block of await positions.page(null, wanted.length, wanted.filter((s) => !found.has(s)))) found.add(block.sku);
      return found;
    },
    async suppliers(wanted: readonly string[]) {
      return new Set((await suppliers.findByIds({ supplierId: null }, wanted)).map((s) => s.id));
    },
  };
  const runs = new ReplenishmentRunService({ db, events, runs: runRepository, proposals, engine, slots, known, clock, logger, planningReady: () => data.ready() });
  const scheduler = new ReplenishmentScheduler({ service: runs, runs: runRepository, clock, logger, options: { ...DEFAULT_SCHEDULE, ...deps.replenishment }, planningLoaded: () => data.isReady });
  const consumers = [
    stockChangedConsumer({ blocks: positions, slots, now }),
    orderDemandConsumer({ days: demandDays }),
    promotionWindowsConsumer({ promotions, queueRun: (trx, trigger, scope, promotionId) => runs.queue(trx, trigger, scope, promotionId), now }),
  ];
  return {
    slots,
    positions,
    data,
    runs,
    scheduler,
    consumers,
    runRepository,
    runItems,
    proposals,
    query: new ReplenishmentQueryService({ runs: runRepository, runItems, proposals, exceptions, slots }),
  };
}
