/**
 * Public pages under load: `npm run bench:web`. Boots the public side as the browser tests do
 * (real catalog, registration, notifications; demo data), then:
 * - sizes: each page kind with its stylesheet and script, as transferred compressed (br);
 * - latency: 50 concurrent clients, each GETting the programme page in a loop (2,000 requests),
 *   against a baseline measured in the same run: a Node http server answering a static body of
 *   the same size, compressed once ahead, on the same machine.
 * Prints p50/p95/p99 and the ratio. The rate limiter is on (its Redis round trip counts) with a
 * limit no client reaches. Caveat: the load generator, the web app and the three services share
 * this one process (and the machine's 2 cores), so absolute latencies include the client's own
 * queueing; the ratio to the baseline measured the same way is the figure to read.
 */
import { createServer, get } from 'node:http';
import { brotliCompressSync } from 'node:zlib';
import { freePort, startWebSystem } from '../tests/e2e/web/web-system';

const CLIENTS = 50;
const REQUESTS = 2000;

async function load(url: string, headers: Record<string, string>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Bytes on the wire with `Accept-Encoding: br` (node:http: fetch would decompress them). */
async function transferred(url: string): Promise<{ size: number; html: string }> {
  const size = await new Promise<number>((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
    }).on('error', reject);
  });
  const html = await (await fetch(url)).text();
  return { size, html };
}

async function main(): Promise<void> {
  const system = await startWebSystem({ PUBLIC_RATE_LIMIT: '1000000', WEB_CATALOG_CACHE_SECONDS: '5', LOG_LEVEL: 'error' });
  try {
    const programmeUrl = `${system.baseUrl}/capacites-besancon`;
    const programme = await transferred(programmeUrl);
    const assets = [...programme.html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    let assetBytes = 0;
    for (const asset of assets) assetBytes += (await transferred(`${system.baseUrl}${asset}`)).size;
    const formPath = /href="(\/capacites-besancon\/activites\/[^"?]+\/inscription)/.exec(programme.html)![1];
    const form = await transferred(`${system.baseUrl}${formPath}`);
    console.log(`programme page: ${programme.size} B html + ${assetBytes} B css/js = ${((programme.size + assetBytes) / 1024).toFixed(1)} KB transferred (br)`);
    console.log(`registration form: ${form.size} B html + ${assetBytes} B css/js = ${((form.size + assetBytes) / 1024).toFixed(1)} KB transferred (br)`);

    const raw = Buffer.from(programme.html);
    const compressed = brotliCompressSync(raw);
    const port = await freePort();
    const baseline = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
      response.end(compressed);
    });
    await new Promise<void>((resolve) => baseline.listen(port, '127.0.0.1', resolve));
    const headers = { 'accept-encoding': 'br' };
    await load(programmeUrl, headers); // warm-up
    const pages = await load(programmeUrl, headers);
    const statics = await load(`http://127.0.0.1:${port}/`, headers);
    baseline.close();
    console.log(`programme page, ${CLIENTS} concurrent clients, ${REQUESTS} requests: p50 ${ms(pct(pages, 50))}, p95 ${ms(pct(pages, 95))}, p99 ${ms(pct(pages, 99))}`);
    console.log(`static body of the same size (baseline):          p50 ${ms(pct(statics, 50))}, p95 ${ms(pct(statics, 95))}, p99 ${ms(pct(statics, 99))}`);
    console.log(`ratio p95: ${(pct(pages, 95) / pct(statics, 95)).toFixed(1)}`);
  } finally {
    await system.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
