import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { processCpuMs } from './process-cpu';
import { ServiceExit } from './service-process';

const ROOT = join(__dirname, '../../..');

/** Past this much wall-clock time a script is reported stuck, however busy the machine. */
const WALL_LIMIT_MS = 600_000;

export interface ScriptRun {
  /** The exit code, or the signal that ended it. */
  exit: ServiceExit;
  /** Everything it wrote to stdout and stderr. */
  output: string;
}

/**
 * Runs a TypeScript script (relative to the repository root) under this Node to its end, and
 * resolves with how it ended and what it wrote. A script that spends more than `cpuMs` of CPU is
 * killed and reported: the budget is CPU time, not a wall clock, because compiling and booting
 * take ten times longer at a load of 20 on two cores, and a clock would fail the test for the
 * machine's load (see spawnServiceProcess).
 */
export async function runScript(
  entry: string,
  args: string[] = [],
  { env = process.env, cpuMs = 60_000 }: { env?: NodeJS.ProcessEnv; cpuMs?: number } = {},
): Promise<ScriptRun> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exit: ServiceExit | undefined;
  // 'close', not 'exit': the last of stdout and stderr may still be unread at 'exit'.
  const closed = new Promise<void>((resolve) =>
    child.on('close', (code, signal) => {
      exit = signal ?? code;
      resolve();
    }),
  );

  const startedAt = Date.now();
  while (exit === undefined) {
    const spent = child.pid === undefined ? null : processCpuMs(child.pid);
    const wallMs = Date.now() - startedAt;
    if ((spent ?? 0) > cpuMs || wallMs > WALL_LIMIT_MS) {
      child.kill('SIGKILL');
      await closed;
      throw new Error(
        `${entry} did not end (after ${(wallMs / 1000).toFixed(1)} s, ${spent === null ? '?' : (spent / 1000).toFixed(1)} s of CPU):\n${output}`,
      );
    }
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  return { exit, output };
}
