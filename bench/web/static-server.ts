/**
 * The baseline of bench/web-pages.ts, in its own process: a bare node:http server answering, for
 * each path in the JSON file given as argument, the bytes the web app sent for it (as captured,
 * with their Content-Encoding), with no work at all per request. What no page can beat on this
 * machine.
 *
 *   node -r @swc-node/register bench/web/static-server.ts <bodies.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port] = process.argv.slice(2);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { base64: string; encoding: string | null }>).map(([path, captured]) => [
    path,
    { body: Buffer.from(captured.base64, 'base64'), encoding: captured.encoding },
  ]),
);
createServer((request, response) => {
  const page = bodies.get(request.url ?? '');
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': page.body.length,
    ...(page.encoding ? { 'content-encoding': page.encoding } : {}),
  });
  response.end(page.body);
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
