import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * The broker's jars, kafka-clients included, as scripts/infra/kafka.sh resolves them:
 * <cache>/lib/<kafka.version of scripts/infra/kafka/pom.xml>.
 */
export function kafkaLibDir(): string {
  const pom = readFileSync(join(ROOT, 'scripts/infra/kafka/pom.xml'), 'utf8');
  const version = /<kafka\.version>(.+)<\/kafka\.version>/.exec(pom)?.[1];
  const cache = process.env.RESPIRE_CACHE_DIR ?? join(ROOT, '.cache/kafka');
  const dir = join(cache, 'lib', version ?? '?');
  if (!existsSync(join(dir, `kafka-clients-${version}.jar`))) {
    throw new Error(
      `kafka-clients-${version}.jar is not in ${dir}: run \`npm run infra:up\` (scripts/infra/kafka.sh resolves the Kafka jars)`,
    );
  }
  return dir;
}

/** The partition Apache Kafka's Java producer picks for each key, on a topic of `partitions` partitions. */
export function javaPartitions(keys: string[], partitions: number): number[] {
  const run = spawnSync(
    'java',
    ['-cp', join(kafkaLibDir(), '*'), join(__dirname, 'java/JavaPartitions.java'), String(partitions)],
    { input: keys.join('\n') + '\n', encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.error || run.status !== 0) {
    throw new Error(
      `java failed (Java 17 is needed: apt-get install openjdk-17-jre-headless): ${run.error?.message ?? run.stderr}`,
    );
  }
  return run.stdout.trim().split('\n').map(Number);
}
