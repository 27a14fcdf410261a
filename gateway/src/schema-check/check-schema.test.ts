// The schema governance rule: breaking changes fail unless the element was deprecated in the released schema.
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { changelogSection, checkSchema, printApiSnapshot, readApiSnapshot } from './check-schema.js';

const RELEASED = buildSchema(/* GraphQL */ `
  type Query { product(sku: ID!): Product products(first: Int): [Product!]! legacy: Legacy @deprecated(reason: "use products") }
  type Product { sku: ID! name: String! cost: Int @deprecated(reason: "use standardCost") status: Status! }
  type Legacy { id: ID! }
  enum Status { ACTIVE INACTIVE OLD @deprecated(reason: "gone") }
`);

async function changesTo(sdl: string) {
  return checkSchema(RELEASED, buildSchema(sdl));
}

describe('checkSchema', () => {
  it('passes additions and lists them for the changelog', async () => {
    const result = await changesTo(/* GraphQL */ `
      type Query { product(sku: ID!): Product products(first: Int): [Product!]! legacy: Legacy @deprecated(reason: "use products") categories: [String!]! }
      type Product { sku: ID! name: String! cost: Int @deprecated(reason: "use standardCost") status: Status! brand: String }
      type Legacy { id: ID! }
      enum Status { ACTIVE INACTIVE OLD @deprecated(reason: "gone") }
    `);
    expect(result.breaking).toEqual([]);
    expect(result.changes.map((c) => c.path).sort()).toEqual(['Product.brand', 'Query.categories']);
  });

  it('fails a removed or retyped field, a removed enum value and a new required argument that were not deprecated', async () => {
    const result = await changesTo(/* GraphQL */ `
      type Query { product(sku: ID!, channel: String!): Product products(first: Int): [Product!]! legacy: Legacy @deprecated(reason: "use products") }
      type Product { sku: ID! cost: Int @deprecated(reason: "use standardCost") status: String! }
      type Legacy { id: ID! }
      enum Status { ACTIVE OLD @deprecated(reason: "gone") }
    `);
    expect(result.breaking.map((c) => c.path).sort()).toEqual(['Product.name', 'Product.status', 'Query.product.channel', 'Status.INACTIVE']);
  });

  it('allows removing what was deprecated first: a field, an enum value, a type only deprecated fields used', async () => {
    const result = await changesTo(/* GraphQL */ `
      type Query { product(sku: ID!): Product products(first: Int): [Product!]! }
      type Product { sku: ID! name: String! status: Status! }
      enum Status { ACTIVE INACTIVE }
    `);
    expect(result.breaking).toEqual([]);
    expect(result.changes.filter((c) => c.criticality.level === 'DANGEROUS').map((c) => c.path).sort()).toEqual(['Legacy', 'Product.cost', 'Query.legacy', 'Status.OLD']);
  });

  it('writes a changelog grouped by criticality, and a sorted snapshot that reads back', async () => {
    const result = await changesTo(/* GraphQL */ `
      type Query { product(sku: ID!): Product products(first: Int): [Product!]! }
      type Product { sku: ID! name: String! status: Status! brand: String }
      enum Status { ACTIVE INACTIVE }
    `);
    const text = changelogSection('2026-11-27', result.changes);
    expect(text).toMatch(/^## 2026-11-27\n\n### Dangerous/);
    expect(text).toMatch(/### Added and changed\n\n- Field 'brand' was added to object type 'Product'/);
    const snapshot = printApiSnapshot(RELEASED);
    expect(snapshot.indexOf('type Legacy')).toBeLessThan(snapshot.indexOf('type Product'));
    expect(printApiSnapshot(readApiSnapshot(snapshot))).toBe(snapshot);
  });
});
