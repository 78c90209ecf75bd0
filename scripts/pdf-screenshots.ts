/**
 * Renders the paperwork's three PDFs from sample data with the services' own code (pdfmake,
 * embedded Roboto) and writes page 1 of each as a PNG (pdf.js on @napi-rs/canvas) to
 * docs/screenshots/. Run: node -r @swc-node/register scripts/pdf-screenshots.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attendanceSheet } from '../apps/registration/src/documents/domain/attendance-sheet';
import { certificate } from '../apps/registration/src/documents/domain/certificate';
import { receipt } from '../apps/registration/src/documents/domain/receipt';
import { PdfRenderer } from '../apps/registration/src/documents/infrastructure/pdf-renderer';
import { pdfPageAsPng } from '../libs/testing/src/pdf';

const OUT = join(__dirname, '..', 'docs', 'screenshots');
const TENANT = 'CPTS CaPaciTéS Besançon & Métropole';
const session = {
  activityTitle: 'Gestion des émotions',
  startsAt: new Date('2027-01-21T17:30:00Z'),
  endsAt: new Date('2027-01-21T19:00:00Z'),
  timezone: 'Europe/Paris',
  venue: { name: 'Maison de santé pluriprofessionnelle', address: '2 rue de l’Église, 25000 Besançon' },
  facilitatorName: 'Hélène Dürr',
  programmeTitle: 'L’instant des soignants',
};

async function main() {
  const renderer = new PdfRenderer();
  const documents = {
    'pdf-attendance-sheet': attendanceSheet({
      ...session,
      tenantName: TENANT,
      funder: 'ARS Bourgogne-Franche-Comté',
      confidential: true,
      participants: [
        { firstName: 'Zoé', lastName: 'Lefèvre', profession: 'infirmier' },
        { firstName: 'François', lastName: 'Çelik', profession: 'kinesitherapeute' },
        { firstName: 'Anaïs', lastName: 'Béranger', profession: 'sage-femme' },
        { firstName: 'Jérôme', lastName: 'Noël', profession: 'medecin' },
      ],
    }),
    'pdf-certificate': certificate({
      ...session,
      tenantName: TENANT,
      participant: { firstName: 'Zoé', lastName: 'Lefèvre', profession: 'infirmier' },
      issuedAt: new Date('2027-01-22T09:00:00Z'),
      registrationId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07',
    }),
    'pdf-receipt': receipt({
      tenantName: TENANT,
      receiptNumber: '000042',
      payer: { firstName: 'Zoé', lastName: 'Lefèvre' },
      amountCents: 1500,
      method: 'cheque',
      paidOn: '2027-01-21',
      reference: 'Chèque n° 0042',
      activityTitle: session.activityTitle,
      startsAt: session.startsAt,
      timezone: session.timezone,
      issuedAt: new Date('2027-01-22T09:00:00Z'),
      voidedAt: null,
    }),
  };
  mkdirSync(OUT, { recursive: true });
  for (const [name, document] of Object.entries(documents)) {
    const pdf = await renderer.render(document);
    writeFileSync(join(OUT, `${name}.png`), await pdfPageAsPng(pdf, 1.3));
    console.log(`wrote docs/screenshots/${name}.png (PDF ${pdf.length} bytes)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
