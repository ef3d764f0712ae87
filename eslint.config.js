// `npm run lint`: the tests' honesty rules, type-aware through the project's tsconfig.
// An un-awaited `expect(...).resolves`/`.rejects` can never fail its test; nor can a floating promise.
import jest from 'eslint-plugin-jest'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', 'test-results/**'] },
  {
    files: ['test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, jest },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
      'jest/no-focused-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': ['error', { alwaysAwait: true }],
    },
  },
)
