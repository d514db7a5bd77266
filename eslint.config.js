// Flat config. Type-aware rules for TypeScript; import boundaries between the worlds
// (ARCHITECTURE.md, rule 1) are enforced here, not by convention.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'stream', 'url', 'zlib'],
  message: 'Node built-ins are not allowed in this world.',
};
// A regex, not a glob: the glob 'electron/*' would also match '../../electron/shared/…'.
const electronImport = {
  regex: '^electron(/.*)?$',
  message: 'Only electron/main and electron/preload may import electron.',
};
const reactImport = { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'No React here.' };
const threeImport = { group: ['three', 'three/*'], message: 'No three.js here.' };
const toNode = {
  group: ['**/electron/node/**', '**/node/*', '../node', '../node/**'],
  message: 'Cannot reach into electron/node from here.',
};
const toMain = {
  group: ['**/electron/main/**', '../main', '../main/**'],
  message: 'Cannot reach into electron/main from here.',
};
const toRenderer = { group: ['**/renderer/**'], message: 'Cannot reach into the renderer from here.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-electron/**',
      'release/**',
      '.tsbuild/**',
      'test-results/**',
      'playwright-report/**',
      'bench-report/**',
      'assets/packs/**/media/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: restrict(nodeBuiltins, electronImport, reactImport, threeImport, toNode, toMain, toRenderer),
  },
  {
    files: ['electron/node/**/*.ts'],
    rules: restrict(electronImport, reactImport, threeImport, toMain, toRenderer),
  },
  { files: ['electron/main/**/*.ts'], rules: restrict(reactImport, threeImport, toRenderer) },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(nodeBuiltins, reactImport, threeImport, toNode, toMain, toRenderer),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(nodeBuiltins, electronImport, toNode, toMain),
    },
  },
  {
    // .tsx too: a JSX file here would be the easiest way to let React in.
    files: ['renderer/src/sand-table/**/*.{ts,tsx}'],
    rules: restrict(nodeBuiltins, electronImport, toNode, toMain, reactImport),
  },
  {
    files: ['tests/**/*.{ts,tsx}', '*.config.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The CLI's job is to print; the logger is its stdout.
    files: ['electron/node/cli/**/*.ts', 'electron/node/server/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
