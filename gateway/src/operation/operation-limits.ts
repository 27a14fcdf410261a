// The shape limits an operation must stay within before it may run: depth, aliases, root fields, directives.
import { GraphQLError, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { WalkBudget } from './selection-fields.js';
import { walkOperation } from './walk-operation.js';

export interface OperationLimits {
  /** Nesting of fields, a root field being 1. @default 12 */
  maxDepth: number;
  /** Aliased fields, fragments expanded (an alias bomb asks for one field hundreds of times). @default 30 */
  maxAliases: number;
  /** Fields at the root of the operation, fragments expanded. @default 15 */
  maxRootFields: number;
  /** Directives anywhere in the document. @default 50 */
  maxDirectives: number;
  /** Field selections visited with fragments expanded (see WalkBudget). @default 5_000 */
  maxSelections: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 15, maxDirectives: 50, maxSelections: 5_000 };

export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
}

/** Measures the operation; throws QUERY_TOO_COMPLEX (HTTP 400) naming the first limit it breaks. */
export function checkOperationLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, limits: OperationLimits): OperationShape {
  let directives = 0;
  // Counted on the document as sent: repeated directives cost parsing and validation even where they do nothing.
  visit(document, { Directive: () => void directives++ });
  if (directives > limits.maxDirectives) throw tooComplex('maxDirectives', limits.maxDirectives, directives, 'directives');
  const shape: OperationShape = { depth: 0, aliases: 0, rootFields: 0, directives };
  walkOperation(
    schema,
    document,
    operation,
    ({ node, depth }) => {
      shape.depth = Math.max(shape.depth, depth);
      if (node.alias && node.alias.value !== node.name.value) shape.aliases++;
      if (depth === 1) shape.rootFields++;
      // Stop as soon as a limit is broken, so a bomb is not walked to the end.
      if (shape.depth > limits.maxDepth) throw tooComplex('maxDepth', limits.maxDepth, shape.depth, 'levels of nesting');
      if (shape.aliases > limits.maxAliases) throw tooComplex('maxAliases', limits.maxAliases, shape.aliases, 'aliases');
      if (shape.rootFields > limits.maxRootFields) throw tooComplex('maxRootFields', limits.maxRootFields, shape.rootFields, 'root fields');
    },
    new WalkBudget(limits.maxSelections),
  );
  return shape;
}

function tooComplex(limit: keyof OperationLimits, max: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(`The operation has more than ${max} ${what} (${limit}); split it or ask for less`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, actual, http: { status: 400 } },
  });
}

