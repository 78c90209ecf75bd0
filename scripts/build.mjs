#!/usr/bin/env node
// Builds every app with the Nest CLI (webpack, node_modules left external), one after another:
// parallel webpack runs would fight for the 2 cores. Output: dist/apps/<app>/main.js.
//
//   node scripts/build.mjs [app…] [-- extra nest build options]     (default: every app)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';

const APPS = ['web', 'catalog', 'registration', 'notifications', 'reporting', 'identity', 'backoffice'];
// Not a Nest app: the back office SPA, built by Vite into dist/backoffice (served by apps/web under /app).
const VITE_APPS = { backoffice: 'apps/backoffice/vite.config.mts' };
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const dashes = args.indexOf('--');
const requested = dashes === -1 ? args : args.slice(0, dashes);
const nestOptions = dashes === -1 ? [] : args.slice(dashes + 1);

const unknown = requested.filter((app) => !APPS.includes(app));
if (unknown.length > 0) {
  console.error(`build: unknown app(s): ${unknown.join(', ')} (known: ${APPS.join(', ')})`);
  process.exit(2);
}
const apps = requested.length > 0 ? requested : APPS;

// The Nest CLI's webpack config names ts-loader without depending on it; say so plainly.
if (!nestOptions.includes('--webpackPath')) {
  try {
    require.resolve('ts-loader');
  } catch {
    console.error(
      'build: ts-loader is not installed; the Nest CLI webpack builder needs it (npm i -D ts-loader)',
    );
    process.exit(1);
  }
}

const nestCli = require.resolve('@nestjs/cli/bin/nest.js');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const started = performance.now();
for (const app of apps) {
  const appStarted = performance.now();
  // process.execPath: the Node running this script (24 under npm), not whichever is first on PATH.
  const result = VITE_APPS[app]
    ? spawnSync(
        process.execPath,
        [
          join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
          'build',
          '--config',
          VITE_APPS[app],
          '--logLevel',
          'warn',
        ],
        { stdio: 'inherit' },
      )
    : spawnSync(process.execPath, [nestCli, 'build', app, ...nestOptions], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${app} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  const output = VITE_APPS[app] ? `dist/${app}/` : `dist/apps/${app}/main.js`;
  console.log(`build: ${app} → ${output} in ${seconds(performance.now() - appStarted)}`);
}
console.log(`build: ${apps.length} app(s) in ${seconds(performance.now() - started)}`);
