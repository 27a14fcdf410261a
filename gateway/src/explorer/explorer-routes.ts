// The /explorer page and its /explorer/assets/* files, as routes for the gateway's HTTP server.
import type { RouteHandler } from '@retail-hub/platform';
import { createAssetServer } from './explorer-assets.js';
import { EXPLORER_CSP, renderExplorerPage } from './explorer-page.js';

export const DEFAULT_EXPLORER_QUERY = `# Retail hub explorer: run with Ctrl-Enter,
# browse the schema in Docs (top left).
# This example lists the hub's top-level queries.
query RootFields {
  __schema {
    queryType {
      fields {
        name
        description
      }
    }
  }
}
`;

export interface ExplorerOptions {
  /** Serve the explorer at all. @default true */
  enabled?: boolean;
  /** @default '/explorer' */
  path?: string;
  /** Prefilled in the editor on a first visit. @default DEFAULT_EXPLORER_QUERY (lists the root query fields) */
  defaultQuery?: string;
  /** @default 'Retail hub explorer' */
  title?: string;
}

export function explorerRoutes(options: ExplorerOptions, graphqlPath: string): Record<string, RouteHandler> {
  if (options.enabled === false) return {};
  const path = options.path ?? '/explorer';
  const assetsPath = `${path}/assets`;
  const page = renderExplorerPage({
    title: options.title ?? 'Retail hub explorer',
    assetsPath,
    graphqlPath,
    defaultQuery: options.defaultQuery ?? DEFAULT_EXPLORER_QUERY,
  });
  const serveAsset = createAssetServer();
  return {
    [path]: (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': EXPLORER_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(page);
    },
    [`${assetsPath}/*`]: (req, res) => serveAsset((req.url ?? '').split('?', 1)[0]!.slice(assetsPath.length + 1), req, res),
  };
}
