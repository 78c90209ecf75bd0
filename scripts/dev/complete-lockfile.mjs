#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages (darwin, win32, arm…)
// that the npm registry reachable from our build machines does not serve.
//
// Why: npm 11 then writes a lock without them, and `npm ci` refuses that lock ("Missing:
// @swc/core-darwin-arm64@ from lock file") although those packages would be skipped on Linux
// x64 anyway. Each added entry carries the version the parent asks for and its os/cpu, so
// npm ci on this platform skips it, and on another platform fetches it from a full registry.
//
// Run after any `npm install` that changes the lock:  node scripts/dev/complete-lockfile.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../../package-lock.json', import.meta.url);

function missingFromCi() {
  const run = spawnSync(
    'npm',
    ['ci', '--dry-run', '--ignore-scripts', '--loglevel', 'silly', '--no-audit', '--no-fund'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const output = run.stdout + run.stderr;
  const wanted = new Map();
  for (const match of output.matchAll(/placeDep (\S+) (\S+)@ OK for: (\S+)@(\S+) want: (\S+)/g)) {
    const [, , name, parent, , want] = match;
    wanted.set(name, { version: want, parent });
  }
  const missing = [...output.matchAll(/Missing: (\S+)@ from lock file/g)].map((m) => m[1]);
  return missing.map((name) => ({ name, ...wanted.get(name) }));
}

function osCpu(name) {
  try {
    const json = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(json || '{}');
  } catch {
    // Not even its metadata is served here (e.g. vite's napi-windows-process-start-time): the
    // platform its name says, so that npm ci skips it on Linux.
    const os = /win32|windows/.test(name) ? 'win32' : /darwin|macos/.test(name) ? 'darwin' : null;
    if (!os) throw new Error(`complete-lockfile: ${name} is not served here and its name says no platform`);
    return { os };
  }
}

const missing = missingFromCi();
if (missing.length === 0) {
  console.log('complete-lockfile: npm ci accepts the lock as it is');
  process.exit(0);
}
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
for (const { name, version, parent } of missing) {
  if (!version) throw new Error(`complete-lockfile: no version known for ${name}`);
  const parentEntry = lock.packages[`node_modules/${parent}`] ?? {};
  const { os, cpu, libc } = osCpu(name);
  lock.packages[`node_modules/${name}`] = {
    // The parent's range, at its lowest version: npm ci wants an exact one.
    version: version.replace(/^[\^~>=<\s]+/, ''),
    ...(os ? { os: [].concat(os) } : {}),
    ...(cpu ? { cpu: [].concat(cpu) } : {}),
    ...(libc ? { libc: [].concat(libc) } : {}),
    optional: true,
    ...(parentEntry.dev ? { dev: true } : {}),
  };
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${missing.length} platform-specific optional packages`);
