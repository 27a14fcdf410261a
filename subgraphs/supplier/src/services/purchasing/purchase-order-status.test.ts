// The lifecycle rules: confirmation and receipt statuses, and how an ERP report merges into a hub order.
import { describe, expect, it } from 'vitest';
import { mergeErpStatus, outstanding, statusAfterConfirmation, statusAfterReceipt } from './purchase-order-status.js';

const line = (quantity: number, confirmedQuantity: number | null, receivedQuantity = 0) => ({ quantity, confirmedQuantity, receivedQuantity });

describe('purchase-order status', () => {
  it('is PARTIALLY_CONFIRMED when any line is confirmed short', () => {
    expect(statusAfterConfirmation([line(48, 48), line(24, 24)])).toBe('CONFIRMED');
    expect(statusAfterConfirmation([line(48, 48), line(24, 12)])).toBe('PARTIALLY_CONFIRMED');
    expect(statusAfterConfirmation([line(48, 0)])).toBe('PARTIALLY_CONFIRMED');
  });

  it('counts what is outstanding against the confirmed quantity, so a short confirmation completes', () => {
    expect(outstanding(line(48, 36, 12))).toBe(24);
    expect(outstanding(line(48, null, 12))).toBe(36);
    expect(statusAfterReceipt([line(48, 36, 12)])).toBe('PARTIALLY_RECEIVED');
    expect(statusAfterReceipt([line(48, 36, 36), line(24, 0, 0)])).toBe('RECEIVED');
  });

  it('takes receipts and ERP cancellations from the ERP and keeps the hub\'s own steps and end states', () => {
    expect(mergeErpStatus('CONFIRMED', 'OPEN', [line(48, 48)])).toBe('CONFIRMED');
    expect(mergeErpStatus('APPROVED', 'OPEN', [line(48, null)])).toBe('APPROVED');
    expect(mergeErpStatus('CONFIRMED', 'PARTIALLY_RECEIVED', [line(48, 48, 10)])).toBe('PARTIALLY_RECEIVED');
    expect(mergeErpStatus('PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED', [line(48, 30, 30)])).toBe('RECEIVED');
    expect(mergeErpStatus('SENT', 'CANCELLED', [line(48, null)])).toBe('CANCELLED');
    expect(mergeErpStatus('RECEIVED', 'CANCELLED', [line(48, 30, 30)])).toBe('RECEIVED');
  });
});
