// The hub's locations (type, region, open or closed) as orders needs them for checks and routing: read from the graph, kept in memory.
import type { GraphClient, Logger } from '@retail-hub/platform';
import type { RoutingLocation } from '../services/fulfilment-routing.js';
import { fromGraphError } from './graph-errors.js';

const LOCATIONS = /* GraphQL */ `
  query OrdersLocations($after: String) {
    locations(first: 200, after: $after) { nodes { id type region active } pageInfo { hasNextPage endCursor } }
  }
`;

export interface LocationDirectoryOptions {
  graph: GraphClient;
  logger: Logger;
  /** How long a loaded list is used before it is read again. @default 300_000 */
  refreshMs?: number;
  /** An unknown id reloads the list at most this often (a store opened since), so bad ids cannot hammer the graph. @default 10_000 */
  unknownReloadMs?: number;
}

export class LocationDirectory {
  private byId = new Map<string, RoutingLocation>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(private readonly options: LocationDirectoryOptions) {}

  /** Every known location (loaded on first use). */
  async all(): Promise<RoutingLocation[]> {
    await this.fresh();
    return [...this.byId.values()];
  }

  /** One location, or null when the hub has no such location. */
  async get(id: string): Promise<RoutingLocation | null> {
    await this.fresh();
    const found = this.byId.get(id);
    if (found || performance.now() - this.loadedAt < (this.options.unknownReloadMs ?? 10_000)) return found ?? null;
    await this.load();
    return this.byId.get(id) ?? null;
  }

  /** Whether any location is in this region (case-insensitive). */
  async hasRegion(region: string): Promise<boolean> {
    return (await this.all()).some((l) => l.region.toUpperCase() === region.toUpperCase());
  }

  private async fresh(): Promise<void> {
    if (performance.now() - this.loadedAt < (this.options.refreshMs ?? 300_000)) return;
    if (this.byId.size > 0) {
      // A stale list still answers; the reload runs beside the request.
      void this.load().catch((err) => this.options.logger.warn({ err }, 'location directory refresh failed'));
      return;
    }
    await this.load();
  }

  private load(): Promise<void> {
    this.loading ??= this.read().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async read(): Promise<void> {
    const next = new Map<string, RoutingLocation>();
    let after: string | null = null;
    try {
      do {
        const data: { locations: { nodes: RoutingLocation[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.options.graph.request(LOCATIONS, { after });
        for (const l of data.locations.nodes) next.set(l.id, l);
        after = data.locations.pageInfo.hasNextPage ? data.locations.pageInfo.endCursor : null;
      } while (after);
    } catch (error) {
      throw fromGraphError(error, 'inventory', () => null);
    }
    this.byId = next;
    this.loadedAt = performance.now();
  }
}
