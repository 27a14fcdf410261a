// The stock view's first load, read through the graph (Query.stockLevels) once; inventory.stock.changed.v1 keeps it current after.
import type { Clock, GraphClient, Logger } from '@retail-hub/platform';
import type { Kysely, Transaction } from 'kysely';
import type { SyncTables } from '@retail-hub/platform';
import type { DemandRepository } from '../store/demand.repository.js';
import type { PricingDatabase } from '../store/pricing-tables.js';

export const STOCK_LEVELS_FEED = 'graph.stock-levels';
const SKUS_PER_STREAM = 40;
const STREAMS_PER_REQUEST = 6;

interface Page {
  nodes: { sku: string; location: { id: string }; available: number; inbound: number; asOf: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface StockBootstrapOptions {
  db: Kysely<PricingDatabase>;
  demand: DemandRepository;
  graph: GraphClient | undefined;
  clock: Clock;
  logger: Logger;
  /** Every SKU pricing knows (it has a list price) and the selling locations (stores and the online centre). */
  skus: () => Promise<string[]>;
  locationIds: () => Promise<string[]>;
}

/**
 * Reads every position of the selling locations in pages of 200, several SKU groups per request,
 * and stores them with "newer wins" so an event that arrived meanwhile is not undone. Done once per
 * store: it records itself in sync_state, and events carry every later change.
 */
export class StockLevelsBootstrap {
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(private readonly options: StockBootstrapOptions) {}

  async done(): Promise<boolean> {
    const row = await (this.options.db as unknown as Kysely<SyncTables>).selectFrom('sync_state').select('caught_up').where('feed', '=', STOCK_LEVELS_FEED).executeTakeFirst();
    return row?.caught_up === 1;
  }

  /** Waits for the graph (the gateway starts after the subgraphs), then loads; retried until done or stopped. */
  startInBackground(retryMs = 2000): void {
    this.stopped = false;
    const attempt = async (): Promise<void> => {
      while (!this.stopped && !(await this.done())) {
        try {
          await this.load();
        } catch (error) {
          this.options.logger.info({ err: error }, 'stock view not loaded yet (graph not reachable?); retrying');
          await new Promise((r) => setTimeout(r, retryMs).unref());
        }
      }
    };
    this.running = attempt().catch((error) => this.options.logger.error({ err: error }, 'stock view bootstrap stopped'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  async load(): Promise<number> {
    if (!this.options.graph) throw new Error('pricing has no graph client');
    const [skus, locationIds] = await Promise.all([this.options.skus(), this.options.locationIds()]);
    const streams = chunk(skus, SKUS_PER_STREAM).map((group) => ({ group, after: null as string | null, open: true }));
    let loaded = 0;
    while (!this.stopped && streams.some((s) => s.open)) {
      const batch = streams.filter((s) => s.open).slice(0, STREAMS_PER_REQUEST);
      const vars: Record<string, unknown> = { locations: locationIds };
      const fields = batch.map((s, i) => {
        vars[`s${i}`] = s.group;
        vars[`a${i}`] = s.after;
        return `p${i}: stockLevels(filter: { skus: $s${i}, locationIds: $locations }, first: 200, after: $a${i}) { nodes { sku location { id } available inbound asOf } pageInfo { hasNextPage endCursor } }`;
      });
      const decl = batch.map((_, i) => `$s${i}: [ID!], $a${i}: String`).join(', ');
      const data = await this.options.graph.request<Record<string, Page>>(`query($locations: [ID!], ${decl}) { ${fields.join('\n')} }`, vars);
      const rows = batch.flatMap((_, i) => data[`p${i}`]!.nodes.map((n) => ({ sku: n.sku, location_id: n.location.id, available: n.available, inbound: n.inbound, as_of: n.asOf })));
      await this.options.db.transaction().execute((trx) => this.options.demand.upsertStock(trx, rows));
      loaded += rows.length;
      batch.forEach((s, i) => {
        const info = data[`p${i}`]!.pageInfo;
        s.open = info.hasNextPage;
        s.after = info.endCursor;
      });
    }
    if (!this.stopped) await this.markDone();
    this.options.logger.info({ positions: loaded }, 'stock view loaded through the graph');
    return loaded;
  }

  private async markDone(): Promise<void> {
    const now = this.options.clock.now().toISOString();
    await this.options.db.transaction().execute(async (trx) => {
      await (trx as unknown as Transaction<SyncTables>)
        .insertInto('sync_state')
        .values({ feed: STOCK_LEVELS_FEED, cursor: null, last_success_at: now, last_error: null, last_error_at: null, caught_up: 1 })
        .onConflict((oc) => oc.column('feed').doUpdateSet({ caught_up: 1, last_success_at: now }))
        .execute();
    });
  }
}

function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
