// Channel endpoints for price publications: register (allowlisted hosts only), list, deactivate, read the delivery log, replay.
import { badUserInput, decodeCursor, notFound, pageSize, toConnection, type Claims, type Webhooks } from '@retail-hub/platform';
import { PROMOTION_SCOPES, requireScope } from '../services/promotions/promotion-scopes.js';
import type { LocationRepository } from '../store/location.repository.js';
import { WEBHOOK_AUDIENCES, type WebhookAudience } from './publication-routing.js';

export interface RegisterWebhookInput {
  url: string;
  audience: WebhookAudience;
  /** Required for STORE: the store whose POS this is. */
  locationId?: string | null;
  description?: string | null;
}

export class WebhookAdminService {
  constructor(private readonly webhooks: Webhooks, private readonly locations: LocationRepository) {}

  /** The secret comes back only here. A host off the allowlist is a BAD_USER_INPUT on input.url, and nothing is written. */
  async register(claims: Claims, input: RegisterWebhookInput) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    if (!WEBHOOK_AUDIENCES.includes(input.audience)) throw badUserInput('input.audience', `must be one of ${WEBHOOK_AUDIENCES.join(', ')}`);
    let key: string | null = null;
    if (input.audience === 'STORE') {
      if (!input.locationId) throw badUserInput('input.locationId', 'is required for a STORE (POS) endpoint');
      const [location] = await this.locations.findByIds([input.locationId]);
      if (!location || location.type !== 'STORE') throw badUserInput('input.locationId', `no store ${input.locationId}`);
      key = location.id;
    } else if (input.locationId) {
      throw badUserInput('input.locationId', `applies to STORE endpoints only (${input.audience} is national)`);
    }
    if (input.description && input.description.length > 200) throw badUserInput('input.description', 'at most 200 characters');
    const endpoint = await this.webhooks.register({ url: input.url, audience: input.audience, audienceKey: key, description: input.description ?? null, createdBy: claims.sub }, 'input.url');
    return { webhook: endpoint, secret: endpoint.secret, errors: [] };
  }

  async list(claims: Claims, filter: { audience?: WebhookAudience | null; locationId?: string | null; includeInactive?: boolean | null } | null | undefined) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    return this.webhooks.endpoints({ audience: filter?.audience ?? undefined, audienceKeys: filter?.locationId ? [filter.locationId] : undefined, includeInactive: filter?.includeInactive ?? false });
  }

  async deactivate(claims: Claims, id: string) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    if (!(await this.webhooks.repository.endpoint(id))) throw notFound('id', `id: no webhook ${id}`);
    await this.webhooks.deactivate(id);
    return (await this.webhooks.endpoints({ includeInactive: true })).find((e) => e.id === id)!;
  }

  /** Messages and their state, oldest first (the delivery log's summary); `after` pages by message sequence. */
  async deliveries(claims: Claims, filter: { webhookId?: string | null; status?: 'PENDING' | 'DELIVERED' | 'DEAD' | null } | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    const limit = pageSize(first, 'first', 500);
    const afterSeq = after ? Number(decodeCursor(after, 'after')[0]) : undefined;
    const rows = await this.webhooks.messages({ endpointId: filter?.webhookId ?? undefined, status: filter?.status ?? undefined, afterSeq, limit: limit + 1 });
    return toConnection(rows, limit, (m) => [m.seq], async () => rows.length, afterSeq !== undefined);
  }

  async attempts(claims: Claims, messageId: string) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    return this.webhooks.attempts({ messageId, limit: 500 });
  }

  /** Dead letters of an endpoint (or all), or the given messages whatever their state. */
  async replay(claims: Claims, input: { webhookId?: string | null; messageIds?: string[] | null }) {
    requireScope(claims, PROMOTION_SCOPES.webhooks);
    if (!input.webhookId && !input.messageIds?.length) throw badUserInput('input', 'name a webhookId or messageIds');
    return this.webhooks.replay({ endpointId: input.webhookId ?? undefined, messageIds: input.messageIds ?? undefined });
  }
}
