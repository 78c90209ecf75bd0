import { DocumentsController, PublicDocumentsController } from './documents/documents.controller';
import { DocumentSources } from './documents/infrastructure/document-sources';
import { PdfRenderer } from './documents/infrastructure/pdf-renderer';
import { RenderAttendanceSheetUseCase } from './documents/use-cases/render-attendance-sheet.use-case';
import { RenderCertificateUseCase } from './documents/use-cases/render-certificate.use-case';
import { RenderReceiptUseCase } from './documents/use-cases/render-receipt.use-case';
import { PaymentRepository } from './payments/infrastructure/payment.repository';
import { PaymentsController } from './payments/payments.controller';
import { ListSessionPaymentsUseCase } from './payments/use-cases/list-session-payments.use-case';
import { RecordPaymentUseCase } from './payments/use-cases/record-payment.use-case';
import { RegistrationPaymentsUseCase } from './payments/use-cases/registration-payments.use-case';
import { VoidPaymentUseCase } from './payments/use-cases/void-payment.use-case';

/** The coordinator's paperwork (issue 17): attendance sheets, certificates, fees and receipts. */
export const PAPERWORK_PROVIDERS = [
  PdfRenderer,
  DocumentSources,
  PaymentRepository,
  RenderAttendanceSheetUseCase,
  RenderCertificateUseCase,
  RenderReceiptUseCase,
  RecordPaymentUseCase,
  VoidPaymentUseCase,
  ListSessionPaymentsUseCase,
  RegistrationPaymentsUseCase,
];

export const PAPERWORK_CONTROLLERS = [DocumentsController, PublicDocumentsController, PaymentsController];
