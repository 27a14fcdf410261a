// The cost rules of Federation's demand control: what one field of one type costs, and how long a list is assumed to be.
import { Kind, getNamedType, isCompositeType, type FieldNode, type GraphQLField, type GraphQLNamedType, type ValueNode } from 'graphql';
import type { SchemaPolicies } from '../supergraph/schema-policies.js';

export interface CostSettings {
  /** Items assumed in a list with no @listSize and no slicing argument. @default 10 */
  defaultListSize: number;
  /** Added for each mutation root field: writes cost more than reads. @default 10 */
  mutationCost: number;
}

export const DEFAULT_COST_SETTINGS: CostSettings = { defaultListSize: 10, mutationCost: 10 };

export class CostModel {
  constructor(readonly policies: SchemaPolicies, readonly settings: CostSettings = DEFAULT_COST_SETTINGS) {}

  /**
   * One value of the field, before its selections: @cost on the field, else on its type, else 1 for an
   * object (it is fetched and assembled) and 0 for a scalar or enum (it comes with its object).
   */
  baseCost(parentTypeName: string, field: GraphQLField<unknown, unknown>): number {
    const named = getNamedType(field.type);
    return this.policies.costWeights.get(`${parentTypeName}.${field.name}`) ?? this.policies.costWeights.get(named.name) ?? (isCompositeType(named) ? 1 : 0);
  }

  /** @cost on the arguments the operation gives (e.g. a costly filter). */
  argumentsCost(parentTypeName: string, field: GraphQLField<unknown, unknown>, node: FieldNode): number {
    let cost = 0;
    for (const arg of node.arguments ?? []) cost += this.policies.costWeights.get(`${parentTypeName}.${field.name}(${arg.name.value}:)`) ?? 0;
    return cost;
  }

  /**
   * The assumed length of a list field: the slicing argument's value (`first: 50`) or its default, else
   * @listSize's assumedSize, else the default. `sized` carries a parent connection's slicing size to the
   * fields its @listSize names in sizedFields (nodes, edges).
   */
  listSize(parentTypeName: string, field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, sized: SizedFields | null): number {
    if (sized?.names.includes(field.name)) return sized.size;
    const policy = this.policies.listSizes.get(`${parentTypeName}.${field.name}`);
    return this.slicingSize(field, node, variables, policy?.slicingArguments) ?? policy?.assumedSize ?? this.settings.defaultListSize;
  }

  /** For a connection field: the size its sizedFields get. */
  sizedFieldsOf(parentTypeName: string, field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): SizedFields | null {
    const policy = this.policies.listSizes.get(`${parentTypeName}.${field.name}`);
    if (!policy?.sizedFields?.length) return null;
    const size = this.slicingSize(field, node, variables, policy.slicingArguments) ?? policy.assumedSize ?? this.settings.defaultListSize;
    return { names: policy.sizedFields, size };
  }

  private slicingSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, slicing: string[] | undefined): number | null {
    let size: number | null = null;
    for (const name of slicing ?? []) {
      const given = node.arguments?.find((a) => a.name.value === name);
      const value = given ? literal(given.value, variables) : field.args.find((a) => a.name === name)?.defaultValue;
      // Several slicing arguments given: the largest is what could come back.
      if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size ?? 0, value);
    }
    return size;
  }
}

export interface SizedFields {
  names: string[];
  size: number;
}

export function isComposite(type: GraphQLNamedType): boolean {
  return isCompositeType(type);
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  return undefined;
}
