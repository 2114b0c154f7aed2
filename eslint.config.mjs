// Type-aware lint. The import rules keep dependencies flowing apps -> libs only.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.pki/**', '.artifacts/**', '**/*.js', '**/*.mjs', 'apps/hub/console/**'] },
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
  { files: ['libs/**/*.ts'], rules: restrict([{ group: ['**/apps/**', '@skp/hub*', '@skp/*-adapter'], message: 'libs never import apps' }]) },
  { files: ['apps/municipality-adapter/**/*.ts', 'apps/creditor-adapter/**/*.ts'], rules: restrict([{ group: ['**/hub/**', '../../hub/**'], message: 'adapters never import hub code' }, { group: ['**/libs/**'], message: 'import libs through @skp/* aliases' }]) },
  { files: ['apps/hub/**/*.ts'], rules: restrict([{ group: ['**/*-adapter/**'], message: 'the hub never imports adapter code' }, { group: ['**/libs/**'], message: 'import libs through @skp/* aliases' }]) },
  { files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
);
