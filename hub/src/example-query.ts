// The ready-to-paste example query printed at start, filled with ids that exist in this hub's data.
import type { RunningHub } from './start-hub.js';

export async function exampleQuery(hub: RunningHub): Promise<string> {
  const [item] = (await hub.erp.ports.itemMaster.itemChanges(null, 1)).records;
  const store = (await hub.erp.ports.stockLedger.getLocations()).find((l) => l.type === 'STORE');
  const sku = item?.sku ?? 'SKU-000001';
  const locationId = store?.id ?? 'LOC-S0001';
  return /* GraphQL */ `{
  product(sku: "${sku}") {
    sku name category { id name } promotable
    price(channel: STORE, locationId: "${locationId}") { amount { centAmount currency } regular { centAmount } }
    stock(locationId: "${locationId}") { onHand reserved available inbound asOf }
    primarySupplier { supplier { id name } unitCost { centAmount currency } leadTimeDays }
  }
}
`;
}
