// Purchase-order list arguments: the expected-day filter and the two-part cursor.
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '@retail-hub/platform';
import { purchaseOrderPosition, purchaseOrderQuery } from './purchase-order-query.js';

describe('purchaseOrderQuery', () => {
  it('accepts a real day and rejects other shapes and days that do not exist, naming the field', () => {
    expect(purchaseOrderQuery({ expectedBefore: '2028-02-29' }).expectedBefore).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '2026-01-05T00:00:00Z', 'tomorrow']) {
      expect(() => purchaseOrderQuery({ expectedBefore: bad }), bad).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.expectedBefore' }) }));
    }
  });

  it('leaves out what the filter does not set', () => {
    expect(purchaseOrderQuery(null)).toEqual({ supplierId: undefined, locationId: undefined, status: undefined, expectedBefore: undefined });
  });
});

describe('purchaseOrderPosition', () => {
  it('reads back the day and id a page ended on', () => {
    expect(purchaseOrderPosition(encodeCursor(['2026-12-01', 'PO-1']))).toEqual({ expectedDate: '2026-12-01', id: 'PO-1' });
    expect(purchaseOrderPosition(null)).toBeNull();
  });

  it('rejects a cursor of another list or of the wrong types as `after`', () => {
    for (const bad of [encodeCursor(['SUP-0001']), encodeCursor([20261201, 'PO-1']), 'garbage']) {
      expect(() => purchaseOrderPosition(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    }
  });
});
