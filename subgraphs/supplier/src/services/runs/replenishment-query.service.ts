// The read side of replenishment: runs newest first, a run's proposals and exceptions a page at a time, proposals by id.
import { badUserInput, decodeCursor, forbidden, notFound, pageSize, supplierPartnerId, toConnection, type Claims, type Connection } from '@retail-hub/platform';
import type { ReplenishmentExceptionRepository } from '../../store/replenishment-exception.repository.js';
import type { ProposalListQuery, ReplenishmentProposalRepository, ReplenishmentProposalRow } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunItemRepository } from '../../store/replenishment-run-item.repository.js';
import type { ReplenishmentRunRepository, ReplenishmentRunRow, RunListQuery } from '../../store/replenishment-run.repository.js';
import type { LocationSlots } from '../location-slots.js';
import { EXCEPTION_BITS, type ReplenishmentExceptionCode } from './proposal-exceptions.js';
import { parseProposalId } from './run-ids.js';
import { scopeCovers, type RunScope } from './run-scope.js';
import { toExceptionView, toProposalView, toRunView, type ExceptionView, type ProposalView, type RunView } from './replenishment-views.js';

export interface ProposalFilterInput {
  sku?: string | null;
  locationId?: string | null;
  supplierId?: string | null;
  exception?: ReplenishmentExceptionCode | null;
  status?: 'PROPOSED' | 'APPROVED' | null;
}

export class ReplenishmentQueryService {
  constructor(
    private readonly deps: {
      runs: ReplenishmentRunRepository;
      runItems: ReplenishmentRunItemRepository;
      proposals: ReplenishmentProposalRepository;
      exceptions: ReplenishmentExceptionRepository;
      slots: LocationSlots;
    },
  ) {}

  /** Planning data is the retailer's: a supplier partner gets FORBIDDEN. */
  requireInternal(claims: Claims): void {
    if (supplierPartnerId(claims)) throw forbidden('replenishment runs and proposals are not open to supplier partners');
  }

