// The explorer page: only local assets, the default query prefilled, and nothing in it can break out of its JSON block.
import { describe, expect, it } from 'vitest';
import { renderExplorerPage } from './explorer-page.js';

const render = (defaultQuery: string) => renderExplorerPage({ title: 'Hub <explorer>', assetsPath: '/explorer/assets', graphqlPath: '/graphql', defaultQuery });

describe('renderExplorerPage', () => {
  it('loads React, GraphiQL and the bootstrap from the asset path, in order, with no remote URL', () => {
    const html = render('{ __typename }');
    expect([...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/explorer/assets/react.production.min.js',
      '/explorer/assets/react-dom.production.min.js',
      '/explorer/assets/graphiql.min.js',
      '/explorer/assets/explorer-bootstrap.js',
    ]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<title>Hub &#60;explorer&#62;</title>');
  });

  it('embeds the endpoint and the default query as JSON the bootstrap reads', () => {
    const html = render('query A { a }');
    const json = /<script type="application\/json" id="explorer-config">(.*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual({ graphqlPath: '/graphql', defaultQuery: 'query A { a }' });
  });

  it('escapes a default query that tries to close the script element', () => {
    const html = render('# </script><script>alert(1)</script>');
    expect(html).not.toContain('</script><script>alert(1)');
    const json = /id="explorer-config">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(json!).defaultQuery).toBe('# </script><script>alert(1)</script>');
  });
});
