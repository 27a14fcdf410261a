// Starts GraphiQL in the explorer page (runs in the browser), reading its settings from the page's JSON block.
/* global React, ReactDOM, GraphiQL, URL, document, window */
const config = JSON.parse(document.getElementById('explorer-config').textContent);
const fetcher = GraphiQL.createFetcher({ url: new URL(config.graphqlPath, window.location.href).href });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: config.defaultQuery,
    defaultEditorToolsVisibility: true,
    storage: GraphiQL.createLocalStorage({ namespace: 'retail-hub' }),
  }),
);
