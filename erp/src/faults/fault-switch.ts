// The ERP fault switch: added latency, an error rate or a full outage, turned on by tests, demos and --erp-faults.
import { setTimeout as sleep } from 'node:timers/promises';
import { ErpUnavailableError } from '../ports/change-page.js';

export interface FaultSettings {
  /** Added to every call, in ms. @default 0 */
  latencyMs: number;
  /** Up to this many ms more, at random. @default 0 */
  jitterMs: number;
  /** Share of calls (0..1) that fail with ErpUnavailableError. @default 0 */
  errorRate: number;
  /** Every call fails at once. @default false */
  outage: boolean;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, jitterMs: 0, errorRate: 0, outage: false };

export class FaultSwitch {
  private settings: FaultSettings;

  constructor(initial: Partial<FaultSettings> = {}, private readonly random: () => number = Math.random) {
    this.settings = { ...NO_FAULTS, ...initial };
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  set(change: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...change };
  }

  clear(): void {
    this.settings = { ...NO_FAULTS };
  }

  /** Applies the current faults before a port call goes through. */
  async before(port: string, method: string): Promise<void> {
    const { latencyMs, jitterMs, errorRate, outage } = this.settings;
    if (outage) throw new ErpUnavailableError(`ERP outage (fault switch): ${port}.${method}`);
    const delay = latencyMs + (jitterMs ? this.random() * jitterMs : 0);
    if (delay > 0) await sleep(delay);
    if (errorRate > 0 && this.random() < errorRate) throw new ErpUnavailableError(`ERP error (fault switch): ${port}.${method}`);
  }
}

/**
 * Parses `--erp-faults` text: comma-separated `latency=200`, `jitter=50`, `errors=0.1`, `outage`
 * (or `none`). Unknown keys and bad numbers are errors that name the key.
 */
export function parseFaultSettings(text: string): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, raw] = part.split('=', 2) as [string, string | undefined];
    const number = (min: number, max: number) => {
      const n = Number(raw);
      if (raw === undefined || !Number.isFinite(n) || n < min || n > max) throw new Error(`--erp-faults ${key}: expected a number from ${min} to ${max}, got "${raw ?? ''}"`);
      return n;
    };
    switch (key) {
      case 'none':
        Object.assign(out, NO_FAULTS);
        break;
      case 'outage':
        out.outage = raw === undefined ? true : raw === 'true' || raw === '1';
        break;
      case 'latency':
        out.latencyMs = number(0, 600_000);
        break;
      case 'jitter':
        out.jitterMs = number(0, 600_000);
        break;
      case 'errors':
        out.errorRate = number(0, 1);
        break;
      default:
        throw new Error(`--erp-faults: unknown setting "${key}" (use latency=MS, jitter=MS, errors=RATE, outage, none)`);
    }
  }
  return out;
}
