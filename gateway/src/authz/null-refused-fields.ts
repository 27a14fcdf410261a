// Puts null where a refused field was asked for, and lets that null spread up through non-null fields as GraphQL would.
import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';

type Data = Record<string, unknown> | null;

/**
 * `path` is the field's response path (keys only) and `types` the declared type of each field on it. Lists
 * are entered item by item. Returns the data, which becomes null when the null reaches a non-null root field.
 */
export function nullRefusedField(data: Data, path: readonly string[], types: readonly GraphQLOutputType[]): Data {
  if (!data) return data;
  return atKey(data, 0, path, types) ? null : data;
}

// True when the object holding path[i] must itself become null.
function atKey(object: Record<string, unknown>, i: number, path: readonly string[], types: readonly GraphQLOutputType[]): boolean {
  const key = path[i]!;
  const type = types[i]!;
  if (i === path.length - 1) {
    object[key] = null;
    return isNonNullType(type);
  }
  const value = object[key];
  if (value === null || value === undefined) return false;
  if (!inValue(value, type, i + 1, path, types)) return false;
  object[key] = null;
  return isNonNullType(type);
}

// True when this value (an object, or a list of them) must become null.
function inValue(value: unknown, type: GraphQLOutputType, next: number, path: readonly string[], types: readonly GraphQLOutputType[]): boolean {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable) && Array.isArray(value)) {
    const itemType = nullable.ofType as GraphQLOutputType;
    for (let j = 0; j < value.length; j++) {
      if (value[j] === null || value[j] === undefined) continue;
      if (!inValue(value[j], itemType, next, path, types)) continue;
      value[j] = null;
      if (isNonNullType(itemType)) return true;
    }
    return false;
  }
  return typeof value === 'object' && value !== null && atKey(value as Record<string, unknown>, next, path, types);
}

/** The response path with `@` for each list level, as routers report pre-execution errors. */
export function displayPath(path: readonly string[], types: readonly GraphQLOutputType[]): string[] {
  const out: string[] = [];
  path.forEach((key, i) => {
    out.push(key);
    if (i === path.length - 1) return;
    let type: GraphQLOutputType = types[i]!;
    for (;;) {
      if (isNonNullType(type)) type = type.ofType;
      else if (isListType(type)) {
        out.push('@');
        type = type.ofType as GraphQLOutputType;
      } else break;
    }
  });
  return out;
}
