import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

/**
 * Starts `entry` (a main.ts, or a built dist/apps/<app>/main.js, relative to the repository root)
 * under this Node with the given environment on `port` (a free one by default), and resolves once
 * /health/ready answers 200.
 */
export async function spawnServiceProcess(
  entry: string,
  env: Record<string, string>,
  { readyTimeoutMs = 60_000, port }: { readyTimeoutMs?: number; port?: number } = {},
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
  const exited = new Promise<ServiceExit>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
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

  const deadline = Date.now() + readyTimeoutMs;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (!(await isReady(baseUrl))) {
    if (exitedEarly || Date.now() > deadline) {
      await service.stop('SIGKILL');
      throw new Error(`${entry} did not become ready${exitedEarly ? ' (it exited)' : ''}:\n${output}`);
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
