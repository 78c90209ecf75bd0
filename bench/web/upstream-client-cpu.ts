/**
 * The web app's calls to the services, client side alone: CPU microseconds per call of a
 * node:http request through a keep-alive agent and of an undici pool's request (what
 * UpstreamClient uses), 50 calls in flight, against a bare node:http server in another process
 * answering a link page's JSON. Alternates the two, four times, and prints the load average.
 *
 *   node -r @swc-node/register bench/web/upstream-client-cpu.ts
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const IN_FLIGHT = 50;
const CALLS = 20_000;
const PATH = '/v1/public/registrations/0190a0a0-0000-7000-8000-000000000000?token=abc';
const HEADERS = { accept: 'application/json', 'x-forwarded-for': '192.0.2.7', 'x-correlation-id': 'bench' };

function serve(): void {
  const body = JSON.stringify({
    id: '0190a0a0-0000-7000-8000-000000000000',
    status: 'confirmed',
    tenantSlug: 'capacites-besancon',
    feedbackGiven: false,
    session: {
      id: '0190a0a0-0000-7000-8000-000000000001',
      title: 'Atelier sommeil',
      confidential: false,
      status: 'published',
      startsAt: '2027-01-20T17:30:00.000Z',
      endsAt: '2027-01-20T19:00:00.000Z',
      timezone: 'Europe/Paris',
      venue: { name: 'Maison de santé', address: '1 rue de la Paix, Besançon' },
    },
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
}

async function measure(): Promise<void> {
  const child = fork(__filename, ['--serve'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const agent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const viaHttp = () =>
    new Promise<unknown>((resolve, reject) => {
      const outgoing = request(
        { hostname: '127.0.0.1', port, path: PATH, method: 'GET', headers: HEADERS, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  const viaUndici = async () => {
    const answer = await pool.request({ path: PATH, method: 'GET', headers: HEADERS });
    return JSON.parse(await answer.body.text()) as unknown;
  };
  /** Client CPU (user + system) microseconds per call. */
  const cpuPerCall = async (call: () => Promise<unknown>, calls: number) => {
    let started = 0;
    const before = process.cpuUsage();
    const worker = async () => {
      while (started < calls) {
        started++;
        await call();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const spent = process.cpuUsage(before);
    return (spent.user + spent.system) / calls;
  };
  await cpuPerCall(viaHttp, 5_000); // warm-up: JIT, connections
  await cpuPerCall(viaUndici, 5_000);
  for (let round = 1; round <= 4; round++) {
    const http = await cpuPerCall(viaHttp, CALLS);
    const undici = await cpuPerCall(viaUndici, CALLS);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    process.stdout.write(
      `round ${round}: node:http agent ${http.toFixed(1)} µs/call, undici pool ${undici.toFixed(1)} µs/call (ratio ${(undici / http).toFixed(2)}) | load ${load}\n`,
    );
  }
  agent.destroy();
  await pool.destroy();
  child.kill();
}

if (process.argv.includes('--serve')) serve();
else
  measure().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
