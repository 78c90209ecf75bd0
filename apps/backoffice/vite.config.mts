import { defineConfig } from 'vitest/config';
/**
 * The back office: static files under /app, served by apps/web (with a history fallback) on the
 * one public origin, which also routes /v1 to the services. The dev server (`npm run
 * backoffice:dev`, hot reload) sends /v1 to that origin, apps/web of `npm start` by default.
 */
const origin = process.env.BACKOFFICE_API_ORIGIN ?? 'http://127.0.0.1:3000';
const proxy = { '/v1': { target: origin }, '/.well-known': { target: origin } };

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  build: {
    outDir: '../../dist/backoffice',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Mantine marks its modules "use client" (React Server Components); meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, strictPort: true, proxy },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // A ceiling for a stuck test, not a speed target: the suite shares 2 cores with the services.
    testTimeout: 60_000,
  },
});
