// Which SKUs a supplier partner supplies, read from the supplier subgraph through the graph and kept for a while.
import { forbidden, GraphRequestError, type GraphClient, type Logger } from '@retail-hub/platform';

const PARTNER_ITEMS = /* GraphQL */ `
  query PartnerItems($id: ID!, $after: String) {
    supplier(id: $id) { items(first: 200, after: $after) { nodes { product { sku } } pageInfo { hasNextPage endCursor } } }
  }`;

interface PartnerItemsPage {
  supplier: { items: { nodes: { product: { sku: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
}

interface Entry {
  skus: ReadonlySet<string>;
  loadedAt: number;
  refreshing: Promise<ReadonlySet<string>> | null;
}

export interface PartnerSkusOptions {
  /** Null where the subgraph runs without the graph (some tests): partner subscriptions are then refused. */
  graph: GraphClient | null;
  logger: Logger;
  /** How long a partner's list is used before it is read again (an item newly supplied shows up within this). @default 60_000 */
  ttlMs?: number;
}

export class PartnerSkus {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(private readonly options: PartnerSkusOptions) {
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  /** The partner's SKUs, waiting for the first read; a failed first read refuses the subscription. */
  async load(supplierId: string): Promise<ReadonlySet<string>> {
    const entry = this.entries.get(supplierId);
    if (entry) return this.current(supplierId);
    return this.refresh(supplierId);
  }

  /** The latest list without waiting (per event); reads it again in the background once it is older than the TTL. */
  current(supplierId: string): ReadonlySet<string> {
    const entry = this.entries.get(supplierId);
    if (!entry) return new Set();
    if (Date.now() - entry.loadedAt > this.ttlMs && !entry.refreshing) {
      this.refresh(supplierId).catch((err) => this.options.logger.warn({ err, supplierId }, 'could not refresh a partner\'s SKUs; keeping the last list'));
    }
    return entry.skus;
  }

  private refresh(supplierId: string): Promise<ReadonlySet<string>> {
    const entry = this.entries.get(supplierId);
    if (entry?.refreshing) return entry.refreshing;
    const refreshing = this.read(supplierId).then(
      (skus) => {
        this.entries.set(supplierId, { skus, loadedAt: Date.now(), refreshing: null });
        return skus;
      },
      (error: unknown) => {
        if (entry) entry.refreshing = null;
        throw error;
      },
    );
    if (entry) entry.refreshing = refreshing;
    return refreshing;
  }

  private async read(supplierId: string): Promise<ReadonlySet<string>> {
    const graph = this.options.graph;
    if (!graph) throw forbidden('Stock changes cannot be scoped to a partner here: this inventory service has no graph client');
    const skus = new Set<string>();
    let after: string | null = null;
    do {
      const page: PartnerItemsPage | null = await graph.request<PartnerItemsPage>(PARTNER_ITEMS, { id: supplierId, after }).catch((error: unknown) => {
        // A partner whose supplier record is gone supplies nothing: it sees no changes rather than an error.
        if (error instanceof GraphRequestError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (!page) break;
      for (const node of page.supplier?.items.nodes ?? []) skus.add(node.product.sku);
      after = page.supplier?.items.pageInfo.hasNextPage ? page.supplier.items.pageInfo.endCursor : null;
    } while (after);
    return skus;
  }
}
