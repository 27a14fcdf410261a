// adjustStock: booked in the ERP first, then the hub's view and its event; refusals write nothing anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execute, type Claims, type EventEnvelope } from '@retail-hub/platform';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { outboxEvents, snapshot, startInventory, type InventoryHarness } from './inventory-harness.js';

const ADJUST = /* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { sku onHand reserved available inbound asOf stale location { id } } errors { code message field } } }`;
const eventSchema = JSON.parse(readFileSync(new URL('../../../platform/src/events/schemas/inventory.stock.changed.v1.schema.json', import.meta.url), 'utf8'));

describe.each(TEST_DIALECTS)('adjustStock on %s', (dialect) => {
  let h: InventoryHarness;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    h = await startInventory(dialect);
    await h.deps.bus.subscribe({ consumer: 'test-listener', types: ['inventory.stock.*'], handler: async ({ event }) => void received.push(event) });
  });

  afterAll(async () => {
    await h?.close();
  });

  const onHandInErp = async (sku: string, locationId: string) => (await h.erp.erp.ports.stockLedger.getPositions([{ sku, locationId }]))[0]!.onHand;

  it('books the adjustment in the ERP, updates the hub view and publishes inventory.stock.changed.v1', async () => {
    const before = await onHandInErp('SKU-000010', 'LOC-S0002');
    const result = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000010', locationId: 'LOC-S0002', delta: 7, reason: 'RECEIPT', note: 'found a carton' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.adjustStock.errors).toEqual([]);
    expect(result.data.adjustStock.stockLevel).toMatchObject({ sku: 'SKU-000010', onHand: before + 7, reserved: 0, available: before + 7, stale: false, location: { id: 'LOC-S0002' } });
    expect(await onHandInErp('SKU-000010', 'LOC-S0002')).toBe(before + 7);

    const read = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(filter: { skus: ["SKU-000010"], locationIds: ["LOC-S0002"] }) { nodes { onHand } } }`);
    expect(read.data.stockLevels.nodes).toEqual([{ onHand: before + 7 }]);

    await h.subgraph.events.relay.flush();
    const event = received.find((e) => e.subject === 'SKU-000010@LOC-S0002');
    expect(event).toMatchObject({ type: 'inventory.stock.changed.v1', source: '/retail-hub/inventory' });
    expect(event!.data).toMatchObject({
      sku: 'SKU-000010',
      locationId: 'LOC-S0002',
      onHand: before + 7,
      reserved: 0,
      available: before + 7,
      previous: { onHand: before, reserved: 0 },
      reason: 'ADJUSTMENT:RECEIPT',
    });
    // The published JSON Schema describes exactly what is emitted.
    expect(Object.keys(event!.data as object).sort()).toEqual([...eventSchema.required].sort());
    expect(Object.keys((event!.data as { previous: object }).previous).sort()).toEqual([...eventSchema.properties.previous.required].sort());
    expect((event!.data as { reason: string }).reason).toMatch(new RegExp(eventSchema.properties.reason.pattern));
  });

  it('books a retried adjustment id once, and refuses the id for a different adjustment', async () => {
    const input = { sku: 'SKU-000011', locationId: 'LOC-S0001', delta: 3, reason: 'RETURN', adjustmentId: `retry-${dialect}` };
    const before = await onHandInErp('SKU-000011', 'LOC-S0001');
    const first = await execute(h.subgraph, ADJUST, { input });
    const again = await execute(h.subgraph, ADJUST, { input });
    expect(first.data.adjustStock.stockLevel.onHand).toBe(before + 3);
    expect(again.data.adjustStock).toMatchObject({ stockLevel: { onHand: before + 3 }, errors: [] });
    expect(await onHandInErp('SKU-000011', 'LOC-S0001')).toBe(before + 3);
    expect((await outboxEvents(h.db)).filter((e) => e.subject === 'SKU-000011@LOC-S0001')).toHaveLength(1);

    const reused = await execute(h.subgraph, ADJUST, { input: { ...input, delta: 4 } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'input.adjustmentId' });
    expect(await onHandInErp('SKU-000011', 'LOC-S0001')).toBe(before + 3);
  });

  it('answers INSUFFICIENT_STOCK, naming the on-hand, for an adjustment below zero, and books nothing', async () => {
    const onHand = await onHandInErp('SKU-000012', 'LOC-S0003');
    const before = await snapshot(h, 'SKU-000012', 'LOC-S0003');
    const result = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000012', locationId: 'LOC-S0003', delta: -(onHand + 1), reason: 'DAMAGE' } });
    expect(result.errors).toBeUndefined();
    expect(result.data.adjustStock.stockLevel).toBeNull();
    expect(result.data.adjustStock.errors).toEqual([{ code: 'INSUFFICIENT_STOCK', field: 'input.delta', message: expect.stringContaining(`on-hand is ${onHand}`) }]);
    expect(await snapshot(h, 'SKU-000012', 'LOC-S0003')).toEqual(before);

    const allOfIt = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000012', locationId: 'LOC-S0003', delta: -onHand, reason: 'DAMAGE' } });
    expect(allOfIt.data.adjustStock).toMatchObject({ stockLevel: { onHand: 0, available: 0 }, errors: [] });
  });

  it.each([
    ['an unknown SKU', { sku: 'SKU-999999' }, 'input.sku'],
    ['an unknown location', { locationId: 'LOC-NOPE' }, 'input.locationId'],
    ['a zero delta', { delta: 0 }, 'input.delta'],
    ['a delta over a million', { delta: 1_000_001 }, 'input.delta'],
    ['a delta under minus a million', { delta: -1_000_001 }, 'input.delta'],
    ['a note over 500 characters', { note: 'x'.repeat(501) }, 'input.note'],
    ['a blank adjustment id', { adjustmentId: ' ' }, 'input.adjustmentId'],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_label, change, field) => {
    const before = await snapshot(h, 'SKU-000013', 'LOC-S0004');
    const result = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000013', locationId: 'LOC-S0004', delta: 2, reason: 'COUNT', ...change } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshot(h, 'SKU-000013', 'LOC-S0004')).toEqual(before);
  });

  it('needs the inventory:write scope', async () => {
    const reader: Claims = { sub: 'key-1', kind: 'key', scopes: ['inventory:read'] };
    const writer: Claims = { sub: 'key-2', kind: 'key', scopes: ['inventory:write'] };
    const input = { sku: 'SKU-000014', locationId: 'LOC-S0005', delta: 1, reason: 'CORRECTION' };
    const before = await snapshot(h, 'SKU-000014', 'LOC-S0005');
    const refused = await execute(h.subgraph, ADJUST, { input }, reader);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(h, 'SKU-000014', 'LOC-S0005')).toEqual(before);
    const allowed = await execute(h.subgraph, ADJUST, { input }, writer);
    expect(allowed.data.adjustStock.stockLevel.onHand).toBe(before.erpPosition!.onHand + 1);
  });
});
