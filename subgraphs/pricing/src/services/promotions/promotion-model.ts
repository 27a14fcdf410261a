// Promotions as services hand them around: the definition, its lifecycle states, exceptions, and row mapping.
import type { Selectable } from 'kysely';
import type { PromotionRule, PromotionTargets, PromotionType, StackingMode } from '../../engine/engine-model.js';
import type { PromotionExceptionTable, PromotionTable } from '../../store/promotion-tables.js';
import type { Channel } from '../pricing-model.js';

export type PromotionStatus = 'DRAFT' | 'VALIDATING' | 'READY' | 'BLOCKED' | 'SCHEDULED' | 'LIVE' | 'ENDED' | 'CANCELLED';
export const EDITABLE: readonly PromotionStatus[] = ['DRAFT', 'BLOCKED'];
export const CANCELLABLE: readonly PromotionStatus[] = ['DRAFT', 'VALIDATING', 'READY', 'BLOCKED', 'SCHEDULED', 'LIVE'];

export type LocationScope = 'ALL' | 'REGIONS' | 'LIST';

export interface PromotionLocations {
  scope: LocationScope;
  regions: string[];
  locationIds: string[];
}

/** What merchandising defines; validated by promotion-input.ts. */
export interface PromotionDefinition {
  name: string;
  description: string | null;
  type: PromotionType;
  rule: PromotionRule;
  stacking: StackingMode;
  priority: number;
  channels: Channel[];
  targets: PromotionTargets;
  /** Which stores; online channels are national. */
  locations: PromotionLocations;
  /** Wall-clock start and end (exclusive), the same in each location's own time zone: YYYY-MM-DDTHH:mm. */
  startsAt: string;
  endsAt: string;
  /** Expected demand as a multiple of baseline while the promotion runs (2 = twice the usual units). */
  expectedUplift: number;
}

export interface Promotion extends PromotionDefinition {
  id: string;
  status: PromotionStatus;
  statusReason: string | null;
  validationRun: number;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  scheduledAt: string | null;
  cancelledAt: string | null;
  endedAt: string | null;
}

export type ExceptionCode = 'DATE_CONFLICT' | 'ITEM_NOT_ELIGIBLE' | 'MARGIN_BREACH' | 'INSUFFICIENT_STOCK' | 'SUPPLIER_CAPACITY';
export type ExceptionResolution = 'ACCEPT' | 'EXCLUDE_ITEM' | 'EXCLUDE_LOCATION' | 'REJECT';
export type ExceptionStatus = 'OPEN' | 'RESOLVED' | 'SUPERSEDED';

/** A problem a check found, before it is stored. */
export interface FoundException {
  code: ExceptionCode;
  sku: string;
  locationId: string | null;
  channel: Channel | null;
  message: string;
  shortfall: number | null;
}

export interface PromotionException extends FoundException {
  id: string;
  seq: number;
  promotionId: string;
  validationRun: number;
  status: ExceptionStatus;
  resolution: ExceptionResolution | null;
  reason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export function toPromotion(row: Selectable<PromotionTable>): Promotion {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type as PromotionType,
    rule: JSON.parse(row.rule),
    stacking: row.stacking as StackingMode,
    priority: row.priority,
    channels: JSON.parse(row.channels),
    targets: JSON.parse(row.targets),
    locations: JSON.parse(row.locations),
    startsAt: row.starts_local,
    endsAt: row.ends_local,
    expectedUplift: Number(row.expected_uplift),
    status: row.status as PromotionStatus,
    statusReason: row.status_reason,
    validationRun: row.validation_run,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    scheduledAt: row.scheduled_at,
    cancelledAt: row.cancelled_at,
    endedAt: row.ended_at,
  };
}

/** The columns a definition sets (on create and update). */
export function definitionColumns(d: PromotionDefinition) {
  return {
    name: d.name,
    description: d.description,
    type: d.type,
    rule: JSON.stringify(d.rule),
    currency: d.rule.currency,
    stacking: d.stacking,
    priority: d.priority,
    channels: JSON.stringify(d.channels),
    ch_store: Number(d.channels.includes('STORE')),
    ch_ecommerce: Number(d.channels.includes('ECOMMERCE')),
    ch_mobile: Number(d.channels.includes('MOBILE')),
    targets: JSON.stringify(d.targets),
    locations: JSON.stringify(d.locations),
    starts_local: d.startsAt,
    ends_local: d.endsAt,
    expected_uplift: d.expectedUplift,
  };
}

export function toPromotionException(row: Selectable<PromotionExceptionTable>): PromotionException {
  return {
    id: row.id,
    seq: Number(row.seq),
    promotionId: row.promotion_id,
    validationRun: row.validation_run,
    code: row.code as ExceptionCode,
    sku: row.sku,
    locationId: row.location_id,
    channel: row.channel as Channel | null,
    message: row.message,
    shortfall: row.shortfall,
    status: row.status as ExceptionStatus,
    resolution: row.resolution as ExceptionResolution | null,
    reason: row.reason,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
  };
}
