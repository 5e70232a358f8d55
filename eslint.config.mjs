// `npm run lint`: typescript-eslint, Lit, Web Components and lit-a11y rules on the sources and
// tests (Prettier owns the layout; see .prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.pack/**', 'examples/**', 'packages/**/node_modules/**', 'types/**', 'src/core/sha256-wasm.ts', 'test/visual/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  // Scripts and WTR plugins run in Node and hand functions to the browser (page.evaluate).
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // Chai's property assertions (`.to.exist`, `.to.be.ok`) are expressions.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } },
);
