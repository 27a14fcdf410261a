// One lint for the whole workspace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'coverage/**', 'gateway/supergraph.graphql'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['hub/src/**', 'bench/**', '**/*-cli.ts', 'erp/src/seed/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read untyped GraphQL JSON; typing every response would say nothing a reader needs.
    files: ['**/*.test.ts', 'test/**', 'bench/**', '**/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
