// One test run for the whole workspace: unit tests beside the code, subgraph tests, whole-graph tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node (and so `npm start`) loads graphql's CommonJS build, as the CommonJS Apollo libraries do; vite would pick
  // its ESM build for our code, and graphql refuses types from the other copy ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: whole-graph tests start real processes, so more workers only thrash.
    maxWorkers: 2,
  },
});
