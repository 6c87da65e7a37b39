import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The window's path alias (tsconfig.base.json paths, electron.vite.config.ts).
  resolve: { alias: { '@common': resolve(__dirname, 'src-main/common') } },
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    environment: 'node',
    // The cause of a failed file printed at once, beside it (scripts/vitest-failures-inline.ts).
    reporters: ['default', './scripts/vitest-failures-inline.ts'],
    pool: 'forks',
    // Two workers on the 2-core CI machine (vitest's default is cores − 1 = one): the long tests (kill -9,
    // sync under faults) mostly wait on their child processes, so the rest of the suite runs beside them.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
