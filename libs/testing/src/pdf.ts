import { spawn } from 'node:child_process';
import { join } from 'node:path';

const READER = join(__dirname, 'pdf-reader.js');

function runReader(args: string[], input: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [READER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`reading the PDF failed: ${Buffer.concat(err).toString('utf8')}`)),
    );
    child.stdin.end(Buffer.from(input));
  });
}

/** A PDF read back as a reader would: its text (pdf.js) and its number of pages. */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  return JSON.parse((await runReader(['text'], bytes)).toString('utf8'));
}

/** The first page of a PDF as a PNG (pdf.js drawing on @napi-rs/canvas), for screenshots. */
export function pdfPageAsPng(bytes: Uint8Array, scale = 1.5): Promise<Buffer> {
  return runReader(['png', String(scale)], bytes);
}

/** GET a binary answer (a PDF): status, content type and the bytes. */
export async function download(
  baseUrl: string,
  path: string,
  token?: string,
): Promise<{ status: number; type: string | null; bytes: Uint8Array; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes,
    text: Buffer.from(bytes).toString('utf8'),
  };
}
