// `npm run persisted-queries [-- --check]`: writes gateway/persisted-queries.json from gateway/operations/, or checks it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { DEFAULT_MANIFEST_PATH } from '../config/security-config.js';
import { apiSchemaOf } from '../supergraph/api-schema.js';
import { buildManifest } from './build-manifest.js';

const OPERATIONS_DIR = fileURLToPath(new URL('../../operations', import.meta.url));
const check = process.argv.includes('--check');

const { manifest, problems } = buildManifest(OPERATIONS_DIR, apiSchemaOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')));
const text = `${JSON.stringify(manifest, null, 2)}\n`;
if (problems.length) {
  console.error(`safelisted operations do not fit the schema:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else if (check) {
  const current = existsSync(DEFAULT_MANIFEST_PATH) ? readFileSync(DEFAULT_MANIFEST_PATH, 'utf8') : '';
  if (current !== text) {
    console.error('gateway/persisted-queries.json is stale: run `npm run persisted-queries` and commit it');
    process.exitCode = 1;
  } else {
    console.log(`gateway/persisted-queries.json is up to date (${manifest.operations.length} operations)`);
  }
} else {
  writeFileSync(DEFAULT_MANIFEST_PATH, text);
  console.log(`wrote gateway/persisted-queries.json (${manifest.operations.map((o) => o.name).join(', ')})`);
}
