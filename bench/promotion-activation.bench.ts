// Benchmark: a promotion's activation at the default retailer size (2,000 SKUs x 300 stores): validation of a 2,000-SKU promotion
// over every store, and its go-live publication to 300 store POS endpoints plus ecommerce, mobile and analytics; each against a
// 20-SKU (validation) or 200-SKU (publication) promotion over the same stores in the same run.
// Run: npx tsx bench/promotion-activation.bench.ts [--data-dir DIR] [--runs 3] [--cpu-prof DIR (profiles the hub process)]
// A fresh data directory costs a first start (seeding, the first syncs, pricing's stock view read through the graph: minutes);
// --data-dir reuses one from an earlier run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { verifyWebhook } from '../platform/src/webhooks/webhook-signature.js';
import { cpuSeconds, waitUntilQuiet } from './support/process-cpu.js';
import { startServices } from './support/service-process.js';
import { median } from './support/stats.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'cpu-prof': { type: 'string' }, runs: { type: 'string', default: '3' }, skus: { type: 'string', default: '2000' }, stores: { type: 'string', default: '300' } } });
const RUNS = Number(values.runs);
const KEY = `rh_live_benchpromos2_${'q'.repeat(43)}`;
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-promotions-'));
const service = await startServices(['--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', values.skus!, '--stores', values.stores!], { HUB_BOOTSTRAP_ADMIN_KEY: KEY }, values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []);
const hubPid = service.child.pid!;
const base = /GraphQL endpoint:\s+(http:\/\/\S+)\/graphql/.exec(service.output())![1]!.replace('localhost', '127.0.0.1');

