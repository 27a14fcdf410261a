// Run and proposal ids: a proposal's id names its run and its place in it, so it is found without an index of its own.
import { randomBytes } from 'node:crypto';
import type { ProposalKey } from '../../store/replenishment-proposal.repository.js';

export function newRunId(runDate: string): string {
  return `RUN-${runDate.replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
}

export function proposalId(runId: string, seq: number): string {
  return `PRP-${runId.slice('RUN-'.length)}-${seq}`;
}

/** Null for anything that is not a proposal id this API hands out. */
export function parseProposalId(id: string): ProposalKey | null {
  const match = /^PRP-(\d{8}-[0-9a-f]{10})-(\d{1,9})$/.exec(id);
  return match ? { runId: `RUN-${match[1]}`, seq: Number(match[2]) } : null;
}
