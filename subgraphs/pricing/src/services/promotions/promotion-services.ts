// The promotion services a request reaches through its context, built once per subgraph.
import type { PromotionStores } from '../../store/promotion-stores.js';
import type { WebhookAdminService } from '../../publication/webhook-admin.service.js';
import type { PromotionExceptionService } from './promotion-exception.service.js';
import type { PromotionLifecycleService } from './promotion-lifecycle.service.js';
import type { PromotionValidationService } from './promotion-validation.service.js';
import type { PromotionService } from './promotion.service.js';

export interface PromotionServices {
  stores: PromotionStores;
  definitions: PromotionService;
  validation: PromotionValidationService;
  lifecycle: PromotionLifecycleService;
  exceptions: PromotionExceptionService;
  webhooks: WebhookAdminService;
}
