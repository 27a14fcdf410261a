// `npm run keys -- create|list|revoke`: manages API keys in the gateway's store, the same one a running hub reads.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GraphQLError } from 'graphql';
import { createLogger, defaultHubConfig, ensurePostgresDatabase, storeFor, type HubConfig } from '@retail-hub/platform';
import { knownScopesOf } from '../config/gateway-security.js';
import { DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { DEFAULT_KEY_LIMITS } from '../gateway-options.js';
import { formatPartner, type ApiKeyRecord } from './api-key-model.js';
import { openKeyStore } from './key-store.js';
import { parseDuration } from './parse-duration.js';

const HELP = `Usage: npm run keys -- <command> [options]

Commands:
  create   --name NAME --scopes A,B [--partner supplier:SUP-0007] [--expires ISO | --expires-in 30d]
           [--safelist-only] [--max-cost N] [--bucket N] [--restore-rate N]
           Prints the key once: store it, it cannot be shown again.
  list     [--all]        keys, newest first (--all includes revoked ones)
  revoke   ID             refused everywhere within a second

Options:
  --json               machine-readable output
  --data-dir DIR       the hub's data directory (default ./data; env HUB_DATA_DIR)
  --postgres URL       the hub's PostgreSQL server (env HUB_POSTGRES_URL)
  --help               this text

Scopes: catalog:read, costs:read, pricing:read, pricing:write, inventory:read, inventory:write,
orders:read, orders:write, orders:fulfil, payments:write, orders:admin, supplier:read,
purchasing:read, purchasing:write, purchasing:confirm, admin:keys (docs/security.md);
domain:* grants a domain, *:read every read, * everything.
`;

// Field names of the create input, as the flags a person typed.
const FLAGS: Record<string, string> = {
  name: '--name', scopes: '--scopes', partner: '--partner', expiresAt: '--expires',
  maxCost: '--max-cost', bucketCapacity: '--bucket', restoreRate: '--restore-rate',
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' }, scopes: { type: 'string' }, partner: { type: 'string' },
      expires: { type: 'string' }, 'expires-in': { type: 'string' }, 'safelist-only': { type: 'boolean' },
      'max-cost': { type: 'string' }, bucket: { type: 'string' }, 'restore-rate': { type: 'string' },
      all: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' }, postgres: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown command "${command}"`);

  const config: HubConfig = defaultHubConfig(resolve(values['data-dir'] ?? process.env.HUB_DATA_DIR ?? './data'));
  const postgres = values.postgres ?? process.env.HUB_POSTGRES_URL;
  if (postgres) config.storage = { kind: 'postgres', url: postgres };
  const store = storeFor(config, 'gateway');
  if (store.dialect === 'postgres') await ensurePostgresDatabase(store.url);
  const keyStore = await openKeyStore(store, {
    defaultLimits: DEFAULT_KEY_LIMITS,
    knownScopes: knownScopesOf(process.env.HUB_SUPERGRAPH ?? DEFAULT_SUPERGRAPH_PATH),
    logger: createLogger('keys', 'error'),
  });
  try {
    if (command === 'create') {
      const expiresAt = values['expires-in'] ? new Date(Date.now() + parseDuration(values['expires-in'], '--expires-in')).toISOString() : values.expires;
      const created = await keyStore.keys.create(
        {
          name: values.name ?? '',
          scopes: (values.scopes ?? '').split(','),
          partner: values.partner,
          expiresAt,
          safelistOnly: values['safelist-only'] ?? false,
          maxCost: count(values['max-cost'], '--max-cost'),
          bucketCapacity: count(values.bucket, '--bucket'),
          restoreRate: count(values['restore-rate'], '--restore-rate'),
        },
        'cli',
      );
      if (values.json) console.log(JSON.stringify({ ...asJson(created.record), key: created.key }));
      else console.log(`Created API key ${created.record.id} (${created.record.name})\n${describe(created.record)}\n\nThe key (shown once; store it now):\n${created.key}`);
    } else if (command === 'list') {
      const keys = await keyStore.keys.list(values.all ?? false);
      if (values.json) console.log(JSON.stringify(keys.map(asJson)));
      else console.log(keys.length ? keys.map((k) => `${k.id}  ${k.name}\n${describe(k)}`).join('\n\n') : 'No keys yet: npm run keys -- create --name NAME --scopes A,B');
    } else {
      const id = rest[0];
      if (!id) throw new UsageError('revoke needs the key id (npm run keys -- list shows them)');
      const revoked = await keyStore.keys.revoke(id);
      if (values.json) console.log(JSON.stringify(asJson(revoked)));
      else console.log(`Revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}; gateways refuse it within a second.`);
    }
    return 0;
  } finally {
    await keyStore.close();
  }
}

function count(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag}: expected a whole number, got "${text}"`);
  return Number(text);
}

function asJson(key: ApiKeyRecord) {
  return { ...key, partner: formatPartner(key.partner) };
}

function describe(k: ApiKeyRecord): string {
  const lines = [
    `  scopes:   ${k.scopes.join(', ')}`,
    `  partner:  ${formatPartner(k.partner) ?? 'none (internal key)'}`,
    `  limits:   max cost ${k.limits.maxCost} per operation, bucket ${k.limits.bucketCapacity}, restores ${k.limits.restoreRate}/s${k.safelistOnly ? ', safelisted operations only' : ''}`,
    `  created:  ${k.createdAt} by ${k.createdBy}; last used ${k.lastUsedAt ?? 'never'}`,
  ];
  if (k.expiresAt) lines.push(`  expires:  ${k.expiresAt}`);
  if (k.revokedAt) lines.push(`  REVOKED:  ${k.revokedAt}`);
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      const field = String(error.extensions.field ?? '');
      const flag = FLAGS[field.replace(/^input\./, '').split('.')[0]!] ?? field;
      console.error(`${flag}: ${error.message.replace(/^[\w.]+: /, '')}`);
      process.exitCode = 2;
    } else if (error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND') {
      console.error(error.message.replace(/^id: /, ''));
      process.exitCode = 1;
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${HELP}`);
      process.exitCode = 2;
    } else {
      console.error(`keys: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  },
);
