// The ERP package's public surface: ports, the embedded reference ERP, the fault switch.
export * from './ports/change-page.js';
export * from './ports/item-master.port.js';
export * from './ports/price-conditions.port.js';
export * from './ports/stock-ledger.port.js';
export * from './ports/sales-finance.port.js';
export * from './ports/purchasing.port.js';
export * from './ports/erp-ports.js';
export * from './faults/fault-switch.js';
export * from './faults/with-faults.js';
export * from './instrumented-ports.js';
export * from './embedded/embedded-erp.js';
export * from './testing/test-erp.js';
