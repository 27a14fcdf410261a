// DATE_CONFLICT: another promotion overlaps this one on the same SKU and channel, and one of the two is exclusive.
import type { StackingMode } from '../../engine/engine-model.js';
import type { Channel } from '../../services/pricing-model.js';
import type { FoundException } from '../../services/promotions/promotion-model.js';

export interface PromotionFootprint {
  id: string;
  name: string;
  stacking: StackingMode;
  channels: readonly Channel[];
  /** Local wall-clock window (the same local times everywhere, so windows compare directly). */
  startsAt: string;
  endsAt: string;
  skus: ReadonlySet<string>;
  /** The stores it runs in (the STORE channel). */
  storeIds: ReadonlySet<string>;
}

/**
 * One exception per SKU and channel. Two windows overlap when each starts before the other ends;
 * on STORE they must also share a store (online channels are national). Overlapping stackable
 * promotions combine by design, so only an exclusive one on either side is a conflict.
 */
export function dateConflictExceptions(self: PromotionFootprint, others: readonly PromotionFootprint[]): FoundException[] {
  const conflicts = new Map<string, { sku: string; channel: Channel; with: PromotionFootprint[] }>();
  for (const other of others) {
    if (other.id === self.id) continue;
    if (self.stacking !== 'EXCLUSIVE' && other.stacking !== 'EXCLUSIVE') continue;
    if (!(self.startsAt < other.endsAt && other.startsAt < self.endsAt)) continue;
    const channels = self.channels.filter((c) => other.channels.includes(c) && (c !== 'STORE' || shares(self.storeIds, other.storeIds)));
    if (channels.length === 0) continue;
    for (const sku of self.skus) {
      if (!other.skus.has(sku)) continue;
      for (const channel of channels) {
        const key = `${sku}|${channel}`;
        const entry = conflicts.get(key) ?? { sku, channel, with: [] };
        entry.with.push(other);
        conflicts.set(key, entry);
      }
    }
  }
  return [...conflicts.values()]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.channel < b.channel ? -1 : 1))
    .map((c) => ({
      code: 'DATE_CONFLICT',
      sku: c.sku,
      locationId: null,
      channel: c.channel,
      shortfall: null,
      message: `${c.sku} on ${c.channel} overlaps ${c.with.map((o) => `${o.stacking === 'EXCLUSIVE' ? 'exclusive ' : ''}${o.id} "${o.name}" (${o.startsAt} to ${o.endsAt})`).join(', ')}${self.stacking === 'EXCLUSIVE' ? ', and this promotion is exclusive' : ''}`,
    }));
}

function shares(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}
