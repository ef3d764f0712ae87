// `npm run lint`: typescript-eslint's strict rules for all code, type-aware, and the tests' honesty rules:
// an un-awaited `expect(...).resolves`/`.rejects` can never fail its test; nor can a floating promise.
import jest from 'eslint-plugin-jest'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', 'test-results/**', 'dist/**', '.tmp/**', 'app/(payload)/admin/importMap.js', 'next-env.d.ts'] },
  {
    files: ['src/**/*.ts', 'server/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.strict],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, jest },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'fc.assert'] }],
      'jest/no-focused-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': ['error', { alwaysAwait: true }],
    },
  },
)
