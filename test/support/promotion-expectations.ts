// What a promotion's checks should find, worked out independently: catalog, prices and stock from the graph, demand from the ERP's own history.
import type { Gql, SalesSeries } from './promotions-kit.js';

export interface CatalogProduct {
  sku: string;
  status: string;
  promotable: boolean;
  categoryPath: string[];
  unitCost: number;
  minMarginBp: number;
  /** Regular unit price per channel point: ECOMMERCE, MOBILE, and STORE:<region>. */
  prices: Map<string, number>;
  supplier: { leadTimeDays: number; weeklyCapacity: number } | null;
}

/** Every product with what the checks look at; store prices from one store per region. */
export async function readCatalog(gql: Gql, storeByRegion: Map<string, string>): Promise<CatalogProduct[]> {
  const regions = [...storeByRegion];
  const storePrices = regions.map(([, store], i) => `r${i}: price(channel: STORE, locationId: "${store}") { regular { centAmount } }`).join(' ');
  const products: CatalogProduct[] = [];
  for (let after: string | null = null; ; ) {
    const page: any = (
      await gql(
        /* GraphQL */ `query($after: String) { products(first: 200, after: $after) { pageInfo { hasNextPage endCursor } nodes {
          sku status promotable standardCost { centAmount } category { id promotable minMarginBp parent { id promotable } }
          primarySupplier { leadTimeDays weeklyCapacity }
          web: price(channel: ECOMMERCE) { regular { centAmount } } app: price(channel: MOBILE) { regular { centAmount } } ${storePrices} } } }`,
        { after },
      )
    ).data.products;
    for (const p of page.nodes) {
      const prices = new Map<string, number>([['ECOMMERCE', p.web.regular.centAmount], ['MOBILE', p.app.regular.centAmount]]);
      regions.forEach(([region], i) => prices.set(`STORE:${region}`, p[`r${i}`].regular.centAmount));
      products.push({
        sku: p.sku,
        status: p.status,
        promotable: p.promotable && p.category.promotable && (p.category.parent?.promotable ?? true),
        categoryPath: [p.category.id, ...(p.category.parent ? [p.category.parent.id] : [])],
        unitCost: p.standardCost.centAmount,
        minMarginBp: p.category.minMarginBp,
        prices,
        supplier: p.primarySupplier,
      });
    }
    if (!page.pageInfo.hasNextPage) return products;
    after = page.pageInfo.endCursor;
  }
}

/** Available + inbound per `sku@location`, from the graph's stock levels. */
export async function readStock(gql: Gql, skus: readonly string[]): Promise<Map<string, number>> {
  const stock = new Map<string, number>();
  for (let i = 0; i < skus.length; i += 400) {
    for (let after: string | null = null; ; ) {
      const page: any = (await gql(/* GraphQL */ `query($f: StockQueryFilter, $after: String) { stockLevels(filter: $f, first: 200, after: $after) { nodes { sku location { id } available inbound } pageInfo { hasNextPage endCursor } } }`, { f: { skus: skus.slice(i, i + 400) }, after })).data.stockLevels;
      for (const n of page.nodes) stock.set(`${n.sku}@${n.location.id}`, n.available + n.inbound);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  }
  return stock;
}

export function expectedIneligible(products: readonly CatalogProduct[]): string[] {
  return products.filter((p) => p.status !== 'ACTIVE' || !p.promotable).map((p) => p.sku).sort();
}

/** SKUs whose price after `percent` off (rounded half up per unit) is under cost / (1 - margin) at any price point. */
export function expectedMarginBreaches(products: readonly CatalogProduct[], percent: number, points: readonly string[]): string[] {
  return products
    .filter((p) => {
      const floor = Math.ceil((p.unitCost * 10_000) / (10_000 - p.minMarginBp));
      return points.some((point) => {
        const price = p.prices.get(point)!;
        return price - Math.floor((price * Math.round(percent * 100) + 5000) / 10000) < floor;
      });
    })
    .map((p) => p.sku)
    .sort();
}

/** `sku@location` -> units short, for demand over the weekdays covered x uplift against available + inbound. */
export function expectedShortfalls(history: readonly SalesSeries[], stock: ReadonlyMap<string, number>, skus: ReadonlySet<string>, locations: ReadonlySet<string>, weekdays: readonly number[], uplift: number): Map<string, number> {
  const short = new Map<string, number>();
  for (const s of history) {
    if (!skus.has(s.sku) || !locations.has(s.locationId)) continue;
    const demand = (weekdays.reduce((sum, d) => sum + s.weekdaySums[d]!, 0) * uplift) / s.weeks;
    const have = stock.get(`${s.sku}@${s.locationId}`) ?? 0;
    if (demand > have) short.set(`${s.sku}@${s.locationId}`, Math.ceil(demand - have - 1e-9));
  }
  return short;
}

/** SKUs whose total shortfall their supplier cannot land before the start (a week's capacity per week from the lead time). */
export function expectedSupplierShort(products: readonly CatalogProduct[], shortfalls: ReadonlyMap<string, number>, daysUntilStart: number): string[] {
  const bySku = new Map<string, number>();
  for (const [key, units] of shortfalls) bySku.set(key.split('@')[0]!, (bySku.get(key.split('@')[0]!) ?? 0) + units);
  return [...bySku]
    .filter(([sku, units]) => {
      const terms = products.find((p) => p.sku === sku)!.supplier;
      if (!terms) return true;
      const can = daysUntilStart < terms.leadTimeDays ? 0 : (Math.floor((daysUntilStart - terms.leadTimeDays) / 7) + 1) * terms.weeklyCapacity;
      return units > can;
    })
    .map(([sku]) => sku)
    .sort();
}
