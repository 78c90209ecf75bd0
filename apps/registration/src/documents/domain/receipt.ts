import { formatEuros, PAYMENT_METHOD_NAMES, PaymentMethod } from '@respire/contracts';
import { frenchDate, frenchLocalDate } from './document-text';
import { facts, PdfContent, pdfDocument, PdfDocument } from './pdf-document';

export interface ReceiptData {
  tenantName: string;
  receiptNumber: string;
  payer: { firstName: string; lastName: string } | null;
  amountCents: number;
  method: PaymentMethod;
  paidOn: string;
  reference: string | null;
  activityTitle: string;
  startsAt: Date;
  timezone: string;
  issuedAt: Date;
  voidedAt: Date | null;
}

/** The « reçu » for one payment: who paid what, how, when, for which session. */
export function receipt(data: ReceiptData): PdfDocument {
  const payer = data.payer
    ? `${data.payer.firstName} ${data.payer.lastName}`
    : 'Participant (données effacées)';
  const content: PdfContent[] = [
    { text: data.tenantName, style: 'tenant' },
    { text: `Reçu n° ${data.receiptNumber}`, style: 'title' },
    {
      text: [
        `${data.tenantName} a reçu de `,
        { text: payer, bold: true },
        ' la somme de ',
        { text: formatEuros(data.amountCents), bold: true },
        '.',
      ],
      margin: [0, 0, 0, 12],
    },
    facts([
      ['Montant', formatEuros(data.amountCents)],
      ['Moyen de paiement', PAYMENT_METHOD_NAMES[data.method]],
      ['Date du paiement', frenchLocalDate(data.paidOn)],
      ...(data.reference ? ([['Référence', data.reference]] as [string, string][]) : []),
      ['Objet', `Participation à « ${data.activityTitle} » du ${frenchDate(data.startsAt, data.timezone)}`],
    ]),
  ];
  if (data.voidedAt) {
    content.push({
      text: `PAIEMENT ANNULÉ le ${frenchDate(data.voidedAt, data.timezone)} : ce reçu n’a plus de valeur.`,
      bold: true,
      color: '#b00020',
    });
  }
  content.push({ text: `Fait le ${frenchDate(data.issuedAt, data.timezone)}.`, margin: [0, 24, 0, 0] });
  return pdfDocument({ title: `Reçu n° ${data.receiptNumber}`, author: data.tenantName }, content);
}
