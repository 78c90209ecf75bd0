import { Client } from 'pg';
// Global setup runs outside Jest's module map, where the @respire/* aliases do not resolve.
import { KafkaAdmin } from '../../messaging/src/kafka/kafka-admin';
import { createConnection } from 'node:net';
import { HOW_TO_START, testInfrastructure } from './infrastructure';

/**
 * Integration tests never skip: if a piece of infrastructure is missing, the run fails here
 * with what to start.
 */
export default async function globalSetup(): Promise<void> {
  const problems: string[] = [];
  try {
    const client = new Client({
      connectionString: testInfrastructure.postgresAdminUrl,
      connectionTimeoutMillis: 3000,
    });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
  } catch (error) {
    problems.push(`PostgreSQL at ${testInfrastructure.postgresAdminUrl}: ${(error as Error).message}`);
  }
  try {
    const url = new URL(testInfrastructure.redisUrl);
    await tcpProbe(url.hostname, Number(url.port || 6379));
  } catch (error) {
    problems.push(`Redis at ${testInfrastructure.redisUrl}: ${(error as Error).message}`);
  }
  try {
    const admin = new KafkaAdmin({
      clientId: 'respire-test-setup',
      brokers: testInfrastructure.kafkaBrokers,
    });
    try {
      await admin.ping();
    } finally {
      await admin.close();
    }
  } catch (error) {
    problems.push(`Kafka at ${testInfrastructure.kafkaBrokers.join(',')}: ${(error as Error).message}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `Integration tests need real infrastructure, and some is unreachable:\n  - ${problems.join('\n  - ')}\n${HOW_TO_START}`,
    );
  }
}

function tcpProbe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error('connection timed out'));
    });
    socket.once('error', reject);
  });
}
