// Purchase orders survive the hub being killed: approved while the ERP is down, the hub killed (SIGKILL), sent once it is back.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebhookReceiver, type WebhookTestReceiver } from '@retail-hub/platform';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { within } from '@retail-hub/platform/testing/within';

/** The ERP's own purchase documents for a hub order, read from its SQLite file (read-only, beside the running hub). */
function erpDocuments(dataDir: string, hubOrderId: string): { documentNo: string; lines: { quantity: number }[] }[] {
  const db = new SQLite(join(dataDir, 'erp.db'), { readonly: true, fileMustExist: true });
  try {
    const documents = db.prepare('SELECT document_no FROM purchase_order WHERE hub_ref = ?').all(hubOrderId) as { document_no: string }[];
    const lines = db.prepare('SELECT quantity FROM purchase_order_line WHERE document_no = ? ORDER BY line_no');
    return documents.map((d) => ({ documentNo: d.document_no, lines: lines.all(d.document_no) as { quantity: number }[] }));
  } finally {
    db.close();
  }
}

describe('purchase orders across a killed hub', () => {
  let hub: HubProcess;
  let dataDir: string;
  let receiver: WebhookTestReceiver;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await hub.graphql(query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  beforeAll(async () => {
    hub = await startHubProcess({ env: { HUB_ERP_SYNC_INTERVAL_MS: '300' } });
    dataDir = hub.dataDir;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await hub?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an order approved while the ERP is down through a SIGKILL, and sends it after the restart', async () => {
    // A planner's run (once the first start has loaded the ERP's history), from empty shelves at one store.
    const skus = (await gql(/* GraphQL */ `{ products(first: 40) { nodes { sku } } }`)).products.nodes.map((p: any) => p.sku);
    for (const sku of skus) {
      const { onHand } = (await gql(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { stock(locationId: "LOC-S0003") { onHand } } }`, { sku })).product.stock;
      if (onHand > 0) await gql(/* GraphQL */ `mutation($sku: ID!, $d: Int!) { adjustStock(input: { sku: $sku, locationId: "LOC-S0003", delta: $d, reason: COUNT }) { errors { code } } }`, { sku, d: -onHand });
    }
    const run = await vi.waitFor(async () => {
      const d = await gql(/* GraphQL */ `mutation($skus: [ID!]) { runReplenishment(scope: { skus: $skus, locationIds: ["LOC-S0003"] }) { run { proposals(first: 5) { nodes { id product { sku } supplier { id } quantity } } } } }`, { skus });
      expect(d.runReplenishment.run.proposals.nodes, 'proposals for the store').not.toHaveLength(0);
      return d;
    }, within(60_000, 250));
    const proposal = run.runReplenishment.run.proposals.nodes[0];
    // The supplier's endpoint, which outlives the hub: it must get the order exactly once.
    const registered = await gql(/* GraphQL */ `mutation($input: RegisterSupplierWebhookInput!) { registerSupplierWebhook(input: $input) { secret } }`, {
      input: { supplierId: proposal.supplier.id, url: `${receiver.baseUrl}/orders` },
    });
    receiver.secrets.set('/orders', registered.registerSupplierWebhook.secret);
    const inboundBefore = (await gql(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { stock(locationId: "LOC-S0003") { inbound } } }`, { sku: proposal.product.sku })).product.stock.inbound;

    const outage = await fetch(`${hub.baseUrl}/admin/erp-faults`, { method: 'POST', body: 'outage' });
    expect(outage.ok).toBe(true);
    const approved = await gql(/* GraphQL */ `mutation($ids: [ID!]!) { approveProposals(ids: $ids) { purchaseOrders { id status } errors { code } } }`, { ids: [proposal.id] });
    const [order] = approved.approveProposals.purchaseOrders;
    expect(order.status).toBe('APPROVED');
    // Give the sender several passes against the ERP that is down: the order must still be waiting, unsent.
    await new Promise((r) => setTimeout(r, 3_000));
    const held = await gql(/* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { status sentAt } }`, { id: order.id });
    expect(held.purchaseOrder).toEqual({ status: 'APPROVED', sentAt: null });
    expect(erpDocuments(dataDir, order.id)).toEqual([]);

    await hub.kill('SIGKILL');
    // The restarted hub has no fault switched on: the ERP answers again.
    hub = await startHubProcess({ dataDir, env: { HUB_ERP_SYNC_INTERVAL_MS: '300' } });
    const sent = await vi.waitFor(async () => {
      const d = await gql(/* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { status lines { product { sku } quantity } } }`, { id: order.id });
      expect(d.purchaseOrder.status, 'the purchase order after the restart').toBe('SENT');
      return d;
    }, within(60_000, 250));
    expect(sent.purchaseOrder.lines).toEqual([{ product: { sku: proposal.product.sku }, quantity: proposal.quantity }]);
    // The ERP has it: inventory's inbound at the store counts it (once).
    await vi.waitFor(
      async () => expect((await gql(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { stock(locationId: "LOC-S0003") { inbound } } }`, { sku: proposal.product.sku })).product.stock.inbound).toBe(inboundBefore + proposal.quantity),
      within(60_000, 250),
    );
    // One ERP document, one message to the supplier: sending it after the restart did not repeat anything.
    const sentToSupplier = (d: { path: string; body: string }) => d.path === '/orders' && JSON.parse(d.body).type === 'supplier.purchase_order.sent.v1' && JSON.parse(d.body).subject === order.id;
    const [delivery] = await receiver.waitFor(1, sentToSupplier, 60_000);
    expect(delivery!.verified).toBe(true);
    expect(JSON.parse(delivery!.body).data).toMatchObject({ purchaseOrderId: order.id, lines: [{ sku: proposal.product.sku, quantity: proposal.quantity }] });
    // Give a second send (were there one) the time the first took to arrive, then count.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(new Set(receiver.received.filter(sentToSupplier).map((d) => d.id)).size).toBe(1);
    const documents = erpDocuments(dataDir, order.id);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.lines).toEqual([{ quantity: proposal.quantity }]);
    expect((await gql(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { stock(locationId: "LOC-S0003") { inbound } } }`, { sku: proposal.product.sku })).product.stock.inbound).toBe(inboundBefore + proposal.quantity);
  }, 300_000);
});
