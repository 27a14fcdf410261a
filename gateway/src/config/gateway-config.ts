// The gateway process's settings: one typed object from defaults, then environment, then command-line flags.
import { parseArgs } from 'node:util';
import { DEV_CLAIMS_SECRET } from '@retail-hub/platform';
import { DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { SECURITY_ENV_HELP } from './security-config.js';

export interface GatewayConfig {
  supergraphPath: string;
  port: number;
  host: string;
  /** Subgraph URL overrides by subgraph name. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  claimsSecret: string;
  /** Development mode: a well-known claims secret is allowed. */
  dev: boolean;
}

/** Only for --dev: the same well-known secret the embedded hub and subgraph processes use in development. */
export { DEV_CLAIMS_SECRET } from '@retail-hub/platform';

export const GATEWAY_HELP = `Usage: tsx gateway/src/index.ts [options]

Runs the retail hub gateway: GraphQL at /graphql, the explorer at /explorer,
/health, /ready and /metrics. Each option overrides the environment variable
named after it.

Options:
  --supergraph PATH        the supergraph to serve                  HUB_SUPERGRAPH
                           (default gateway/supergraph.graphql)
  --port N                 port to listen on (default 4000)         HUB_GATEWAY_PORT
  --host HOST              interface to listen on (default          HUB_GATEWAY_HOST
                           127.0.0.1; 0.0.0.0 for all)
  --subgraph-url NAME=URL  call subgraph NAME at URL instead of     HUB_SUBGRAPH_URLS
                           the supergraph's; repeatable             (NAME=URL,NAME=URL)
  --subgraph-timeout-ms N  deadline of one subgraph call            HUB_SUBGRAPH_TIMEOUT_MS
                           (default 10000)
  --dev                    development: the well-known claims secret
                           when HUB_CLAIMS_SECRET is unset, anonymous
                           reads, introspection (else production)
  --help                   this text

Environment:
  HUB_CLAIMS_SECRET        the secret shared with the subgraphs that signs
                           caller claims (required unless --dev)
  HUB_DATA_DIR             API keys in <dir>/gateway.db (default ./data)
  HUB_POSTGRES_URL         API keys in database hub_gateway there instead
  LOG_LEVEL                pino log level (default info)
  OTEL_EXPORTER_OTLP_ENDPOINT  export traces over OTLP/HTTP

${SECURITY_ENV_HELP}`;

export class GatewayConfigError extends Error {}

export type ConfigReading = { help: true } | { help: false; config: GatewayConfig; warnings: string[] };

export function readGatewayConfig(argv: string[], env: Record<string, string | undefined>): ConfigReading {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      options: {
        supergraph: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'subgraph-url': { type: 'string', multiple: true },
        'subgraph-timeout-ms': { type: 'string' },
        dev: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new GatewayConfigError((error as Error).message);
  }
  if (flags.help) return { help: true };

  const warnings: string[] = [];
  const dev = flags.dev ?? false;
  let claimsSecret = env.HUB_CLAIMS_SECRET ?? '';
  if (!claimsSecret) {
    if (!dev) throw new GatewayConfigError('HUB_CLAIMS_SECRET is required (the secret shared with the subgraphs); use --dev for a development secret');
    claimsSecret = DEV_CLAIMS_SECRET;
    warnings.push('using the development claims secret (--dev): never do this in production');
  }
  const envUrls = (env.HUB_SUBGRAPH_URLS ?? '').split(',').filter((s) => s.trim());
  return {
    help: false,
    warnings,
    config: {
      supergraphPath: flags.supergraph ?? env.HUB_SUPERGRAPH ?? DEFAULT_SUPERGRAPH_PATH,
      port: integer('port', flags.port ?? env.HUB_GATEWAY_PORT ?? '4000', 0, 65_535),
      host: flags.host ?? env.HUB_GATEWAY_HOST ?? '127.0.0.1',
      subgraphUrls: { ...subgraphUrls(envUrls), ...subgraphUrls(flags['subgraph-url'] ?? []) },
      subgraphTimeoutMs: integer('subgraph-timeout-ms', flags['subgraph-timeout-ms'] ?? env.HUB_SUBGRAPH_TIMEOUT_MS ?? '10000', 1, 600_000),
      claimsSecret,
      dev,
    },
  };
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new GatewayConfigError(`--${name}: expected an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function subgraphUrls(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const url = pair.slice(at + 1).trim();
      if (at < 1 || !/^https?:\/\/.+/.test(url) || !URL.canParse(url)) {
        throw new GatewayConfigError(`--subgraph-url: expected NAME=http(s)://host:port/path, got "${pair}"`);
      }
      return [name, url];
    }),
  );
}
