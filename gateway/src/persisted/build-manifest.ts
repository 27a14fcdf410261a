// Builds the safelist manifest from operation files (gateway/operations/*.graphql), each checked against the public API.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { PersistedOperation } from './persisted-query-manifest.js';

export interface ManifestBuild {
  manifest: { format: 'apollo-persisted-query-manifest'; version: 1; operations: PersistedOperation[] };
  problems: string[];
}

/**
 * One named operation per file. The body is the operation printed canonically and its id the SHA-256 of the
 * body, as Apollo's manifest generator makes them, so a client may send either the id or the exact body.
 */
export function buildManifest(operationsDir: string, schema: GraphQLSchema): ManifestBuild {
  const problems: string[] = [];
  const operations: PersistedOperation[] = [];
  for (const file of readdirSync(operationsDir).filter((f) => f.endsWith('.graphql')).sort()) {
    let document;
    try {
      document = parse(readFileSync(join(operationsDir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1 || !ops[0]!.name) {
      problems.push(`${file}: expected exactly one named operation`);
      continue;
    }
    const errors = validate(schema, document);
    if (errors.length) problems.push(...errors.map((e) => `${file}: ${e.message}`));
    const body = print(document);
    operations.push({ id: createHash('sha256').update(body).digest('hex'), name: ops[0]!.name.value, type: ops[0]!.operation, body });
  }
  return { manifest: { format: 'apollo-persisted-query-manifest', version: 1, operations }, problems };
}
