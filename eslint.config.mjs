// Type-aware lint. The import rules keep dependencies flowing apps -> libs only, and the dev PKI
// out of production code.
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const LIBS_NEVER_APPS = { group: ['**/apps/**', '@skp/hub*', '@skp/*-adapter'], message: 'libs never import apps' };
const ADAPTERS_NEVER_HUB = { group: ['**/hub/**', '../../hub/**'], message: 'adapters never import hub code' };
const HUB_NEVER_ADAPTERS = { group: ['**/*-adapter/**'], message: 'the hub never imports adapter code' };
const THROUGH_ALIASES = { group: ['**/libs/**'], message: 'import libs through @skp/* aliases' };
const NO_DEV_PKI = {
  group: ['@skp/crypto/dev', '@skp/crypto/dev/**', '**/crypto/src/dev', '**/crypto/src/dev/**', './dev', './dev/**'],
  message: 'the dev PKI (@skp/crypto/dev) is for tests, scripts and the bench, never production code',
};

/** What a browser gives the web UIs' ES modules (hub console, portals, libs/web-ui), declared by hand. */
const WEB_UI_FILES = ['apps/hub/console/*.js', 'apps/*/portal/*.js', 'libs/web-ui/*.js'];
const BROWSER_GLOBALS = Object.fromEntries(
  [
    'window', 'document', 'location', 'sessionStorage', 'fetch', 'URLSearchParams', 'FormData', 'Node',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'confirm', 'navigator', 'URL', 'Blob',
    'XMLHttpRequest', 'File', 'FileReader', 'HTMLElement', 'Event', 'CustomEvent',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.pki/**', '.artifacts/**', '**/*.mjs'] },
  { ignores: ['**/*.js', ...WEB_UI_FILES.map((glob) => `!${glob}`)] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
    },
  },
  { files: ['libs/**/*.ts'], rules: restrict(LIBS_NEVER_APPS, NO_DEV_PKI) },
  { files: ['apps/municipality-adapter/**/*.ts', 'apps/creditor-adapter/**/*.ts'], rules: restrict(ADAPTERS_NEVER_HUB, THROUGH_ALIASES, NO_DEV_PKI) },
  { files: ['apps/hub/**/*.ts'], rules: restrict(HUB_NEVER_ADAPTERS, THROUGH_ALIASES, NO_DEV_PKI) },
  // settings come only through an app's validated env class (libs/platform/src/config)
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/platform/src/config/env.ts', 'libs/platform/src/http/bootstrap.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read settings through the app env class (loadEnv)' },
      ],
    },
  },
  // specs and the dev PKI itself may use the dev PKI; the dependency rules still hold
  { files: ['libs/**/*.spec.ts', 'libs/crypto/src/dev/**/*.ts', 'libs/crypto/src/testing/**/*.ts'], rules: restrict(LIBS_NEVER_APPS) },
  { files: ['apps/municipality-adapter/**/*.spec.ts', 'apps/creditor-adapter/**/*.spec.ts'], rules: restrict(ADAPTERS_NEVER_HUB, THROUGH_ALIASES) },
  { files: ['apps/hub/**/*.spec.ts'], rules: restrict(HUB_NEVER_ADAPTERS, THROUGH_ALIASES) },
  { files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
  // the web UIs: plain browser ES modules, served as they are (no build step, no types)
  {
    files: WEB_UI_FILES,
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'module', ecmaVersion: 2022, globals: BROWSER_GLOBALS, parserOptions: { projectService: false } },
  },
  {
    files: WEB_UI_FILES,
    rules: {
      'no-undef': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
