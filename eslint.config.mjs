import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.tmp/', '.bench-build/', 'packages/*/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['examples/provider-plugin/*.ts', 'vitest.config.mts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      eqeqeq: ['error', 'always'],
      // Reports assignments read by a later turn of a loop, and decorator arguments, as useless.
      'no-useless-assignment': 'off',
      'no-console': 'off',
    },
  },
  {
    // Tests, benchmarks and the demo read API answers as plain JSON; the service itself stays typed.
    files: ['test/**', 'bench/**', 'src/cli/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The dashboard runs in the browser.
    files: ['ui/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Plugins, fixtures and scripts are plain CommonJS for Node, as a plugin author writes them.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
