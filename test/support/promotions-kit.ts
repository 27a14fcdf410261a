// Helpers for the promotion tests: the hub's clock, polling, the promotion lifecycle through the gateway, and the ERP's own history.
import SQLite from 'better-sqlite3';
import { TEST_ADMIN_KEY, type OrdersHub } from './orders-hub.js';

export type Gql = OrdersHub['gql'];

export const PROMOTION_FIELDS = /* GraphQL */ `id name status statusReason type stacking priority channels startsAt endsAt expectedUplift dealText rule { percentOff amountOff fixedPrice currency }`;

/** Moves the hub's one clock (development admin route); returns the new now. */
export async function setClock(hub: OrdersHub, body: { set: string } | { advanceMs: number }): Promise<Date> {
  const response = await fetch(`${hub.hub.baseUrl}/admin/clock`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`clock: HTTP ${response.status}`);
  return new Date(((await response.json()) as { now: string }).now);
}

export async function hubNow(hub: OrdersHub): Promise<Date> {
  return new Date(((await (await fetch(`${hub.hub.baseUrl}/admin/clock`)).json()) as { now: string }).now);
}

export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** YYYY-MM-DD of the first Saturday at least `minDays` after `from` (UTC calendar). */
export function nextSaturday(from: Date, minDays = 3): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + minDays));
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function createPromotion(gql: Gql, input: Record<string, unknown>): Promise<any> {
  const result = await gql(/* GraphQL */ `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { promotion { ${PROMOTION_FIELDS} } errors { code message field } } }`, { input });
  if (result.errors) throw new Error(`createPromotion: ${JSON.stringify(result.errors)}`);
  return result.data.createPromotion.promotion;
}

/** Submits and waits for the checks to finish (READY or BLOCKED, or back to DRAFT when validation failed). */
export async function submitAndWait(gql: Gql, id: string, timeoutMs = 60_000): Promise<any> {
  const submitted = await gql(/* GraphQL */ `mutation($id: ID!) { submitPromotion(id: $id) { promotion { status } errors { code message } } }`, { id });
  if (submitted.errors || submitted.data.submitPromotion.errors.length) throw new Error(`submit: ${JSON.stringify(submitted)}`);
  return waitFor(async () => {
    const p = (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { ${PROMOTION_FIELDS} } }`, { id })).data?.promotion;
    return p && p.status !== 'VALIDATING' ? p : null;
  }, `promotion ${id} to finish validating`, timeoutMs);
}

export async function openExceptions(gql: Gql, promotionId: string): Promise<any[]> {
  const all: any[] = [];
  for (let after: string | null = null; ; ) {
    const page: any = (await gql(/* GraphQL */ `query($f: PromotionExceptionFilter, $after: String) { promotionExceptions(filter: $f, first: 500, after: $after) { nodes { id code sku locationId channel shortfall message status } pageInfo { hasNextPage endCursor } } }`, { f: { promotionId, statuses: ['OPEN'] }, after })).data.promotionExceptions;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

export async function resolveException(gql: Gql, id: string, resolution: string, reason = 'reviewed'): Promise<any> {
  return gql(/* GraphQL */ `mutation($id: ID!, $r: ExceptionResolution!, $reason: String!) { resolvePromotionException(id: $id, resolution: $r, reason: $reason) {
    exception { id status resolution } promotion { id status } errors { code message field } } }`, { id, r: resolution, reason });
}

/** Resolves every open exception the simplest way that lets the promotion run (tests that are not about exceptions). */
export async function resolveAll(gql: Gql, promotionId: string): Promise<void> {
  for (const e of await openExceptions(gql, promotionId)) {
    const r = await resolveException(gql, e.id, e.code === 'ITEM_NOT_ELIGIBLE' ? 'EXCLUDE_ITEM' : 'ACCEPT');
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
}

export async function schedule(gql: Gql, id: string): Promise<any> {
  const result = await gql(/* GraphQL */ `mutation($id: ID!) { schedulePromotion(id: $id) { promotion { id status } errors { code message } } }`, { id });
  if (result.errors || result.data.schedulePromotion.errors.length) throw new Error(`schedule: ${JSON.stringify(result)}`);
  return result.data.schedulePromotion.promotion;
}

export const PRICE_CART = /* GraphQL */ `query($input: PriceCartInput!) { priceCart(input: $input) {
  subtotal { centAmount } discountTotal { centAmount } total { centAmount }
  lines { sku quantity unitPrice { centAmount } lineSubtotal { centAmount } discount { centAmount } lineTotal { centAmount } adjustments { promotionId description amount { centAmount } } } } }`;

/** Half up to the cent, per unit: the engine's documented rounding. */
export function percentOff(price: number, percent: number): number {
  return Math.floor((price * Math.round(percent * 100) + 5000) / 10000);
}

export interface SalesSeries {
  sku: string;
  locationId: string;
  /** Units per weekday (0 = Sunday) over the last eight weeks. */
  weekdaySums: number[];
  weeks: number;
}

/** The ERP's own 90-day history, read from its database (what pricing's baseline must agree with). */
export function erpSalesHistory(dataDir: string): SalesSeries[] {
  const erp = new SQLite(`${dataDir}/erp.db`, { readonly: true });
  try {
    const hub = new Map((erp.prepare(`select entity, hub_id, erp_id from xref where entity in ('item', 'location')`).all() as { entity: string; hub_id: string; erp_id: string }[]).map((r) => [`${r.entity}:${r.erp_id}`, r.hub_id]));
    const rows = erp.prepare(`select item_no, wh_code, start_date, daily from sales_history`).all() as { item_no: string; wh_code: string; start_date: string; daily: Buffer }[];
    return rows.map((r) => {
      const days = r.daily.length / 2;
      const weeks = Math.min(8, Math.floor(days / 7));
      const sums = [0, 0, 0, 0, 0, 0, 0];
      const start = Date.parse(`${r.start_date}T00:00:00Z`);
      for (let d = days - weeks * 7; d < days; d++) sums[new Date(start + d * 86_400_000).getUTCDay()]! += r.daily.readUInt16LE(2 * d);
      return { sku: hub.get(`item:${r.item_no}`)!, locationId: hub.get(`location:${r.wh_code}`)!, weekdaySums: sums, weeks };
    });
  } finally {
    erp.close();
  }
}

/** A promotion that runs now: from yesterday (local) for a few days, validated, its exceptions settled, scheduled, LIVE. */
export async function runningPromotion(hub: OrdersHub, input: Record<string, unknown>, days = 5): Promise<any> {
  const today = (await hubNow(hub)).toISOString().slice(0, 10);
  const created = await createPromotion(hub.gql, { startsAt: `${plusDays(today, -1)}T00:00`, endsAt: `${plusDays(today, days)}T00:00`, expectedUplift: 1, ...input });
  await submitAndWait(hub.gql, created.id);
  await resolveAll(hub.gql, created.id);
  await schedule(hub.gql, created.id);
  await waitFor(async () => (await hub.gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status } }`, { id: created.id })).data.promotion.status === 'LIVE', `${created.id} LIVE`);
  return created;
}

