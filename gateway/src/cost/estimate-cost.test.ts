// Requested and actual cost under Federation's demand-control rules: @cost weights, @listSize slicing and sized fields.
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { WalkBudget } from '../operation/selection-fields.js';
import { readSchemaPolicies } from '../supergraph/schema-policies.js';
import { actualCost } from './actual-cost.js';
import { CostModel } from './cost-model.js';
import { estimateCost } from './estimate-cost.js';

const SDL = /* GraphQL */ `
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
  type Query {
    products(first: Int = 50): ProductConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
    categories: [Category!]! @listSize(assumedSize: 5)
    tags: [String!]!
    search(text: String @cost(weight: 20)): [Product!]!
  }
  type Mutation { adjust: Product }
  type ProductConnection { nodes: [Product!]! total: Int! }
  type Product { sku: ID! price: Price @cost(weight: 3) suppliers: [Supplier!]! }
  type Price { amount: Int! }
  type Supplier { id: ID! }
  type Category { id: ID! }
`;
const schema = buildSchema(SDL);
const model = new CostModel(readSchemaPolicies(SDL));

function estimate(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return estimateCost(model, schema, document, getOperationAST(document)!, variables, new WalkBudget(10_000));
}

describe('estimateCost', () => {
  it('counts 1 per object and 0 per scalar, times list sizes from slicing arguments, sized fields and assumed sizes', () => {
    expect(estimate('{ products(first: 20) { total nodes { sku } } }')).toBe(1 + 20);
    expect(estimate('{ products { nodes { sku } } }')).toBe(1 + 50);
    expect(estimate('query($n: Int) { products(first: $n) { nodes { sku } } }', { n: 7 })).toBe(8);
    expect(estimate('{ categories { id } }')).toBe(5);
    expect(estimate('{ tags }')).toBe(0);
  });

  it('uses @cost on fields and arguments, a default list size elsewhere, and charges mutations more', () => {
    expect(estimate('{ products(first: 10) { nodes { price { amount } } } }')).toBe(1 + 10 * (1 + 3));
    expect(estimate('{ products(first: 2) { nodes { suppliers { id } } } }')).toBe(1 + 2 * (1 + 10));
    expect(estimate('{ search(text: "x") { sku } }')).toBe(20 + 10);
    expect(estimate('mutation { adjust { sku } }')).toBe(11);
  });
});

describe('actualCost', () => {
  it('counts what came back with the same rules', () => {
    const document = parse('{ products(first: 20) { nodes { sku price { amount } } } }');
    const data = { products: { nodes: [{ sku: '1', price: { amount: 1 } }, { sku: '2', price: null }] } };
    expect(actualCost(model, schema, document, getOperationAST(document)!, data)).toBe(1 + (1 + 3) + 1);
  });
});
