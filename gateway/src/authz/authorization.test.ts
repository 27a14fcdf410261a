// Scope rules applied to operations: which fields are refused, how the document is rewritten, and how nulls spread.
import { buildSchema, getOperationAST, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Claims } from '@retail-hub/platform';
import { WalkBudget } from '../operation/selection-fields.js';
import { readSchemaPolicies } from '../supergraph/schema-policies.js';
import { findUnauthorized } from './find-unauthorized.js';
import { displayPath, nullRefusedField } from './null-refused-fields.js';
import { PLACEHOLDER_KEY, removeFields, stripPlaceholders } from './remove-fields.js';

const SDL = /* GraphQL */ `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @authenticated on FIELD_DEFINITION | OBJECT
  type Query {
    products: [Product!]! @requiresScopes(scopes: [["catalog:read"], ["supplier:read"]])
    product(sku: ID!): Product @requiresScopes(scopes: [["catalog:read"]])
    me: String @authenticated
  }
  type Mutation { adjust: Int @authenticated @requiresScopes(scopes: [["inventory:write"]]) }
  type Product @requiresScopes(scopes: [["catalog:read"], ["supplier:read"]]) {
    sku: ID!
    cost: Int! @requiresScopes(scopes: [["costs:read"]])
    price: Int @requiresScopes(scopes: [["pricing:read", "catalog:read"]])
    supplier: Supplier
  }
  type Supplier @requiresScopes(scopes: [["supplier:read"]]) { id: ID! }
`;
const schema = buildSchema(SDL);
const policies = readSchemaPolicies(SDL);
const claims = (scopes: string[], kind: Claims['kind'] = 'key'): Claims => ({ sub: 'k', kind, scopes });

function refused(query: string, who: Claims) {
  const document = parse(query);
  return findUnauthorized(schema, document, getOperationAST(document)!, policies, who, new WalkBudget(1000));
}

describe('findUnauthorized', () => {
  it('checks the field, its parent type and its return type; any inner list of scopes suffices, all of one are needed', () => {
    const query = '{ products { sku cost price supplier { id } } }';
    expect(refused(query, claims(['catalog:read'])).map((r) => r.coordinate)).toEqual(['Product.cost', 'Product.price', 'Product.supplier']);
    expect(refused(query, claims(['catalog:read', 'pricing:read', 'costs:read', 'supplier:read']))).toEqual([]);
    expect(refused(query, claims(['*:read']))).toEqual([]);
    expect(refused('{ products { sku } }', claims(['supplier:read']))).toEqual([]);
    expect(refused('{ products { sku } }', claims(['pricing:read'])).map((r) => r.coordinate)).toEqual(['Query.products']);
  });

  it('refuses anonymous callers @authenticated fields whatever their scopes, and reaches through fragments', () => {
    expect(refused('mutation { adjust }', claims(['*'], 'anonymous')).map((r) => r.needs)).toEqual(['an API key']);
    expect(refused('mutation { adjust }', claims(['inventory:write']))).toEqual([]);
    const viaFragment = refused('query { product(sku: "1") { ...P } } fragment P on Product { sku ... on Product { cost } }', claims(['catalog:read']));
    expect(viaFragment.map((r) => [r.coordinate, r.path.join('.')])).toEqual([['Product.cost', 'product.cost']]);
  });
});

describe('removing refused fields and filling in nulls', () => {
  it('rewrites the document without the refused fields, keeping empty selections valid', () => {
    const document = parse('{ product(sku: "1") { cost } products { sku cost } }');
    const found = findUnauthorized(schema, document, getOperationAST(document)!, policies, claims(['catalog:read']), new WalkBudget(1000));
    const rewritten = print(removeFields(document, new Set(found.map((r) => r.node))));
    expect(rewritten).toBe(`{\n  product(sku: "1") {\n    ${PLACEHOLDER_KEY}: __typename\n  }\n  products {\n    sku\n  }\n}`);
    expect(print(document)).toContain('cost');
  });

  it('nulls a nullable field in every list item, and spreads a non-null one to the nearest nullable parent', () => {
    const types = (query: string, who: Claims) => refused(query, who);
    const [price] = types('{ products { price } }', claims(['catalog:read']));
    const data = { products: [{ price: 1 }, { price: 2 }] };
    expect(nullRefusedField(data, price!.path, price!.types)).toEqual({ products: [{ price: null }, { price: null }] });
    expect(displayPath(price!.path, price!.types)).toEqual(['products', '@', 'price']);

    const [cost] = types('{ product(sku: "1") { sku cost } }', claims(['catalog:read']));
    expect(nullRefusedField({ product: { sku: '1' } }, cost!.path, cost!.types)).toEqual({ product: null });

    const [listed] = types('{ products { cost } }', claims(['catalog:read']));
    // cost is Int!, each item Product!, the list [Product!]!: the null reaches the root.
    expect(nullRefusedField({ products: [{}] }, listed!.path, listed!.types)).toBeNull();
  });

  it('removes the placeholder from the data', () => {
    const data = { product: { [PLACEHOLDER_KEY]: 'Product', sku: '1' }, list: [{ [PLACEHOLDER_KEY]: 'Product' }] };
    stripPlaceholders(data);
    expect(data).toEqual({ product: { sku: '1' }, list: [{}] });
  });
});
