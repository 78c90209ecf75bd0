/**
 * The baseline of bench/web-pages.ts, in its own process: a bare node:http server answering, for
 * each path in the JSON file given as argument, the bytes the web app sent for it (as captured,
 * with their Content-Encoding). A path captured with `sql` (a page that shows data, such as a
 * participant's link page) first runs that query on DATABASE_URL over a pool of as many
 * connections as a service keeps, as the service's role: the one round trip to the database the
 * page cannot do without. Nothing else per request: what no page can beat on this machine.
 *
 *   DATABASE_URL=… node -r @swc-node/register bench/web/static-server.ts <bodies.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';

export interface CapturedPage {
  base64: string;
  encoding: string | null;
  /** Run as registration runs it: a named prepared statement when `name` is given. */
  sql?: { name?: string; text: string; values: unknown[] };
}

/** Connections a service's pool keeps (libs/tenancy serviceDataSourceOptions). */
const POOL_SIZE = 10;

const [file, port] = process.argv.slice(2);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, CapturedPage>).map(
    ([path, captured]) => [
      path,
      {
        body: Buffer.from(captured.base64, 'base64'),
        encoding: captured.encoding,
        sql: captured.sql && { ...captured.sql, values: captured.sql.values.map(bytesOf) },
      },
    ],
  ),
);
const needsDatabase = [...bodies.values()].some((page) => page.sql);
const pool = needsDatabase ? new Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE }) : null;

createServer((request, response) => {
  const page = bodies.get(request.url ?? '');
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  const answer = () => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': page.body.length,
      ...(page.encoding ? { 'content-encoding': page.encoding } : {}),
    });
    response.end(page.body);
  };
  if (!page.sql) return answer();
  pool!.query(page.sql).then(
    (result) => (result.rowCount === 1 ? answer() : response.writeHead(500).end()),
    () => response.writeHead(500).end(),
  );
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));

/** A value given as `{bytea: base64}` is sent as bytes (bytea parameters). */
function bytesOf(value: unknown): unknown {
  return value && typeof value === 'object' && 'bytea' in value
    ? Buffer.from(String((value as { bytea: string }).bytea), 'base64')
    : value;
}
