// Proposals of a run collected as columns and written to the store in large slices as the run goes.
import type { ProposalColumns } from '../../store/replenishment-proposal.repository.js';

export interface ProposalValues {
  sku: string;
  locationId: string;
  exceptionMask: number;
  forecastDaily: number;
  stdDev: number;
  leadTimeDemand: number;
  horizonDemand: number;
  promotionUplift: number;
  promotionId: string | null;
  onHand: number;
  inbound: number;
  reserved: number;
  roundedQuantity: number;
  quantity: number;
}

export class ProposalBuffer {
  private columns: ProposalColumns;
  count = 0;
  /** Proposals added over the whole run: the next one's seq. */
  total = 0;

  /**
   * Holds `capacity` proposals plus `slack`, the most one SKU can add, so a SKU is never split between writes:
   * check `full` between SKUs and flush.
   */
  constructor(private readonly capacity: number, slack: number, private readonly flushTo: (columns: ProposalColumns, count: number) => Promise<void>) {
    this.columns = emptyColumns(capacity + slack);
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  /** Adds a proposal; returns its seq in the run. */
  add(p: ProposalValues): number {
    const c = this.columns;
    const i = this.count++;
    const seq = ++this.total;
    c.seq[i] = seq;
    c.sku[i] = p.sku;
    c.locationId[i] = p.locationId;
    c.exceptionMask[i] = p.exceptionMask;
    c.forecastDaily[i] = p.forecastDaily;
    c.stdDev[i] = p.stdDev;
    c.leadTimeDemand[i] = p.leadTimeDemand;
    c.horizonDemand[i] = p.horizonDemand;
    c.promotionUplift[i] = p.promotionUplift;
    c.promotionId[i] = p.promotionId;
    c.onHand[i] = p.onHand;
    c.inbound[i] = p.inbound;
    c.reserved[i] = p.reserved;
    c.roundedQuantity[i] = p.roundedQuantity;
    c.quantity[i] = p.quantity;
    return seq;
  }

  async flush(): Promise<void> {
    if (this.count === 0) return;
    await this.flushTo(this.columns, this.count);
    this.count = 0;
  }
}

function emptyColumns(n: number): ProposalColumns {
  return {
    seq: new Int32Array(n),
    sku: new Array<string>(n),
    locationId: new Array<string>(n),
    exceptionMask: new Int32Array(n),
    forecastDaily: new Float64Array(n),
    stdDev: new Float64Array(n),
    leadTimeDemand: new Float64Array(n),
    horizonDemand: new Float64Array(n),
    promotionUplift: new Float64Array(n),
    promotionId: new Array<string | null>(n),
    onHand: new Int32Array(n),
    inbound: new Int32Array(n),
    reserved: new Int32Array(n),
    roundedQuantity: new Int32Array(n),
    quantity: new Int32Array(n),
  };
}
