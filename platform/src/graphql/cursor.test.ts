// Cursors and page sizes: what clients may send, and the error that names the argument otherwise.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './cursor.js';

describe('cursors', () => {
  it('round-trips the values a page ended on', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'ORD-1']), 'after', 2)).toEqual(['2026-01-01T00:00:00.000Z', 'ORD-1']);
  });

  it.each(['', 'garbage', encodeCursor(['a', 'b']), Buffer.from('{"x":1}').toString('base64url')])('rejects %j naming the argument', (cursor) => {
    expect(() => decodeCursor(cursor, 'after', 1)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
  });

  it('bounds page sizes', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(200)).toBe(200);
    for (const bad of [0, -1, 201, 1.5]) expect(() => pageSize(bad)).toThrow(/first/);
  });

  it('builds a page from first + 1 rows', async () => {
    const page = toConnection([1, 2, 3], 2, (n) => [n], async () => 3);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!)).toEqual([2]);
    expect(await page.totalCount()).toBe(3);
  });
});
