import { MixedList } from 'typeorm';
import { uniqueSuffix } from './infrastructure';
import { ServiceProcess, spawnServiceProcess } from './service-process';
import { SmtpTestServer, startSmtpServer } from './smtp';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestKafka, TestKafka } from './test-kafka';
import { deleteRedisKeys, testServiceEnv } from './test-service';

/**
 * Services run as the processes production runs (their entry file), each on its own fresh
 * database, all on one Kafka prefix (of the shared broker, or of a fault test's own), the SMTP
 * test server and Redis under one key prefix. tearDown() kills every process and removes the rest.
 */
export class ProcessStack<Service extends string = string> {
  readonly databases = new Map<Service, TestDatabase>();
  /** The processes spawned and not killed yet. */
  readonly running = new Set<ServiceProcess>();
  private readonly redisPrefix = `test-${uniqueSuffix()}`;

  private constructor(
    readonly kafka: TestKafka,
    readonly smtp: SmtpTestServer,
  ) {}

  static async open<Service extends string>({ kafkaBrokers }: { kafkaBrokers?: string[] } = {}): Promise<
    ProcessStack<Service>
  > {
    const smtp = await startSmtpServer();
    return new ProcessStack<Service>(await createTestKafka({ brokers: kafkaBrokers }), smtp);
  }

  /** A fresh database for `service`, migrated (by the server at `adminUrl`, the shared one by default). */
  async addDatabase(
    service: Service,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: MixedList<Function | string>,
    options: { adminUrl?: string } = {},
  ): Promise<TestDatabase> {
    const database = await createTestDatabase(migrations, options);
    this.databases.set(service, database);
    return database;
  }

  /** The Redis key prefix of one service's queues. */
  redisPrefixOf(service: Service): string {
    return `${this.redisPrefix}-${service}`;
  }

  /** A service's environment: its database, the stack's Kafka prefix, its Redis prefix, then `extra`. */
  envOf(service: Service, extra: Record<string, string> = {}): Record<string, string> {
    const db = this.databases.get(service);
    if (!db) throw new Error(`${service} has no database in this stack`);
    return testServiceEnv({ db, kafka: this.kafka, redisPrefix: this.redisPrefixOf(service) }, extra);
  }

  /** Starts `entry` with `env` (spawnServiceProcess); tearDown() kills it if it still runs. */
  async spawn(
    entry: string,
    env: Record<string, string>,
    options?: Parameters<typeof spawnServiceProcess>[2],
  ): Promise<ServiceProcess> {
    const process = await spawnServiceProcess(entry, env, options);
    this.running.add(process);
    return process;
  }

  /** Kills every process still running (SIGKILL: no shutdown hook runs). */
  async killAll(): Promise<void> {
    for (const process of this.running) await process.stop('SIGKILL');
    this.running.clear();
  }

  async tearDown(): Promise<void> {
    await this.killAll();
    for (const database of this.databases.values()) await database.drop().catch(() => undefined);
    await this.kafka.cleanup();
    await deleteRedisKeys(this.redisPrefix);
    await this.smtp.close();
  }
}