  async runsById(ids: readonly string[]): Promise<(RunView | null)[]> {
    const byId = new Map((await this.deps.runs.findByIds(ids)).map((r) => [r.id, toRunView(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Query.replenishmentRun: internal callers only; NOT_FOUND naming `id` when there is none. */
  async getRun(claims: Claims, load: () => Promise<RunView | null>, id: string): Promise<RunView> {
    this.requireInternal(claims);
    const run = await load();
    if (!run) throw notFound('id', `id: no replenishment run ${id}`);
    return run;
  }

  /** An entity reference from another subgraph: internal callers only, null when unknown. */
  async reference<T>(claims: Claims, load: () => Promise<T | null>): Promise<T | null> {
    this.requireInternal(claims);
    return load();
  }

  async listRuns(claims: Claims, filter: RunListQuery | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<RunView>> {
    this.requireInternal(claims);
    const limit = pageSize(first);
    const position = after ? decodeCursor(after, 'after', 2) : null;
    if (position && position.some((v) => typeof v !== 'string')) throw badUserInput('after', 'is not a cursor this API returned');
    const query: RunListQuery = { status: filter?.status ?? undefined, trigger: filter?.trigger ?? undefined, promotionId: filter?.promotionId ?? undefined };
    const rows = await this.deps.runs.page(query, position ? { createdAt: position[0] as string, id: position[1] as string } : null, limit + 1);
    return toConnection(rows.map(toRunView), limit, (r) => [r.createdAt, r.id], () => this.deps.runs.count(query), position !== null);
  }

  async proposalPage(run: RunView, filter: ProposalFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ProposalView>> {
    const limit = pageSize(first);
    const afterSeq = after ? decodeCursor(after, 'after')[0] : null;
    if (afterSeq !== null && typeof afterSeq !== 'number') throw badUserInput('after', 'is not a cursor this API returned');
    const query: ProposalListQuery = {
      sku: filter?.sku ?? undefined,
      locationId: filter?.locationId ?? undefined,
      supplierId: filter?.supplierId ?? undefined,
      exceptionBit: filter?.exception ? (EXCEPTION_BITS as Record<string, number>)[filter.exception] : undefined,
      status: filter?.status ?? undefined,
    };
    if (filter?.exception && query.exceptionBit === undefined) throw badUserInput('filter.exception', `${filter.exception} is a run exception, not one a proposal carries`);
    const rows = await this.deps.proposals.page(run.id, query, afterSeq, limit + 1);
    return toConnection(await this.views(rows), limit, (p) => [p.seq], () => this.deps.proposals.count(run.id, query), afterSeq !== null);
  }

  async exceptionPage(run: RunView, filter: { code?: string | null; sku?: string | null } | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ExceptionView>> {
    const limit = pageSize(first);
    const afterSeq = after ? decodeCursor(after, 'after')[0] : null;
    if (afterSeq !== null && typeof afterSeq !== 'number') throw badUserInput('after', 'is not a cursor this API returned');
    const query = { code: filter?.code ?? undefined, sku: filter?.sku ?? undefined };
    const rows = await this.deps.exceptions.page(run.id, query, afterSeq, limit + 1);
    return toConnection(rows.map(toExceptionView), limit, (e) => [e.seq], () => this.deps.exceptions.count(run.id, query), afterSeq !== null);
  }

  /** Batch lookup in key order; ids that are not proposal ids, or unknown, are null. */
  async proposalsById(ids: readonly string[]): Promise<(ProposalView | null)[]> {
    const keys = ids.map(parseProposalId);
    const rows = await this.deps.proposals.findByKeys(keys.filter((k): k is NonNullable<typeof k> => k !== null));
    const views = new Map((await this.views(rows)).map((v) => [v.id, v]));
    return ids.map((id) => views.get(id) ?? null);
  }

  /** Query.replenishmentProposal: internal callers only; NOT_FOUND naming `id` when there is none. */
  async getProposal(claims: Claims, load: () => Promise<ProposalView | null>, id: string): Promise<ProposalView> {
    this.requireInternal(claims);
    const proposal = await load();
    if (!proposal) throw notFound('id', `id: no replenishment proposal ${id}`);
    return proposal;
  }

  /** Rows to views: their runs, run items, and whether a later run superseded them, in a few queries. */
  private async views(rows: readonly ReplenishmentProposalRow[]): Promise<ProposalView[]> {
    if (rows.length === 0) return [];
    const runs = new Map((await this.deps.runs.findByIds([...new Set(rows.map((r) => r.run_id))])).map((r) => [r.id, r]));
    const items = new Map((await this.deps.runItems.find(rows.map((r) => ({ runId: r.run_id, sku: r.sku })))).map((i) => [`${i.run_id}|${i.sku}`, i]));
    const earliest = [...runs.values()].map((r) => r.completed_at ?? '9999').sort()[0]!;
    const later = rows.some((r) => r.status === 'PROPOSED') ? await this.deps.runs.completedAfter(earliest) : [];
    return rows.flatMap((row) => {
      const run = runs.get(row.run_id);
      const item = items.get(`${row.run_id}|${row.sku}`);
      if (!run || !item) return [];
      return [toProposalView(row, item, run, row.status === 'PROPOSED' ? this.supersedingRun(row, item.supplier_id, run, later) : null)];
    });
  }

  private supersedingRun(row: ReplenishmentProposalRow, supplierId: string, run: ReplenishmentRunRow, later: readonly ReplenishmentRunRow[]): string | null {
    const position = { sku: row.sku, supplierId, location: this.deps.slots.get(row.location_id) };
    return later.find((r) => r.id !== run.id && (r.completed_at ?? '') > (run.completed_at ?? '') && scopeCovers(JSON.parse(r.scope) as RunScope, position))?.id ?? null;
  }
}
