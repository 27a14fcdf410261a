// Reads the supergraph's security and demand-control directives (@requiresScopes, @authenticated, @cost, @listSize) into lookups.
import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode } from 'graphql';

/** Any one inner list satisfied grants access; every scope of that inner list is needed (Federation's semantics). */
export type ScopeRequirement = readonly (readonly string[])[];

export interface AccessPolicy {
  /** @requiresScopes; absent: no scope needed. */
  scopes?: ScopeRequirement;
  /** @authenticated: the anonymous caller may not. */
  authenticated?: boolean;
}

export interface ListSizePolicy {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

export interface SchemaPolicies {
  /** By type name. */
  typeAccess: ReadonlyMap<string, AccessPolicy>;
  /** By `Type.field`. */
  fieldAccess: ReadonlyMap<string, AccessPolicy>;
  /** @cost weights by type name, `Type.field` and `Type.field(arg:)`. */
  costWeights: ReadonlyMap<string, number>;
  /** By `Type.field`. */
  listSizes: ReadonlyMap<string, ListSizePolicy>;
  /** Every scope some @requiresScopes names. */
  scopes: ReadonlySet<string>;
}

const TYPE_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_DEFINITION, Kind.SCALAR_TYPE_EXTENSION, Kind.ENUM_TYPE_DEFINITION, Kind.ENUM_TYPE_EXTENSION,
]);

export function readSchemaPolicies(supergraphSdl: string): SchemaPolicies {
  const typeAccess = new Map<string, AccessPolicy>();
  const fieldAccess = new Map<string, AccessPolicy>();
  const costWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSizePolicy>();
  const scopes = new Set<string>();
  const access = (directives: readonly ConstDirectiveNode[] | undefined): AccessPolicy | null => {
    const policy: AccessPolicy = {};
    for (const d of directives ?? []) {
      if (directiveName(d) === 'requiresScopes') {
        const value = argument(d, 'scopes') as string[][] | undefined;
        policy.scopes = (value ?? []).map((all) => [...all]);
        for (const set of policy.scopes) for (const s of set) scopes.add(s);
      } else if (directiveName(d) === 'authenticated') {
        policy.authenticated = true;
      }
    }
    return policy.scopes || policy.authenticated ? policy : null;
  };
  const cost = (directives: readonly ConstDirectiveNode[] | undefined, key: string) => {
    const d = directives?.find((x) => directiveName(x) === 'cost');
    const weight = d ? Number(argument(d, 'weight')) : NaN;
    if (Number.isFinite(weight)) costWeights.set(key, weight);
  };

  for (const def of parse(supergraphSdl).definitions as DefinitionNode[]) {
    if (!TYPE_KINDS.has(def.kind) || !('name' in def) || !def.name) continue;
    const typeName = def.name.value;
    const directives = 'directives' in def ? (def.directives as readonly ConstDirectiveNode[] | undefined) : undefined;
    const typePolicy = access(directives);
    if (typePolicy) typeAccess.set(typeName, merge(typeAccess.get(typeName), typePolicy));
    cost(directives, typeName);
    const fields = 'fields' in def ? (def.fields ?? []) : [];
    for (const field of fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const key = `${typeName}.${field.name.value}`;
      const fieldPolicy = access(field.directives);
      if (fieldPolicy) fieldAccess.set(key, merge(fieldAccess.get(key), fieldPolicy));
      cost(field.directives, key);
      for (const arg of field.arguments ?? []) cost(arg.directives, `${key}(${arg.name.value}:)`);
      const listSize = field.directives?.find((d) => directiveName(d) === 'listSize');
      if (listSize) {
        listSizes.set(key, {
          assumedSize: argument(listSize, 'assumedSize') as number | undefined,
          slicingArguments: argument(listSize, 'slicingArguments') as string[] | undefined,
          sizedFields: argument(listSize, 'sizedFields') as string[] | undefined,
        });
      }
    }
  }
  return { typeAccess, fieldAccess, costWeights, listSizes, scopes };
}

// The supergraph may carry a directive under its spec's namespaced name (cost__listSize) when it is not imported.
function directiveName(d: ConstDirectiveNode): string {
  const name = d.name.value;
  const at = name.indexOf('__');
  return at > 0 ? name.slice(at + 2) : name;
}

function argument(d: ConstDirectiveNode, name: string): unknown {
  const arg = d.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

// The same element annotated in two places (a type and its extension): every requirement must hold.
function merge(a: AccessPolicy | undefined, b: AccessPolicy): AccessPolicy {
  if (!a) return b;
  const scopes = a.scopes && b.scopes ? a.scopes.flatMap((x) => b.scopes!.map((y) => [...new Set([...x, ...y])])) : (a.scopes ?? b.scopes);
  return { ...(scopes ? { scopes } : {}), ...(a.authenticated || b.authenticated ? { authenticated: true } : {}) };
}
