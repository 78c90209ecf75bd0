import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public, RateLimited } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { Inject } from '@nestjs/common';
import { LinkTokens } from '../links/link-token';
import { PaymentParamsDto } from '../payments/dto/payment.dto';
import {
  linkTokenSchema,
  RegistrationParamsDto,
  SessionParamsDto,
} from '../registrations/dto/registration.request.dto';
import { RenderAttendanceSheetUseCase } from './use-cases/render-attendance-sheet.use-case';
import { RenderCertificateUseCase } from './use-cases/render-certificate.use-case';
import { RenderReceiptUseCase } from './use-cases/render-receipt.use-case';

/** A PDF answer: downloaded under `filename`, never cached (it carries personal data). */
export function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer): Buffer {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
  return pdf;
}

/** The paperwork as PDFs: attendance sheets, attendance certificates, receipts. */
@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(
    private readonly sheet: RenderAttendanceSheetUseCase,
    private readonly certificate: RenderCertificateUseCase,
    private readonly receipt: RenderReceiptUseCase,
  ) {}

  @Get('sessions/:sessionId/attendance-sheet.pdf')
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({
    summary:
      "The session's feuille d'émargement (coordinators, and the session's facilitator); confidential sessions too",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf' })
  async attendanceSheet(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(
      reply,
      `emargement-${params.sessionId}.pdf`,
      await this.sheet.execute(principal, params.sessionId),
    );
  }

  @Get('registrations/:id/certificate.pdf')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'The attestation de présence of an attended registration (409 no_certificate otherwise)',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf' })
  async certificateForCoordinator(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RegistrationParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(
      reply,
      `attestation-${params.id}.pdf`,
      await this.certificate.execute(principal.tenantId!, params.id),
    );
  }

  @Get('registrations/:id/payments/:paymentId/receipt.pdf')
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'The reçu of one payment' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf' })
  async receiptPdf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PaymentParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(
      reply,
      `recu-${params.paymentId}.pdf`,
      await this.receipt.execute(principal.tenantId!, params.id, params.paymentId),
    );
  }
}

/** The participant's own certificate, through any genuine unexpired link of that registration. */
@ApiTags('public')
@Controller('public/registrations')
@Public()
@RateLimited()
export class PublicDocumentsController {
  constructor(
    private readonly tokens: LinkTokens,
    private readonly certificate: RenderCertificateUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/certificate.pdf')
  @ApiOperation({
    summary: "The participant's attestation de présence (?token= one of the registration's link tokens)",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf' })
  async certificateForHolder(
    @Param() params: RegistrationParamsDto,
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { tenantId } = this.tokens.verifyHolder(
      linkTokenSchema.parse({ token }).token,
      params.id,
      this.clock.now(),
    );
    return sendPdf(reply, 'attestation-de-presence.pdf', await this.certificate.execute(tenantId, params.id));
  }
}
