// The five ports together: what a hub process holds to reach its authoritative systems.
import type { ItemMasterPort } from './item-master.port.js';
import type { PriceConditionsPort } from './price-conditions.port.js';
import type { PurchasingPort } from './purchasing.port.js';
import type { SalesFinancePort } from './sales-finance.port.js';
import type { StockLedgerPort } from './stock-ledger.port.js';

export interface ErpPorts {
  itemMaster: ItemMasterPort;
  priceConditions: PriceConditionsPort;
  stockLedger: StockLedgerPort;
  salesFinance: SalesFinancePort;
  purchasing: PurchasingPort;
}

export type PortName = keyof ErpPorts;
export const PORT_NAMES: PortName[] = ['itemMaster', 'priceConditions', 'stockLedger', 'salesFinance', 'purchasing'];
