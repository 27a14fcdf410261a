// Reads one metric off a service's Prometheus /metrics page, for tests and benchmarks that watch a running hub.

/**
 * The sum of the metric's samples over its label sets, or only those whose line contains `labels`
 * (e.g. `outcome="coalesced"`). `baseUrl` is the service's origin, e.g. http://127.0.0.1:4000.
 */
export async function scrapeMetric(baseUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
