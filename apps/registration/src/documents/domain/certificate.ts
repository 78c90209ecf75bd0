import { PROFESSION_NAMES, Profession } from '@respire/contracts';
import { frenchDate, frenchDuration, frenchTimeRange, venueLine } from './document-text';
import { DocumentSession } from './document-session';
import { facts, PdfContent, pdfDocument, PdfDocument } from './pdf-document';

export interface CertificateData extends DocumentSession {
  participant: { firstName: string; lastName: string; profession: Profession };
  /** The day it is issued (the coordinator's or participant's download). */
  issuedAt: Date;
  registrationId: string;
}

/**
 * The « attestation de présence » a health professional keeps for their training records: the
 * CPTS certifies that this person attended this session (checked in as present).
 */
export function certificate(data: CertificateData): PdfDocument {
  const person = `${data.participant.firstName} ${data.participant.lastName}`;
  const content: PdfContent[] = [
    { text: data.tenantName, style: 'tenant' },
    { text: 'Attestation de présence', style: 'title' },
    {
      text: [
        `${data.tenantName} atteste que `,
        { text: person, bold: true },
        ` (${PROFESSION_NAMES[data.participant.profession].one.toLocaleLowerCase('fr')}) a participé à la séance suivante :`,
      ],
      margin: [0, 0, 0, 12],
    },
    facts([
      ['Activité', data.activityTitle],
      ...(data.programmeTitle ? ([['Programme', data.programmeTitle]] as [string, string][]) : []),
      ['Date', frenchDate(data.startsAt, data.timezone)],
      [
        'Horaires',
        `${frenchTimeRange(data.startsAt, data.endsAt, data.timezone)} (${frenchDuration(data.startsAt, data.endsAt)})`,
      ],
      ['Lieu', venueLine(data.venue)],
      ...(data.facilitatorName ? ([['Intervenant(e)', data.facilitatorName]] as [string, string][]) : []),
    ]),
    {
      text: `Fait le ${frenchDate(data.issuedAt, data.timezone)}, pour servir et valoir ce que de droit.`,
      margin: [0, 12, 0, 24],
    },
    { text: `Pour ${data.tenantName}`, alignment: 'right' },
    { text: `Référence : ${data.registrationId}`, style: 'small', margin: [0, 36, 0, 0] },
  ];
  return pdfDocument({ title: `Attestation de présence — ${person}`, author: data.tenantName }, content);
}
