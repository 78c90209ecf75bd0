import { PROFESSION_NAMES, Profession } from '@respire/contracts';
import { frenchDate, frenchTimeRange, venueLine } from './document-text';
import { DocumentSession } from './document-session';
import { facts, PdfContent, pdfDocument, PdfDocument } from './pdf-document';

export interface AttendanceSheetData extends DocumentSession {
  funder: string | null;
  confidential: boolean;
  participants: { firstName: string; lastName: string; profession: Profession }[];
}

/** Rows tall enough to sign in. */
const SIGNATURE_ROW_HEIGHT = 30;

/**
 * The « feuille d'émargement » a funder asks for: who the session was for, one line per person
 * holding a seat (by last name) with an empty box to sign, and the facilitator's box. A
 * confidential session has one too: it stays with the CPTS, and says so.
 */
export function attendanceSheet(data: AttendanceSheetData): PdfDocument {
  const participants = [...data.participants].sort(
    (a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'),
  );
  const header: PdfContent[] = ['N°', 'Nom', 'Prénom', 'Profession', 'Signature'].map((text) => ({
    text,
    style: 'tableHeader',
  }));
  const rows: PdfContent[][] = participants.map((p, index) => [
    String(index + 1),
    p.lastName.toLocaleUpperCase('fr'),
    p.firstName,
    PROFESSION_NAMES[p.profession].one,
    '',
  ]);
  const content: PdfContent[] = [
    { text: data.tenantName, style: 'tenant' },
    { text: 'Feuille d’émargement', style: 'title' },
    facts([
      ['Programme', data.programmeTitle ?? '—'],
      ['Financeur', data.funder ?? '—'],
      ['Activité', data.activityTitle],
      ['Date', frenchDate(data.startsAt, data.timezone)],
      ['Horaires', frenchTimeRange(data.startsAt, data.endsAt, data.timezone)],
      ['Lieu', venueLine(data.venue)],
      ['Intervenant(e)', data.facilitatorName ?? '—'],
    ]),
    rows.length === 0
      ? { text: 'Aucun participant confirmé pour cette séance.', italics: true, margin: [0, 0, 0, 12] }
      : {
          table: {
            headerRows: 1,
            widths: [22, 120, 100, 150, '*'],
            heights: (row: number) => (row === 0 ? 16 : SIGNATURE_ROW_HEIGHT),
            body: [header, ...rows],
          },
          margin: [0, 0, 0, 18],
        },
    {
      columns: [
        {
          width: '*',
          text: `${rows.length} participant${rows.length > 1 ? 's' : ''} inscrit${rows.length > 1 ? 's' : ''}`,
          style: 'label',
        },
        {
          width: 230,
          stack: [
            {
              text: `Signature de l’intervenant(e)${data.facilitatorName ? ` : ${data.facilitatorName}` : ''}`,
              style: 'label',
            },
            { canvas: [{ type: 'rect', x: 0, y: 4, w: 230, h: 60, lineWidth: 0.8, lineColor: '#333333' }] },
          ],
        },
      ],
    },
  ];
  if (data.confidential) {
    content.push({
      text: 'Atelier confidentiel : ce document reste à la CPTS et n’est pas transmis.',
      style: 'small',
      margin: [0, 12, 0, 0],
    });
  }
  return pdfDocument(
    {
      title: `Feuille d’émargement — ${data.activityTitle}`,
      author: data.tenantName,
      orientation: 'landscape',
    },
    content,
  );
}
