import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const KAFKA_SH = join(ROOT, 'scripts', 'infra', 'kafka.sh');

/**
 * A Kafka broker of a test's own (scripts/infra/kafka.sh on free ports, its data in a temporary
 * directory), for fault tests that stop the broker: the shared one the other tests use is never
 * touched. It runs from the jars the shared broker's cache already holds.
 */
export class PrivateKafka {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly cacheDir: string,
    readonly brokers: string[],
  ) {}

  static async start(): Promise<PrivateKafka> {
    const cacheDir = mkdtempSync(join(tmpdir(), 'respire-kafka-'));
    const sharedCache = process.env.RESPIRE_CACHE_DIR ?? join(ROOT, '.cache', 'kafka');
    const version = (
      await run('sed', [
        '-n',
        's:.*<kafka.version>\\(.*\\)</kafka.version>.*:\\1:p',
        join(ROOT, 'scripts/infra/kafka/pom.xml'),
      ])
    ).stdout.trim();
    mkdirSync(join(cacheDir, 'lib'));
    symlinkSync(join(sharedCache, 'lib', version), join(cacheDir, 'lib', version));
    const [port, controllerPort] = [await freePort(), await freePort()];
    const broker = `127.0.0.1:${port}`;
    const env = {
      ...process.env,
      KAFKA_BROKERS: broker,
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      RESPIRE_CACHE_DIR: cacheDir,
      KAFKA_HEAP_OPTS: '-Xmx384m -Xms384m',
    };
    const kafka = new PrivateKafka(env, cacheDir, [broker]);
    await kafka.startBroker();
    return kafka;
  }

  /** Starts the broker (again) and waits until a client can produce and consume. */
  async startBroker(): Promise<void> {
    await run('bash', [KAFKA_SH, 'start'], { env: this.env, maxBuffer: 16 << 20 });
  }

  /** Stops the broker (SIGTERM: a clean controlled shutdown). */
  async stopBroker(): Promise<void> {
    await run('bash', [KAFKA_SH, 'stop'], { env: this.env });
  }

  async destroy(): Promise<void> {
    await this.stopBroker().catch(() => undefined);
    rmSync(this.cacheDir, { recursive: true, force: true });
  }
}
