// Lint: strict TypeScript, React hooks, no HTML injection, and the import boundaries between contexts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import noUnsanitized from 'eslint-plugin-no-unsanitized';

const restrict = (patterns) => ['error', { patterns }];
const DB = {
  group: ['**/lib/db/*', '**/lib/db'],
  message: 'Only the background and extension pages open the database.',
};
const UI_STATE = { group: ['**/lib/ui/*', 'zustand', 'zustand/*'], message: 'Content scripts do not load UI state.' };
const APP_LAYERS = {
  group: ['**/entrypoints/*', '**/components/*'],
  message: 'lib/ is plain logic: it never imports entrypoints or components.',
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'demo-output/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, 'no-unsanitized': noUnsanitized },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: '19' } },
    rules: {
      'react/no-danger': 'error',
      'react/jsx-no-target-blank': 'error',
      'react/jsx-key': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never put page or remote text into the DOM as HTML.' },
        { property: 'outerHTML', message: 'Never put page or remote text into the DOM as HTML.' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': restrict([
        DB,
        { group: ['wxt/browser'], message: 'Components take props; entrypoints talk to the browser.' },
      ]),
    },
  },
  {
    files: ['entrypoints/content.ts', 'entrypoints/*.content.ts', 'entrypoints/*.content/**'],
    rules: { 'no-restricted-imports': restrict([DB, UI_STATE]) },
  },
  { files: ['lib/**'], rules: { 'no-restricted-imports': restrict([APP_LAYERS]) } },
  {
    // Migrations must keep working as the code moves on: the schema imports nothing but Dexie and types.
    files: ['lib/db/schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', './*'], allowTypeImports: true, message: 'The schema imports nothing from the rest.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
