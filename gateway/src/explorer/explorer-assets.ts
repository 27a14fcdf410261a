// The explorer's files, served from node_modules and this package (no CDN), gzipped and cached in memory once read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

// react and react-dom do not export their umd/ files, but they do export package.json.
const packageFile = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const JS = 'text/javascript; charset=utf-8';

/** The asset name in the URL -> the file on disk and its content type. */
export const EXPLORER_ASSET_FILES: Record<string, { path: () => string; type: string }> = {
  'react.production.min.js': { path: () => packageFile('react', 'umd/react.production.min.js'), type: JS },
  'react-dom.production.min.js': { path: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: JS },
  'graphiql.min.js': { path: () => require.resolve('graphiql/graphiql.min.js'), type: JS },
  'graphiql.min.css': { path: () => require.resolve('graphiql/graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'explorer-bootstrap.js': { path: () => fileURLToPath(new URL('./browser/explorer-bootstrap.js', import.meta.url)), type: JS },
};

interface LoadedAsset {
  type: string;
  etag: string;
  raw: Buffer;
  gzip: Buffer;
}

export function createAssetServer() {
  // Resolved now, so a missing package fails at start rather than on the first page view.
  const paths = Object.fromEntries(Object.entries(EXPLORER_ASSET_FILES).map(([name, asset]) => [name, asset.path()]));
  const loaded = new Map<string, LoadedAsset>();

  function load(name: string): LoadedAsset | null {
    const path = paths[name];
    if (!path) return null;
    let asset = loaded.get(name);
    if (!asset) {
      const raw = readFileSync(path);
      asset = { type: EXPLORER_ASSET_FILES[name]!.type, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`, raw, gzip: gzipSync(raw) };
      loaded.set(name, asset);
    }
    return asset;
  }

  return (name: string, req: IncomingMessage, res: ServerResponse): void => {
    const asset = load(name);
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('not found');
    }
    const headers: Record<string, string> = { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'public, max-age=3600', vary: 'accept-encoding', 'x-content-type-options': 'nosniff' };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      return void res.end();
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzip : asset.raw;
    res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
