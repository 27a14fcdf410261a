// Reads a subgraph's SDL files (schema/*.graphql) into one document, in a stable order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

export function loadSchemaDir(dir: string): DocumentNode {
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  return parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
}
