// A small seeded embedded ERP in a temp directory, for tests that need the real ERP (not a mock).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedErp, type EmbeddedErp } from '../embedded/embedded-erp.js';
import { FaultSwitch } from '../faults/fault-switch.js';
import { erpWithFaults } from '../faults/with-faults.js';
import type { ErpPorts } from '../ports/erp-ports.js';

export interface TestErp {
  erp: EmbeddedErp;
  /** The ports behind a fault switch, as the hub uses them. */
  ports: ErpPorts;
  faults: FaultSwitch;
  dir: string;
  close(): Promise<void>;
}

/** Defaults: 60 SKUs, 6 stores (plus 3 DCs and the ecommerce centre), seed 42. */
export async function openTestErp(options: { skus?: number; stores?: number; seed?: number; today?: Date } = {}): Promise<TestErp> {
  const dir = mkdtempSync(join(tmpdir(), 'test-erp-'));
  const erp = await openEmbeddedErp(join(dir, 'erp.db'));
  await erp.seedIfEmpty({ skus: options.skus ?? 60, stores: options.stores ?? 6, seed: options.seed ?? 42, today: options.today });
  const faults = new FaultSwitch();
  return {
    erp,
    ports: erpWithFaults(erp.ports, faults),
    faults,
    dir,
    async close() {
      await erp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
