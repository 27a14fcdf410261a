// `npm run compose` / `npm run compose:check`: composes the subgraphs into gateway/supergraph.graphql or checks it.
import { parseArgs } from 'node:util';
import { runCompose } from './run-compose.js';

const HELP = `Usage: tsx gateway/src/compose/compose-cli.ts [--check] [--subgraphs-dir DIR] [--out FILE]

Composes subgraphs/<name>/schema/*.graphql of product, pricing, inventory, orders and
supplier (Federation 2, @apollo/composition) into gateway/supergraph.graphql.

  --check              do not write; exit 1 if composition fails or FILE differs from a
                       fresh composition (CI runs this)
  --subgraphs-dir DIR  where <name>/schema/ lives (default: the repository's subgraphs/)
  --out FILE           the supergraph file (default: gateway/supergraph.graphql)
  --help               this text
`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        check: { type: 'boolean', default: false },
        'subgraphs-dir': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
}

const values = readArgs();
if (values.help) {
  console.log(HELP);
} else {
  const outcome = runCompose({ check: values.check, subgraphsDir: values['subgraphs-dir'], out: values.out });
  for (const message of outcome.messages) (outcome.exitCode === 0 ? console.log : console.error)(message);
  process.exitCode = outcome.exitCode;
}
