// Which SKUs a supplier partner supplies, asked of the graph with the service's credential and cached briefly.
import type { GraphClient } from '../graph/graph-client.js';
import { supplierPartnerId, type Claims } from './claims.js';

/** The SKUs a supplier supplies (any supplier item of it, primary or not). */
export interface PartnerSkuSource {
  skusOf(supplierId: string): Promise<ReadonlySet<string>>;
}

const ITEMS_PAGE = /* GraphQL */ `
  query PartnerSkus($id: ID!, $after: String) {
    supplier(id: $id) { items(first: 200, after: $after) { nodes { product { sku } } pageInfo { hasNextPage endCursor } } }
  }`;

interface ItemsPage {
  supplier: { items: { nodes: { product: { sku: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
}

export interface GraphPartnerSkuOptions {
  /** How long an answer is reused: a new supplier item shows up to the partner after at most this. @default 30_000 */
  ttlMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Product and inventory know nothing of suppliers; the supplier subgraph does, so they ask it through the
 * graph. A failure is not cached and is thrown: the partner's request fails rather than seeing too much.
 */
export function partnerSkusThroughGraph(graph: GraphClient | undefined, options: GraphPartnerSkuOptions = {}): PartnerSkuSource {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; skus: Promise<ReadonlySet<string>> }>();
  return {
    skusOf(supplierId) {
      // No graph (a subgraph started on its own): a partner sees nothing, never everything.
      if (!graph) return Promise.resolve(new Set<string>());
      const hit = cache.get(supplierId);
      if (hit && now() - hit.at < ttlMs) return hit.skus;
      const skus = fetchAll(graph, supplierId);
      cache.set(supplierId, { at: now(), skus });
      skus.catch(() => cache.delete(supplierId));
      return skus;
    },
  };
}

async function fetchAll(graph: GraphClient, supplierId: string): Promise<ReadonlySet<string>> {
  const skus = new Set<string>();
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const data: ItemsPage = await graph.request<ItemsPage>(ITEMS_PAGE, { id: supplierId, after }).catch((error: { code?: string }) => {
      // An unknown supplier id (a key for a supplier since removed) supplies nothing.
      if (error.code === 'NOT_FOUND') return { supplier: null };
      throw error;
    });
    if (!data.supplier) break;
    for (const node of data.supplier.items.nodes) skus.add(node.product.sku);
    if (!data.supplier.items.pageInfo.hasNextPage) break;
    after = data.supplier.items.pageInfo.endCursor;
  }
  return skus;
}

/**
 * The per-request view: null for a caller who is not a supplier partner (no restriction), else the SKUs it
 * may see. Looked up once per request, on first use.
 */
export function partnerSkuScope(claims: Claims, source: PartnerSkuSource): () => Promise<ReadonlySet<string> | null> {
  const supplierId = supplierPartnerId(claims);
  if (!supplierId) return () => Promise.resolve(null);
  let skus: Promise<ReadonlySet<string>> | null = null;
  return () => (skus ??= source.skusOf(supplierId));
}
