/**
 * Where a CPU profile's time went (the .cpuprofile files `npm run bench:web -- --profile …`
 * writes): self time summed by package (or our own source file, or V8's own: GC, idle, program)
 * and by function, the largest first.
 *
 *   node -r @swc-node/register bench/web/cpu-profile-summary.ts <file.cpuprofile> [lines] [busiest seconds]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, lines = '30', busiest = '0'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
// Sample times in whole seconds from the start; with `busiest` N, only the N busiest seconds of the
// second half count (a load measure, without the start-up's module loading).
let at = 0;
const seconds = profile.samples.map((_, i) => Math.floor((at += profile.timeDeltas[i] ?? 0) / 1e6));
const busyBySecond = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (!idleIds.has(id))
    busyBySecond.set(seconds[i], (busyBySecond.get(seconds[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const last = seconds[seconds.length - 1];
const kept = Number(busiest)
  ? new Set(
      [...busyBySecond]
        .filter(([second]) => second > last / 2)
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(busiest))
        .map(([second]) => second),
    )
  : null;
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (kept && !kept.has(seconds[i])) return;
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});

/** The package a script belongs to (`@nestjs/core`), our source (`apps/web/...`), node's own, or V8's. */
function owner(url: string, name: string): string {
  if (!url) return `(${name || 'anonymous'})`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist !== -1 ? url.slice(dist + 1) : url;
}

const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, ms] of selfMs) {
  const { callFrame } = nodes.get(id)!;
  const who = owner(callFrame.url, callFrame.functionName);
  byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
  const fn = `${callFrame.functionName || '(anonymous)'} ${who}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  total += ms;
}
const idle = byOwner.get('(idle)') ?? 0;
const print = (title: string, table: Map<string, number>) => {
  process.stdout.write(`\n${title} (self ms, % of busy time)\n`);
  for (const [name, ms] of [...table]
    .filter(([n]) => n !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(lines)))
    process.stdout.write(
      `${ms.toFixed(0).padStart(8)} ${((ms / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${name}\n`,
    );
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(1)} s sampled, ${(idle / 1000).toFixed(1)} s idle\n`);
print('by package', byOwner);
print('by function', byFunction);
