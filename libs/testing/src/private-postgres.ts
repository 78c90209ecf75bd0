import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own (initdb into a temporary directory, on a free port), for
 * fault tests that stop or restart the database: the shared server the other tests use is never
 * touched. Uses the server binaries installed on the machine (Debian's postgresql package).
 * As root, the server runs as the `postgres` system user (PostgreSQL refuses to run as root).
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
    private readonly runAs: string | null,
  ) {}

  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication, the superuser). */
  adminUrl(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(): Promise<PrivatePostgres> {
    const bin = serverBinaries();
    const root = mkdtempSync(join(tmpdir(), 'respire-pg-'));
    const dataDir = join(root, 'data');
    const runAs = userInfo().uid === 0 ? 'postgres' : null;
    if (runAs) {
      const { stdout } = await run('id', ['-u', runAs]);
      const uid = Number(stdout.trim());
      chownSync(root, uid, uid);
      chmodSync(root, 0o700);
    }
    const server = new PrivatePostgres(bin, dataDir, await freePort(), runAs);
    await server.exec('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await server.startServer();
    return server;
  }

  /** Stops the server (fast shutdown: connections are cut, as in a real restart) and starts it again. */
  async restart({ downMs = 0 }: { downMs?: number } = {}): Promise<void> {
    await this.stopServer();
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.startServer();
  }

  async stopServer(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${join(this.dataDir, '..')} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      join(this.dataDir, '..', 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** Stops the server and deletes its files. */
  async destroy(): Promise<void> {
    await this.stopServer().catch(() => undefined);
    rmSync(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  private async exec(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    if (this.runAs) await run('runuser', ['-u', this.runAs, '--', path, ...args]);
    else await run(path, args);
  }
}

/** The newest PostgreSQL server version's bin directory under /usr/lib/postgresql. */
function serverBinaries(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'Fault tests need the PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql',
    );
  }
  return join(base, versions[0], 'bin');
}
