import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { RequestContext } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import {
  idempotencyKeySchema,
  RegistrationParamsDto,
  SessionParamsDto,
} from '../registrations/dto/registration.request.dto';
import { IdempotencyKeyRequiredError } from './domain/payment';
import {
  PaymentAnswerDto,
  PaymentParamsDto,
  RecordPaymentDto,
  RegistrationPaymentsDto,
  SessionPaymentsDto,
  SessionPaymentsQueryDto,
  toPaymentItem,
  toRegistrationPayments,
  toSessionPayments,
  VoidPaymentDto,
} from './dto/payment.dto';
import { ListSessionPaymentsUseCase } from './use-cases/list-session-payments.use-case';
import { RecordPaymentUseCase } from './use-cases/record-payment.use-case';
import { RegistrationPaymentsUseCase } from './use-cases/registration-payments.use-case';
import { VoidPaymentUseCase } from './use-cases/void-payment.use-case';

/** Fees: what participants paid the CPTS, recorded by its coordinators. */
@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly list: ListSessionPaymentsUseCase,
    private readonly record: RecordPaymentUseCase,
    private readonly voidPayment: VoidPaymentUseCase,
    private readonly ofRegistration: RegistrationPaymentsUseCase,
  ) {}

  @Get('sessions/:sessionId/payments')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'Who has paid and who has not: the registrations owing the price, with their payments (?state=unpaid)',
  })
  @ApiOkResponse({ type: SessionPaymentsDto })
  async sessionPayments(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Query() query: SessionPaymentsQueryDto,
  ) {
    return toSessionPayments(await this.list.execute(principal, params.sessionId, query.state));
  }

  @Get('registrations/:id/payments')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: "A registration's payments and their history (who recorded or voided what, when)",
  })
  @ApiOkResponse({ type: RegistrationPaymentsDto })
  async registrationPayments(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RegistrationParamsDto,
  ) {
    return toRegistrationPayments(await this.ofRegistration.execute(principal, params.id));
  }

  @Post('registrations/:id/payments')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'Record a payment (integer cents). Idempotent: the same Idempotency-Key records it once',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'one key per payment: sending it again answers the payment already recorded (200)',
  })
  @ApiCreatedResponse({
    type: PaymentAnswerDto,
    description: '201 recorded; 200 with replayed: true when this key had recorded it',
  })
  @ApiUnprocessableEntityResponse({
    description: 'idempotency_key_reused: the key recorded a different payment',
  })
  async recordPayment(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RegistrationParamsDto,
    @Body() body: RecordPaymentDto,
    @Headers('idempotency-key') header: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = idempotencyKeySchema.parse({ 'Idempotency-Key': header })['Idempotency-Key'];
    if (!key) throw new IdempotencyKeyRequiredError();
    const { payment, replayed } = await this.record.execute({
      principal,
      registrationId: params.id,
      idempotencyKey: key,
      amountCents: body.amountCents,
      method: body.method,
      paidOn: body.paidOn,
      reference: body.reference ?? null,
      correlationId: RequestContext.correlationId(),
    });
    void reply.status(replayed ? 200 : 201);
    return { ...toPaymentItem(payment), replayed };
  }

  @Post('registrations/:id/payments/:paymentId/void')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'Void a payment recorded by mistake (it stops counting; the history keeps it). Voiding twice changes nothing',
  })
  @ApiOkResponse({ type: PaymentAnswerDto })
  async void(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PaymentParamsDto,
    @Body() body: VoidPaymentDto,
  ) {
    const { payment, changed } = await this.voidPayment.execute({
      principal,
      registrationId: params.id,
      paymentId: params.paymentId,
      reason: body.reason ?? null,
      correlationId: RequestContext.correlationId(),
    });
    return { ...toPaymentItem(payment), replayed: !changed };
  }
}
