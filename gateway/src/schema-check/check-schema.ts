// Compares the public API with the last released snapshot: breaking changes (unless deprecated first) and a changelog.
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { deprecatedFirstRule } from './deprecated-first.rule.js';

export interface SchemaCheck {
  /** Breaking changes to elements that were not deprecated first: any of these fails the check. */
  breaking: Change[];
  /** Every change, for the changelog. */
  changes: Change[];
}

export async function checkSchema(released: GraphQLSchema, current: GraphQLSchema): Promise<SchemaCheck> {
  const changes = await diff(released, current, [deprecatedFirstRule]);
  return { breaking: changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking), changes };
}

/** The snapshot text: sorted, so it changes only where the API does. */
export function printApiSnapshot(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function readApiSnapshot(text: string): GraphQLSchema {
  return buildSchema(text);
}

const SECTIONS: [CriticalityLevel, string][] = [
  [CriticalityLevel.Breaking, 'Breaking'],
  [CriticalityLevel.Dangerous, 'Dangerous (allowed: deprecated first, or may change behaviour)'],
  [CriticalityLevel.NonBreaking, 'Added and changed'],
];

/** A Markdown changelog section, grouped by criticality. */
export function changelogSection(title: string, changes: Change[]): string {
  const lines = [`## ${title}`, ''];
  if (changes.length === 0) lines.push('No changes to the public API.', '');
  for (const [level, heading] of SECTIONS) {
    const group = changes.filter((c) => c.criticality.level === level);
    if (group.length === 0) continue;
    lines.push(`### ${heading}`, '', ...group.map((c) => `- ${c.message}${c.criticality.reason && level !== CriticalityLevel.NonBreaking ? ` (${c.criticality.reason})` : ''}`), '');
  }
  return lines.join('\n');
}