/** Retries a timed-out call: right after a start the hub's services are still catching up with the ERP. */
async function gql(query: string, variables: Record<string, unknown> = {}, tries = 10): Promise<any> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  if (body.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_TIMEOUT') && tries > 1) return sleep(3000).then(() => gql(query, variables, tries - 1));
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}
const clock = (set: string) => fetch(`${base}/admin/clock`, { method: 'POST', body: JSON.stringify({ set }) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const day = (offset: number) => new Date(Date.UTC(2031, 0, 4 + offset)).toISOString().slice(0, 10); // Saturday 4 January 2031

/** Pricing's own state, read from its store: whether baseline demand and the stock view are loaded. */
function pricingReady(): boolean {
  try {
    const db = new SQLite(join(dataDir, 'pricing.db'), { readonly: true });
    try {
      const feeds = db.prepare(`select feed from sync_state where caught_up = 1`).all() as { feed: string }[];
      return ['erp.sales-history', 'graph.stock-levels'].every((f) => feeds.some((r) => r.feed === f));
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

async function validate(name: string, targets: object, startDay: number, days = 2): Promise<{ id: string; ms: number; cpu: number; exceptions: number }> {
  const { createPromotion } = await gql(/* GraphQL */ `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { promotion { id } } }`, {
    input: { name, type: 'PERCENT_OFF', percentOff: 10, targets, channels: ['STORE', 'ECOMMERCE', 'MOBILE'], startsAt: `${day(startDay)}T00:00`, endsAt: `${day(startDay + days)}T00:00`, expectedUplift: 1.5 },
  });
  const id = createPromotion.promotion.id;
  const started = performance.now();
  const cpuBefore = cpuSeconds(hubPid);
  // Submitted once: a retried submit after a timeout would find the promotion already validated. A timed-out answer still
  // started the validation (the status below says when it is done).
  await gql(/* GraphQL */ `mutation($id: ID!) { submitPromotion(id: $id) { errors { code } } }`, { id }, 1).catch((error: Error) => {
    if (!error.message.includes('SUBGRAPH_TIMEOUT')) throw error;
  });
  for (;;) {
    const { promotion } = await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status exceptions(first: 1) { totalCount } } }`, { id });
    if (promotion.status !== 'VALIDATING') return { id, ms: performance.now() - started, cpu: cpuSeconds(hubPid) - cpuBefore, exceptions: promotion.exceptions.totalCount };
    await sleep(25);
  }
}

try {
  process.stdout.write('waiting for pricing\'s baseline demand and stock view');
  while (!pricingReady()) {
    process.stdout.write('.');
    await sleep(5000);
  }
  console.log(' loaded.');
  // After a start the services catch up with the ERP (supplier folds 90 days of history, inventory follows the feed): measure after.
  process.stdout.write('waiting for the hub to settle...');
  console.log((await waitUntilQuiet([hubPid], { coreShare: 0.15, quietSeconds: 3, maxSeconds: 300 })) ? ' idle.\n' : ' NOT idle after 5 minutes.\n');
  await clock(`${day(-10)}T12:00:00.000Z`);
  const departments: string[] = (await gql(/* GraphQL */ `{ categories { id parent { id } } }`)).categories.filter((c: any) => !c.parent).map((c: any) => c.id);
  const skus: string[] = (await gql(/* GraphQL */ `{ products(first: 200) { nodes { sku } } }`)).products.nodes.map((p: any) => p.sku);

  // Validation: every check, every SKU x store, through the gateway (submit to READY/BLOCKED).
  const small: number[] = [];
  const large: { ms: number; cpu: number; exceptions: number; id: string }[] = [];
  for (let run = 0; run < RUNS; run++) {
    small.push((await validate(`Bench 20 SKUs ${run}`, { skus: skus.slice(run * 20, run * 20 + 20) }, 7 * (run + 1))).ms);
    large.push(await validate(`Bench all SKUs ${run}`, { categoryIds: departments }, 7 * (run + 1)));
  }
  const items = (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { items { totalCount } windows { locationId } } }`, { id: large[0]!.id })).promotion;
  console.log(`validation, ${items.items.totalCount} SKUs x ${items.windows.length} locations: median ${median(large.map((r) => r.ms)).toFixed(0)} ms, max ${Math.max(...large.map((r) => r.ms)).toFixed(0)} ms, hub CPU median ${median(large.map((r) => r.cpu)).toFixed(1)} s (${large[0]!.exceptions} exceptions found); 20 SKUs: median ${median(small).toFixed(0)} ms`);

  // Publication: 300 POS endpoints, ecommerce, mobile and analytics on one receiver (a path each).
  const arrivals = new Map<string, { at: number; bytes: number; promotion: string }[]>();
  const secrets = new Map<string, string>();
  let badSignatures = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url!;
      if (!verifyWebhook(secrets.get(path)!, req.headers, body).ok) badSignatures++;
      const promotion = /"promotionId":"(PROMO-[^"]+)"/.exec(body.slice(0, 2000))?.[1] ?? '';
      arrivals.set(path, [...(arrivals.get(path) ?? []), { at: performance.now(), bytes: body.length, promotion }]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const stores: string[] = items.windows.map((w: any) => w.locationId).filter((id: string) => id.startsWith('LOC-S'));
  const register = async (path: string, input: object) => {
    const { registerWebhook } = await gql(/* GraphQL */ `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret } }`, { i: { url: `${receiverUrl}${path}`, ...input } });
    secrets.set(path, registerWebhook.secret);
  };
  // A reused data directory still has the endpoints of an earlier run, on a receiver that is gone: they would take deliveries too.
  for (const { id } of (await gql(/* GraphQL */ `{ webhooks { id } }`)).webhooks) await gql(/* GraphQL */ `mutation($id: ID!) { deactivateWebhook(id: $id) { id } }`, { id });
  // Their undelivered messages would stay PENDING (the clock was moved back, so they are never due) and every dispatcher pass
  // would scan them: a fresh directory has none, so they are dead-lettered here.
  const leftovers = new SQLite(join(dataDir, 'pricing.db'));
  leftovers.pragma('busy_timeout = 10000');
  const dead = leftovers.prepare(`update webhook_message set status = 'DEAD', dead_at = ? where status = 'PENDING' and endpoint_id in (select id from webhook_endpoint where active = 0)`).run(new Date().toISOString()).changes;
  leftovers.close();
  if (dead) console.log(`(a reused data directory: ${dead} undelivered messages of an earlier run's endpoints dead-lettered)`);
  for (const store of stores) await register(`/pos/${store}`, { audience: 'STORE', locationId: store });
  for (const audience of ['ECOMMERCE', 'MOBILE', 'ANALYTICS']) await register(`/${audience.toLowerCase()}`, { audience });

  // The exceptions (thin stock against the uplift, margins) are accepted in pricing's store directly: resolving thousands
  // one by one through the API is a different measurement. Then schedule through the API.
  const publish = async (label: string, id: string, startDay: number) => {
    const db = new SQLite(join(dataDir, 'pricing.db'));
    db.pragma('busy_timeout = 10000');
    db.prepare(`update promotion_exception set status = 'RESOLVED', resolution = 'ACCEPT', reason = 'bench' where promotion_id = ? and status = 'OPEN'`).run(id);
    db.prepare(`update promotion set status = 'READY' where id = ? and status = 'BLOCKED'`).run(id);
    db.close();
    await gql(/* GraphQL */ `mutation($id: ID!) { schedulePromotion(id: $id) { errors { code message } } }`, { id });
    const mine = (path: string) => (arrivals.get(path) ?? []).filter((a) => a.promotion === id);
    // Past every store's local start: all 300 go live in one pass, the worst case.
    const t0 = performance.now();
    const cpu0 = cpuSeconds(hubPid);
    await clock(`${day(startDay)}T12:00:00.000Z`);
    while (!stores.every((s) => mine(`/pos/${s}`).length > 0)) await sleep(10);
    const storesDone = Math.max(...stores.map((s) => mine(`/pos/${s}`)[0]!.at)) - t0;
    const storesCpu = cpuSeconds(hubPid) - cpu0;
    while (mine('/analytics').length < stores.length + 1 || !mine('/ecommerce').length || !mine('/mobile').length) await sleep(10);
    const allDone = Math.max(...[...arrivals.keys()].flatMap((p) => mine(p).map((a) => a.at))) - t0;
    const bytes = [...arrivals.keys()].flatMap((p) => mine(p)).reduce((s, a) => s + a.bytes, 0);
    const first = Math.min(...stores.map((s) => mine(`/pos/${s}`)[0]!.at)) - t0;
    console.log(`${label.padEnd(26)} first store ${first.toFixed(0)} ms, every store ${storesDone.toFixed(0)} ms (hub CPU ${storesCpu.toFixed(1)} s), every endpoint (ecommerce, mobile, ${stores.length + 1} analytics batches) ${allDone.toFixed(0)} ms, ${(bytes / 1e6).toFixed(0)} MB signed and sent`);
    return storesDone;
  };
  // The 200-SKU promotion runs from day 0 for two weeks, so it is still running (nothing ends) when the large one goes live on day 7.
  const baselineId = (await validate('Bench 200 SKUs publication', { skus: skus.slice(0, 200) }, 0, 14)).id;
  const baseline = await publish('go-live, 200 SKUs:', baselineId, 0);
  const full = await publish(`go-live, ${items.items.totalCount} SKUs:`, large[0]!.id, 7);
  // The end: both promotions' windows close; every store is told to revert (and the data directory is left with nothing running).
  const ends = (path: string) => (arrivals.get(path) ?? []).filter((a) => a.promotion === large[0]!.id).length;
  const tEnd = performance.now();
  await clock(`${day(16)}T12:00:00.000Z`);
  while (!stores.every((s) => ends(`/pos/${s}`) > 1)) await sleep(10);
  console.log(`${'end, both promotions:'.padEnd(26)} every store had its revert batch ${(performance.now() - tEnd).toFixed(0)} ms after the clock passed the end`);
  console.log(`\nevery store endpoint had its batch ${(full / 1000).toFixed(1)} s after the clock passed the start (target < 10 s); ${(full / baseline).toFixed(1)}x the 200-SKU go-live; bad signatures: ${badSignatures}`);
  console.log(`machine load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores)`);
  receiver.close();
} finally {
  await service.stop();
  if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
}
