// The daily run on the service clock: queued once a day at its time, even by two replicas at once, executed, old proposals let go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock, createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';

const RUNS = /* GraphQL */ `{ replenishmentRuns(filter: { trigger: SCHEDULED }) { totalCount nodes { id status runDate positionsEvaluated proposalCount scope { skus locationIds } proposals { totalCount } } } }`;

describe.each(TEST_DIALECTS)('the daily replenishment run on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let replicas: SupplierSubgraph[];
  const today = new Date().toISOString().slice(0, 10);
  // One clock, as the hub has: it starts just before the daily run's time.
  const clock = new ControllableClock(new Date(`${today}T01:59:00.000Z`));
  const runs = async () => (await execute(replicas[0]!, RUNS)).data.replenishmentRuns;
  const tickAll = () => Promise.all(replicas.map((r) => r.scheduler.tick()));

  beforeAll(async () => {
    erp = await openTestErp();
    store = await createTestStore(dialect, 'replenishment_daily');
    replicas = [];
    for (let i = 0; i < 2; i++) {
      const replica = await createSupplierSubgraph({ ...testSubgraphDeps(store.config, { clock }), erp: erp.ports, replenishment: { dailyRunAt: '02:00', pollIntervalMs: 3_600_000 } });
      await replica.start();
      await replica.planning.load();
      replicas.push(replica);
    }
  });

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.stop();
    await store?.drop();
    await erp?.close();
  });

  it('waits for its time, then runs every location and SKU once, however many replicas look', async () => {
    await tickAll();
    expect((await runs()).totalCount).toBe(0);
    clock.advance(2 * 60_000);
    await tickAll();
    await tickAll();
    const { totalCount, nodes } = await runs();
    expect(totalCount).toBe(1);
    expect(nodes[0]).toMatchObject({ status: 'COMPLETED', runDate: today, positionsEvaluated: 60 * 7, scope: { skus: null, locationIds: null } });
    expect(nodes[0].proposals.totalCount).toBe(nodes[0].proposalCount);
  });

  it('runs again the next day, and lets unapproved proposals of runs over two weeks old go', async () => {
    clock.advance(86_400_000);
    await tickAll();
    expect((await runs()).totalCount).toBe(2);
    clock.advance(15 * 86_400_000);
    await tickAll();
    const { totalCount, nodes } = await runs();
    expect(totalCount).toBe(3);
    // Newest first: the first two runs are over 14 days old now.
    expect(nodes.map((n: any) => n.proposals.totalCount > 0)).toEqual([nodes[0].proposalCount > 0, false, false]);
  });
});
