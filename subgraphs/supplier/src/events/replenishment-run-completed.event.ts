// supplier.replenishment_run.completed.v1: a replenishment run finished (or failed); its proposals and exceptions can be read.
import type { NewEvent } from '@retail-hub/platform';

export const REPLENISHMENT_RUN_COMPLETED_V1 = 'supplier.replenishment_run.completed.v1';

export interface ReplenishmentRunCompletedV1 {
  runId: string;
  status: 'COMPLETED' | 'FAILED';
  trigger: string;
  runDate: string;
  promotionId: string | null;
  positions: number;
  proposals: number;
  exceptions: number;
  completedAt: string;
}

export function replenishmentRunCompletedEvent(data: ReplenishmentRunCompletedV1): NewEvent<ReplenishmentRunCompletedV1> {
  return { type: REPLENISHMENT_RUN_COMPLETED_V1, subject: data.runId, data };
}
