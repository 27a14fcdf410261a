// Suppliers' webhook endpoints: where a supplier receives its purchase orders (sent, cancelled), signed, through the platform's webhooks.
import { badUserInput, type Claims, type WebhookEndpoint, type Webhooks } from '@retail-hub/platform';
import type { SupplierRepository } from '../../store/supplier.repository.js';
import { requireRetailer, requireScope } from './lifecycle-input.js';
import { SUPPLIER_AUDIENCE } from './purchasing-deps.js';

export interface RegisterSupplierWebhookInput {
  supplierId: string;
  url: string;
  description?: string | null;
}

export class SupplierWebhooksService {
  constructor(private readonly webhooks: Webhooks, private readonly suppliers: SupplierRepository) {}

  /** Registers an endpoint; the signing secret is returned only here. A URL off the allowlist is bad input naming `input.url`. */
  async register(claims: Claims, input: RegisterSupplierWebhookInput): Promise<WebhookEndpoint & { secret: string }> {
    requireRetailer(claims, 'registerSupplierWebhook');
    requireScope(claims, 'purchasing:write', 'registerSupplierWebhook');
    if ((await this.suppliers.findByIds({ supplierId: null }, [input.supplierId])).length === 0) throw badUserInput('input.supplierId', `no supplier ${input.supplierId}`);
    if (input.description && input.description.length > 200) throw badUserInput('input.description', 'at most 200 characters');
    return this.webhooks.register({ url: input.url, audience: SUPPLIER_AUDIENCE, audienceKey: input.supplierId, description: input.description ?? null, createdBy: claims.sub }, 'input.url');
  }

}
