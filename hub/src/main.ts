// `npm start`: runs the whole hub in one process and prints where to reach it.
import { HELP as HUB_HELP, loadHubConfig, stopTracing } from '@retail-hub/platform';
import { SECURITY_ENV_HELP } from '@retail-hub/gateway/config/security-config';
import { SUBSCRIPTION_ENV_HELP } from '@retail-hub/gateway/subscriptions/subscription-config';
import { ProgressReporter } from './progress-reporter.js';
import { startHub } from './start-hub.js';
import { exampleQuery } from './example-query.js';

// The gateway runs in this process too, so its settings belong in the same help.
const HELP = `${HUB_HELP}\n${SECURITY_ENV_HELP}\n${SUBSCRIPTION_ENV_HELP}`;

let parsed: ReturnType<typeof loadHubConfig>;
try {
  parsed = loadHubConfig(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(HELP);
  process.exit(0);
}

const { config } = parsed;
const progress = new ProgressReporter();
progress.note(`Starting retail-hub (data in ${config.dataDir})...`);
const startedAt = Date.now();
const hub = await startHub(config, { progress, gatewayThread: true }).catch((error: Error) => {
  console.error(`retail-hub failed to start: ${error.message}`);
  process.exit(1);
});

const display = (url: string) => url.replace('://127.0.0.1:', '://localhost:');
if (hub.gateway) {
  const base = display(hub.gateway.url);
  const sample = await exampleQuery(hub);
  console.log(`
retail-hub is running (embedded mode, ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)
  GraphQL endpoint: ${base}/graphql
  Explorer:         ${base}/explorer
  Health:           ${base}/health   Metrics: ${base}/metrics
  API keys:         ${hub.gateway.accessNote}

Try it:
curl -s ${base}/graphql -H 'content-type: application/json' -d '${JSON.stringify({ query: sample.replace(/\s+/g, ' ').trim() })}'

or paste into the explorer:
${sample}
Press Ctrl-C to stop; data stays in ${config.dataDir}.`);
} else {
  console.log(`retail-hub services running: ${Object.entries(hub.subgraphs).map(([n, s]) => `${n} ${display(s!.http.url)}/graphql`).join(', ')}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopping retail-hub...');
    hub
      .stop()
      // Spans still batched for export go out before the process ends.
      .then(() => stopTracing())
      .then(() => {
        console.log('Stopped.');
        process.exit(0);
      })
      .catch((error: Error) => {
        console.error(`Stop failed: ${error.message}`);
        process.exit(1);
      });
  });
}