/** Active, promotable SKUs with margin to spare (at most a `percent` discount keeps them over cost plus margin everywhere). */
export async function comfortableSkus(gql: Gql, percent: number, count: number): Promise<{ sku: string; store: number; web: number; cost: number }[]> {
  const nodes = (await gql(/* GraphQL */ `{ products(first: 200) { nodes { sku status promotable standardCost { centAmount } category { promotable minMarginBp parent { promotable } }
    store: price(channel: STORE, locationId: "LOC-S0001") { regular { centAmount } } web: price(channel: ECOMMERCE) { regular { centAmount } } } } }`)).data.products.nodes;
  return nodes
    .filter((p: any) => p.status === 'ACTIVE' && p.promotable && p.category.promotable && (p.category.parent?.promotable ?? true))
    .filter((p: any) => [p.store.regular.centAmount, p.web.regular.centAmount].every((price: number) => price * (1 - percent / 100) * (1 - p.category.minMarginBp / 10_000) > p.standardCost.centAmount * 1.05))
    .slice(0, count)
    .map((p: any) => ({ sku: p.sku, store: p.store.regular.centAmount, web: p.web.regular.centAmount, cost: p.standardCost.centAmount }));
}

/** Creates an API key through the gateway's /admin/graphql as the test administrator (works whatever store the hub uses). */
export async function apiKey(hub: OrdersHub, name: string, scopes: string[]): Promise<string> {
  const response = await fetch(`${hub.hub.baseUrl}/admin/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
    body: JSON.stringify({ query: /* GraphQL */ `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, variables: { input: { name, scopes } } }),
  });
  const body = (await response.json()) as { data?: { createApiKey: { key: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`createApiKey: ${JSON.stringify(body.errors)}`);
  return body.data.createApiKey.key;
}
