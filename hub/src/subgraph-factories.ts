// How the launcher builds each subgraph: which ERP ports it gets.
import type { ErpPorts } from '@retail-hub/erp';
import type { AnySubgraphInstance, HubConfig, ServiceName, SubgraphDeps } from '@retail-hub/platform';
import { createInventorySubgraph } from '@retail-hub/inventory-subgraph';
import { createOrdersSubgraph } from '@retail-hub/orders-subgraph';
import { createPricingSubgraph } from '@retail-hub/pricing-subgraph';
import { createProductSubgraph } from '@retail-hub/product-subgraph';
import { createSupplierSubgraph } from '@retail-hub/supplier-subgraph';

export interface FactoryExtras {
  onSyncProgress?: (feed: string, records: number) => void;
  /** The hub's configuration, for settings only one service has (orders' placement settings). */
  config?: HubConfig;
}

export type SubgraphFactory = (deps: SubgraphDeps, erp: ErpPorts, extras: FactoryExtras) => Promise<AnySubgraphInstance>;

export const SUBGRAPH_FACTORIES: Partial<Record<ServiceName, SubgraphFactory>> = {
  product: (deps, erp, extras) => createProductSubgraph({ ...deps, erp: { itemMaster: erp.itemMaster }, onSyncProgress: extras.onSyncProgress }),
  pricing: (deps, erp, extras) =>
    createPricingSubgraph({ ...deps, erp: { priceConditions: erp.priceConditions, stockLedger: erp.stockLedger, salesFinance: erp.salesFinance }, onSyncProgress: extras.onSyncProgress, testPauseSagaAt: extras.config?.orders.testPauseSagaAt }),
  inventory: (deps, erp, extras) => createInventorySubgraph({ ...deps, erp: { stockLedger: erp.stockLedger }, onSyncProgress: extras.onSyncProgress }),
  supplier: (deps, erp, extras) =>
    createSupplierSubgraph({ ...deps, erp: { purchasing: erp.purchasing, stockLedger: erp.stockLedger, salesFinance: erp.salesFinance }, onSyncProgress: extras.onSyncProgress }),
  orders: (deps, erp, extras) => createOrdersSubgraph({ ...deps, erp: { salesFinance: erp.salesFinance }, settings: extras.config?.orders }),
};
