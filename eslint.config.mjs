import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      'apps/backoffice/src/api/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Only libs/messaging talks to Kafka, so the client can change without touching the services:
    // everything else (apps, other libs, tests, benches, scripts) uses what @respire/messaging exports.
    ignores: ['libs/messaging/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@platformatic/kafka', '@platformatic/kafka/*', 'kafkajs', 'kafkajs/*'],
              message:
                'Only libs/messaging uses the Kafka client: import what you need from @respire/messaging.',
            },
          ],
        },
      ],
    },
  },
);
