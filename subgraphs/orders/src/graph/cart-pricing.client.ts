// Prices an order's cart through the graph (pricing's priceCart), with the stock of the first locations routing will look at, in one request.
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
  query OrdersPriceCart($cart: PriceCartInput!, $withStock: Boolean!, $stock: StockQueryFilter) {
    priceCart(input: $cart) {
      currency
      subtotal { centAmount }
      discountTotal { centAmount }
      total { centAmount }
      lines { sku quantity unitPrice { centAmount } regularUnitPrice { centAmount } lineSubtotal { centAmount } discount { centAmount } lineTotal { centAmount } }
    }
    stockLevels(filter: $stock, first: 200) @include(if: $withStock) { nodes { sku available location { id } } pageInfo { hasNextPage } }
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
  constructor(private readonly graph: GraphClient) {}

  /**
   * Prices the order's (merged) lines and reads stock at `stockAt`. Pricing's errors name its own
   * input, which mirrors the order's: `lineIndex` turns its line position into the client's.
   */
  async price(cart: { channel: string; locationId: string; lines: { sku: string; quantity: number }[] }, stockAt: string[], lineIndex: (position: number) => number): Promise<{ priced: PricedCart; stock: StockAvailability[] }> {
    const skus = [...new Set(cart.lines.map((l) => l.sku))];
    const withStock = stockAt.length > 0;
    let data: { priceCart: { currency: string; subtotal: Money; discountTotal: Money; total: Money; lines: RawPricedLine[] }; stockLevels?: StockPage };
    try {
      data = await this.graph.request(PRICE_CART, { cart, withStock, stock: withStock ? { skus, locationIds: stockAt } : null });
    } catch (error) {
      throw fromGraphError(error, 'pricing', (field) => {
        const line = /^input\.lines\.(\d+)(\..+)?$/.exec(field);
        if (line) return `input.lines.${lineIndex(Number(line[1]))}${line[2] ?? ''}`;
        return field.startsWith('input.') ? field : null;
      });
    }
    const p = data.priceCart;
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
    const stock = data.stockLevels ? toAvailability(data.stockLevels) : [];
    if (data.stockLevels?.pageInfo.hasNextPage) stock.push(...(await this.stock(skus, stockAt)).slice(stock.length));
    return { priced, stock };
  }

  /** Available units of these SKUs at these locations, every page. */
  async stock(skus: string[], locationIds: string[]): Promise<StockAvailability[]> {
    const out: StockAvailability[] = [];
    let after: string | null = null;
    try {
      do {
        const data: { stockLevels: StockPage } = await this.graph.request(STOCK, { stock: { skus, locationIds }, after });
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
