// Reads a PDF from stdin with pdf.js (through pdf-parse) in a plain Node process: pdf.js loads
// its worker with a dynamic import(), which jest's module system refuses. Modes:
//   text  → prints {"text": "...", "pages": N}
//   png   → writes the first page as PNG (scale argv[3], default 1.5) to stdout
const { PDFParse } = require('pdf-parse');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    if (process.argv[2] === 'png') {
      const shot = await parser.getScreenshot({ first: 1, scale: Number(process.argv[3] ?? 1.5) });
      process.stdout.write(Buffer.from(shot.pages[0].data));
    } else {
      const result = await parser.getText();
      process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
    }
  } finally {
    await parser.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
