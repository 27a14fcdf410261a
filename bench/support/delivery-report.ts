// Matches what each subscriber received to what was committed: latency from commit to arrival, and every change accounted for.
import { percentile } from './stats.js';

export interface SubscriberRecord {
  /** The locations its filter covers (every SKU). */
  locations: ReadonlySet<string>;
  keys: string[];
  times: number[];
  errors: number;
}

export interface DeliveryReport {
  delivered: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Changes a subscriber should have had: received, replaced by a later change of the same position it did receive (coalesced), or lost. */
  expected: number;
  coalesced: number;
  lost: number;
  duplicates: number;
  errors: number;
}

/** `commits` maps `<sku>@<location>#<onHand>` to commit time; `byPosition` lists each position's on-hand values in commit order. */
export function deliveryReport(subscribers: SubscriberRecord[], commits: Map<string, number>, byPosition: Map<string, number[]>): DeliveryReport {
  const latencies: number[] = [];
  const report: DeliveryReport = { delivered: 0, latencyMs: { p50: 0, p90: 0, p99: 0, max: 0 }, expected: 0, coalesced: 0, lost: 0, duplicates: 0, errors: 0 };
  for (const subscriber of subscribers) {
    report.errors += subscriber.errors;
    const received = new Set<string>();
    /** The highest on-hand received per position: what a coalesced change was replaced by. */
    const latest = new Map<string, number>();
    for (const [i, key] of subscriber.keys.entries()) {
      if (received.has(key)) report.duplicates++;
      received.add(key);
      const committed = commits.get(key);
      // Changes from before the measured window (warm-up) have no commit time here.
      if (committed === undefined) continue;
      report.delivered++;
      latencies.push(subscriber.times[i]! - committed);
      const [position, onHand] = key.split('#') as [string, string];
      latest.set(position, Math.max(latest.get(position) ?? -Infinity, Number(onHand)));
    }
    for (const [position, values] of byPosition) {
      if (!subscriber.locations.has(position.slice(position.indexOf('@') + 1))) continue;
      for (const onHand of values) {
        report.expected++;
        if (received.has(`${position}#${onHand}`)) continue;
        if ((latest.get(position) ?? -Infinity) > onHand) report.coalesced++;
        else report.lost++;
      }
    }
  }
  latencies.sort((a, b) => a - b);
  report.latencyMs = { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN };
  return report;
}
