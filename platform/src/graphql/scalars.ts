// Custom scalars shared by every subgraph: DateTime as UTC ISO-8601.
import { GraphQLScalarType, Kind } from 'graphql';

function toIso(value: unknown, where: string): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new TypeError(`DateTime ${where}: not an ISO-8601 date-time`);
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A UTC instant in ISO-8601, e.g. 2026-11-27T09:30:00.000Z.',
  serialize: (value) => toIso(value, 'output'),
  parseValue: (value) => toIso(value, 'input'),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime input: must be a string');
    return toIso(ast.value, 'input');
  },
});
