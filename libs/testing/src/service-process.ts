import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { processCpuMs } from './process-cpu';

const ROOT = join(__dirname, '../../..');

export type ServiceExit = NodeJS.Signals | number | null;

/** A service running as its own process, booted by its main.ts: what signal tests need. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its JSON log lines so far, parsed. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code, or the signal that killed it. */
  readonly exited: Promise<ServiceExit>;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<ServiceExit>;
}

/** Past this much wall-clock time a service that is still booting is reported stuck, however busy the machine. */
const READY_WALL_LIMIT_MS = 600_000;

/**
 * Starts `entry` (a main.ts, or a built dist/apps/<app>/main.js, relative to the repository root)
 * under this Node with the given environment on `port` (a free one by default), and resolves once
 * /health/ready answers 200.
 *
 * The boot budget (`bootCpuMs`) is the CPU time the child may spend, not a wall-clock delay:
 * compiling main.ts takes 4 s of CPU, which is 5 s on a quiet machine and 40 s at a load of 17
 * on two cores, so a clock fails the test for the machine's load. (Where there is no /proc, the
 * budget is wall-clock time.)
 */
export async function spawnServiceProcess(
  entry: string,
  env: Record<string, string>,
  { bootCpuMs = 60_000, port }: { bootCpuMs?: number; port?: number } = {},
): Promise<ServiceProcess> {
  port ??= await freePort();
  const args = entry.endsWith('.ts') ? ['-r', '@swc-node/register', join(ROOT, entry)] : [join(ROOT, entry)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      ...env,
      PORT: String(port),
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // 'close', not 'exit': 'exit' can come before the last of stdout and stderr is read, and a
  // process that dies booting must be reported with what it wrote.
  const exited = new Promise<ServiceExit>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? code)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    child,
    baseUrl,
    output: () => output,
    logLines: () => parseJsonLines(output),
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };

  const startedAt = Date.now();
  let exitedWith: ServiceExit | undefined;
  void exited.then((exit) => (exitedWith = exit));
  while (!(await isReady(baseUrl))) {
    const cpuMs = child.pid === undefined ? null : processCpuMs(child.pid);
    const wallMs = Date.now() - startedAt;
    const why =
      exitedWith !== undefined
        ? `it exited with ${exitedWith}`
        : (cpuMs ?? wallMs) > bootCpuMs || wallMs > READY_WALL_LIMIT_MS
          ? 'still booting'
          : undefined;
    if (why) {
      await service.stop('SIGKILL');
      const spent = `${(wallMs / 1000).toFixed(1)} s, ${cpuMs === null ? '?' : (cpuMs / 1000).toFixed(1)} s of CPU`;
      throw new Error(`${entry} did not become ready (${why} after ${spent}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return service;
}

export function parseJsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
