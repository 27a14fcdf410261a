// The governance rule: a breaking change is allowed only to an element the released schema had already deprecated.
import { CriticalityLevel, type Change } from '@graphql-inspector/core';
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLArgument, type GraphQLNamedType, type GraphQLSchema, type GraphQLType } from 'graphql';

/** True when the element at an inspector path (`Type`, `Type.field`, `Type.field.arg`, `Enum.VALUE`) was deprecated in `schema`. */
export function wasDeprecated(schema: GraphQLSchema, path: string): boolean {
  const [typeName, member, arg] = path.split('.');
  const type = schema.getType(typeName ?? '');
  if (!type) return false;
  if (!member) return typeFullyDeprecated(schema, typeName!);
  if (isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    if (field.deprecationReason) return true;
    if (arg && 'args' in field) return Boolean(field.args.find((a) => a.name === arg)?.deprecationReason);
  }
  return false;
}

/** A type cannot carry @deprecated itself: it counts as deprecated when every field that returns or takes it is. */
function typeFullyDeprecated(schema: GraphQLSchema, typeName: string): boolean {
  let references = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const named = (t: GraphQLType) => (getNamedType(t) as GraphQLNamedType).name;
      const args: readonly GraphQLArgument[] = 'args' in field ? field.args : [];
      const uses = named(field.type) === typeName || args.some((a) => named(a.type) === typeName);
      if (!uses) continue;
      references++;
      if (!field.deprecationReason) return false;
    }
  }
  return references > 0;
}

/** An inspector rule: breaking changes to deprecated elements become dangerous (allowed, but listed). */
export function deprecatedFirstRule({ changes, oldSchema }: { changes: Change[]; oldSchema: GraphQLSchema | null }): Change[] {
  return changes.map((change) => {
    if (change.criticality.level !== CriticalityLevel.Breaking || !change.path || !oldSchema || !wasDeprecated(oldSchema, change.path)) return change;
    return { ...change, criticality: { level: CriticalityLevel.Dangerous, reason: 'deprecated in the released schema before this change' } };
  });
}
