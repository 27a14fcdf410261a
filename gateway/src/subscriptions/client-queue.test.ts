// The per-client queue: every result while the client keeps up, the latest per entity once it falls behind, bounded per connection.
import { describe, expect, it } from 'vitest';
import { ClientQueue, type QueueBudget } from './client-queue.js';

const result = (entity: string, value: number) => ({ data: { stockChanged: { entity, value } } });
const values = async (queue: ClientQueue, n: number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = await queue.next();
    const change = (next.value as ReturnType<typeof result>).data.stockChanged;
    out.push(`${change.entity}=${change.value}`);
  }
  return out;
};

function setup(coalesceAfter: number, limit = 1_000) {
  let overflowed = 0;
  let coalesced = 0;
  let closed = 0;
  const budget: QueueBudget = { queued: 0, limit, overflow: () => void overflowed++ };
  const queue = new ClientQueue(budget, { coalesced: () => void coalesced++ }, coalesceAfter, () => void closed++);
  return { queue, budget, counts: () => ({ overflowed, coalesced, closed }) };
}

describe('ClientQueue', () => {
  it('keeps every result, in order, while the client is not behind', async () => {
    const { queue, counts } = setup(10);
    for (let i = 1; i <= 5; i++) queue.push('A', result('A', i));
    expect(await values(queue, 5)).toEqual(['A=1', 'A=2', 'A=3', 'A=4', 'A=5']);
    expect(counts().coalesced).toBe(0);
  });

  it('once behind, replaces a waiting result of the same entity in place, so each entity shows its latest', async () => {
    const { queue, budget, counts } = setup(2);
    queue.push('A', result('A', 1));
    queue.push('B', result('B', 1));
    queue.push('A', result('A', 2));
    queue.push('C', result('C', 1));
    queue.push('B', result('B', 2));
    queue.push('A', result('A', 3));
    expect(counts().coalesced).toBe(3);
    expect(budget.queued).toBe(3);
    expect(await values(queue, 3)).toEqual(['A=3', 'B=2', 'C=1']);
    expect(budget.queued).toBe(0);
  });

  it('never coalesces results without an entity, and hands a waiting reader the next result at once', async () => {
    const { queue } = setup(1);
    const waiting = queue.next();
    queue.push(null as unknown as string, result('X', 1));
    expect((await waiting).value).toEqual(result('X', 1));
    queue.push(null as unknown as string, result('X', 2));
    queue.push(null as unknown as string, result('X', 3));
    expect(await values(queue, 2)).toEqual(['X=2', 'X=3']);
  });

  it('tells the connection when its backlog passes the limit', () => {
    const { queue, counts } = setup(1_000, 3);
    for (const entity of ['A', 'B', 'C']) queue.push(entity, result(entity, 1));
    expect(counts().overflowed).toBe(0);
    queue.push('D', result('D', 1));
    expect(counts().overflowed).toBe(1);
  });

  it('fails a waiting reader with the error, and gives back its budget when closed', async () => {
    const { queue, budget, counts } = setup(10);
    queue.push('A', result('A', 1));
    await queue.return();
    expect(budget.queued).toBe(0);
    expect(counts().closed).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });

    const other = setup(10);
    const reading = other.queue.next();
    other.queue.fail(new Error('refused'));
    await expect(reading).rejects.toThrow('refused');
    expect(other.counts().closed).toBe(1);
  });
});
