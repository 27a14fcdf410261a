// The gateway process's config: defaults, environment, flags over environment, and clear refusals.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { DEV_CLAIMS_SECRET, GatewayConfigError, readGatewayConfig } from './gateway-config.js';

const config = (argv: string[], env: Record<string, string> = {}) => {
  const reading = readGatewayConfig(argv, env);
  if (reading.help) throw new Error('unexpected --help');
  return reading;
};

describe('readGatewayConfig', () => {
  it('has defaults for everything but the claims secret', () => {
    expect(config([], { HUB_CLAIMS_SECRET: 's3cret' }).config).toEqual({
      supergraphPath: DEFAULT_SUPERGRAPH_PATH,
      port: 4000,
      host: '127.0.0.1',
      subgraphUrls: {},
      subgraphTimeoutMs: 10_000,
      claimsSecret: 's3cret',
      dev: false,
    });
  });

  it('requires HUB_CLAIMS_SECRET unless --dev', () => {
    expect(() => readGatewayConfig([], {})).toThrow(GatewayConfigError);
    expect(() => readGatewayConfig([], {})).toThrow(/HUB_CLAIMS_SECRET is required/);
    const dev = config(['--dev']);
    expect(dev.config.claimsSecret).toBe(DEV_CLAIMS_SECRET);
    expect(dev.warnings).toEqual([expect.stringMatching(/development claims secret/)]);
  });

  it('reads the environment and lets flags override it', () => {
    const env = {
      HUB_CLAIMS_SECRET: 's',
      HUB_GATEWAY_PORT: '5000',
      HUB_SUBGRAPH_URLS: 'product=http://product:4001/graphql, pricing=http://pricing:4002/graphql',
    };
    const { config: c } = config(['--port', '0', '--subgraph-url', 'pricing=http://127.0.0.1:9002/graphql', '--supergraph', '/tmp/s.graphql'], env);
    expect(c.port).toBe(0);
    expect(c.supergraphPath).toBe('/tmp/s.graphql');
    expect(c.subgraphUrls).toEqual({ product: 'http://product:4001/graphql', pricing: 'http://127.0.0.1:9002/graphql' });
  });

  it('refuses malformed values with the flag they came from', () => {
    const env = { HUB_CLAIMS_SECRET: 's' };
    expect(() => readGatewayConfig(['--port', 'eighty'], env)).toThrow('--port: expected an integer from 0 to 65535, got "eighty"');
    expect(() => readGatewayConfig(['--subgraph-url', 'product'], env)).toThrow(/--subgraph-url: expected NAME=http/);
    expect(() => readGatewayConfig(['--subgraph-url', 'product=ftp://x'], env)).toThrow(/--subgraph-url/);
    expect(() => readGatewayConfig(['--bogus'], env)).toThrow(/Unknown option '--bogus'/);
  });

  it('answers --help without needing a secret', () => {
    expect(readGatewayConfig(['--help'], {})).toEqual({ help: true });
  });
});
