// The product domain as services hand it to resolvers (camelCase, money as Money).
import type { CategoryRow } from '../store/category.repository.js';
import type { ProductRow } from '../store/product.repository.js';

export interface Money {
  centAmount: number;
  currency: string;
}

export interface Product {
  sku: string;
  name: string;
  description: string;
  brand: string;
  gtin: string;
  categoryId: string;
  packSize: number;
  unitOfMeasure: string;
  status: string;
  promotable: boolean;
  standardCost: Money;
  updatedAt: string;
}

export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  minMarginBp: number;
  promotable: boolean;
}

export function toProduct(row: ProductRow): Product {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    brand: row.brand,
    gtin: row.gtin,
    categoryId: row.category_id,
    packSize: row.pack_size,
    unitOfMeasure: row.uom,
    status: row.status,
    promotable: row.promotable === 1,
    standardCost: { centAmount: row.cost_cent_amount, currency: row.currency },
    updatedAt: row.updated_at,
  };
}

export function toCategory(row: CategoryRow): Category {
  return { id: row.id, name: row.name, parentId: row.parent_id, minMarginBp: row.min_margin_bp, promotable: row.promotable === 1 };
}
