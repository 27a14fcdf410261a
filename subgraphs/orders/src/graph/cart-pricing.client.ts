// Prices an order's cart (pricing's priceCart) and reads the stock routing looks at (inventory's stockLevels), side by side.
import type { GraphClient } from '@retail-hub/platform';
import { fromGraphError } from './graph-errors.js';

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceCentAmount: number;
  regularUnitPriceCentAmount: number;
  lineSubtotalCentAmount: number;
  discountCentAmount: number;
  lineTotalCentAmount: number;
}

/** The price the customer is charged: computed once here and stored on the order. */
export interface PricedCart {
  currency: string;
  subtotalCentAmount: number;
  discountCentAmount: number;
  totalCentAmount: number;
  lines: PricedLine[];
}

export interface StockAvailability {
  sku: string;
  locationId: string;
  available: number;
}

const PRICE_CART = /* GraphQL */ `
  query OrdersPriceCart($cart: PriceCartInput!) {
    priceCart(input: $cart) {
      currency
      subtotal { centAmount }
      discountTotal { centAmount }
      total { centAmount }
      lines { sku quantity unitPrice { centAmount } regularUnitPrice { centAmount } lineSubtotal { centAmount } discount { centAmount } lineTotal { centAmount } }
    }
  }
`;

const STOCK = /* GraphQL */ `
  query OrdersStock($stock: StockQueryFilter, $after: String) {
    stockLevels(filter: $stock, first: 200, after: $after) { nodes { sku available location { id } } pageInfo { hasNextPage endCursor } }
  }
`;

interface Money {
  centAmount: number;
}

interface RawPricedLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
  regularUnitPrice: Money;
  lineSubtotal: Money;
  discount: Money;
  lineTotal: Money;
}

interface StockPage {
  nodes: { sku: string; available: number; location: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export class CartPricingClient {
  /** `pricing` and `inventory` may be the gateway, or each subgraph called directly. */
  constructor(private readonly pricing: GraphClient, private readonly inventory: GraphClient) {}

  /**
   * Prices the order's (merged) lines and reads stock at `stockAt`, both at once. Pricing's errors
   * name its own input, which mirrors the order's: `lineIndex` turns its line position into the client's.
   */
  async price(cart: { channel: string; locationId: string; lines: { sku: string; quantity: number }[] }, stockAt: string[], lineIndex: (position: number) => number): Promise<{ priced: PricedCart; stock: StockAvailability[] }> {
    const skus = [...new Set(cart.lines.map((l) => l.sku))];
    const pricing = this.pricing.request<{ priceCart: { currency: string; subtotal: Money; discountTotal: Money; total: Money; lines: RawPricedLine[] } }>(PRICE_CART, { cart }).catch((error: unknown) => {
      throw fromGraphError(error, 'pricing', (field) => {
        const line = /^input\.lines\.(\d+)(\..+)?$/.exec(field);
        if (line) return `input.lines.${lineIndex(Number(line[1]))}${line[2] ?? ''}`;
        return field.startsWith('input.') ? field : null;
      });
    });
    const stock = stockAt.length > 0 ? this.stock(skus, stockAt) : Promise.resolve([]);
    // Both run; a pricing refusal (bad input) is what the caller hears first.
    const [priceResult, stockResult] = await Promise.allSettled([pricing, stock]);
    if (priceResult.status === 'rejected') throw priceResult.reason;
    if (stockResult.status === 'rejected') throw stockResult.reason;
    const p = priceResult.value.priceCart;
    const priced: PricedCart = {
      currency: p.currency,
      subtotalCentAmount: p.subtotal.centAmount,
      discountCentAmount: p.discountTotal.centAmount,
      totalCentAmount: p.total.centAmount,
      lines: p.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPriceCentAmount: l.unitPrice.centAmount,
        regularUnitPriceCentAmount: l.regularUnitPrice.centAmount,
        lineSubtotalCentAmount: l.lineSubtotal.centAmount,
        discountCentAmount: l.discount.centAmount,
        lineTotalCentAmount: l.lineTotal.centAmount,
      })),
    };
    return { priced, stock: stockResult.value };
  }

  /** Available units of these SKUs at these locations, every page. */
  async stock(skus: string[], locationIds: string[]): Promise<StockAvailability[]> {
    const out: StockAvailability[] = [];
    let after: string | null = null;
    try {
      do {
        const data: { stockLevels: StockPage } = await this.inventory.request(STOCK, { stock: { skus, locationIds }, after });
        out.push(...toAvailability(data.stockLevels));
        after = data.stockLevels.pageInfo.hasNextPage ? (data.stockLevels.pageInfo.endCursor ?? null) : null;
      } while (after);
    } catch (error) {
      throw fromGraphError(error, 'inventory', () => null);
    }
    return out;
  }
}

function toAvailability(page: StockPage): StockAvailability[] {
  return page.nodes.map((n) => ({ sku: n.sku, locationId: n.location.id, available: n.available }));
}
