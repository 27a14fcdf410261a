// The explorer's HTML: GraphiQL from the gateway's own asset route, configured by an embedded JSON block.
export interface ExplorerPageOptions {
  title: string;
  /** Where the assets are served, e.g. `/explorer/assets`. */
  assetsPath: string;
  /** The GraphQL endpoint GraphiQL sends to, e.g. `/graphql`. */
  graphqlPath: string;
  /** Prefilled in the editor on a first visit (GraphiQL keeps the last query in localStorage after that). */
  defaultQuery: string;
}

/** Only same-origin scripts: the config rides in a JSON block and the bootstrap is a file, so no inline script runs. */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL sets element styles at runtime; its fonts are data: URLs inside its CSS.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderExplorerPage(options: ExplorerPageOptions): string {
  const asset = (name: string) => escapeHtml(`${options.assetsPath}/${name}`);
  // `<` escaped so a query containing `</script>` cannot end the JSON block.
  const config = JSON.stringify({ graphqlPath: options.graphqlPath, defaultQuery: options.defaultQuery }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${asset('graphiql.min.css')}">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script type="application/json" id="explorer-config">${config}</script>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script src="${asset('explorer-bootstrap.js')}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
