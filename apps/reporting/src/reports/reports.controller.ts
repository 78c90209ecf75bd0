import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { GetReadModelStatusUseCase } from '../read-models/use-cases/get-read-model-status/get-read-model-status.use-case';
import {
  BreakdownParamsDto,
  ReportFormatQueryDto,
  ReportQueryDto,
  SessionReportParamsDto,
} from './dto/report-query.request.dto';
import {
  BreakdownReportDto,
  DeliveriesReportDto,
  FunderSummaryDto,
  ParticipantsReportDto,
  ReadModelStatusDto,
  SatisfactionReportDto,
  SessionListReportDto,
  SessionReportDto,
  UnmetDemandReportDto,
} from './dto/report.response.dto';
import { csvFilename, sendCsv } from './presenters/csv';
import {
  breakdownCsv,
  participantsCsv,
  satisfactionCsv,
  sessionsCsv,
  unmetDemandCsv,
} from './presenters/report-csv';
import { ExportFunderReportUseCase } from './use-cases/export-funder-report/export-funder-report.use-case';
import { GetBreakdownReportUseCase } from './use-cases/get-breakdown-report/get-breakdown-report.use-case';
import { GetDeliveriesReportUseCase } from './use-cases/get-deliveries-report/get-deliveries-report.use-case';
import { GetFunderSummaryUseCase } from './use-cases/get-funder-summary/get-funder-summary.use-case';
import { GetParticipantsReportUseCase } from './use-cases/get-participants-report/get-participants-report.use-case';
import { GetSatisfactionReportUseCase } from './use-cases/get-satisfaction-report/get-satisfaction-report.use-case';
import { GetSessionReportUseCase } from './use-cases/get-session-report/get-session-report.use-case';
import { GetUnmetDemandReportUseCase } from './use-cases/get-unmet-demand-report/get-unmet-demand-report.use-case';
import { ListSessionReportsUseCase } from './use-cases/list-session-reports/list-session-reports.use-case';
import { ReportQuery } from './use-cases/report.query';

function reportQuery(
  principal: Principal,
  query: { from?: string; to?: string; programmeId?: string },
): ReportQuery {
  return {
    tenantId: principal.tenantId!,
    from: query.from ?? null,
    to: query.to ?? null,
    programmeId: query.programmeId ?? null,
  };
}

/** The report as JSON or, with `format=csv`, as a CSV download named after the report and its period. */
function jsonOrCsv<R>(
  reply: FastifyReply,
  query: ReportFormatQueryDto,
  what: string,
  report: R,
  toCsv: (report: R) => string,
): R | string {
  if (query.format !== 'csv') return report;
  return sendCsv(reply, csvFilename(what, query.from ?? null, query.to ?? null), toCsv(report));
}

/**
 * Reports for a CPTS's coordinators, read from the live read models. Every count of people is
 * protected by small-count suppression (see `protection` in each answer).
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly funderSummary: GetFunderSummaryUseCase,
    private readonly funderExport: ExportFunderReportUseCase,
    private readonly sessionReport: GetSessionReportUseCase,
    private readonly sessionList: ListSessionReportsUseCase,
    private readonly breakdown: GetBreakdownReportUseCase,
    private readonly participants: GetParticipantsReportUseCase,
    private readonly unmetDemand: GetUnmetDemandReportUseCase,
    private readonly satisfaction: GetSatisfactionReportUseCase,
    private readonly deliveries: GetDeliveriesReportUseCase,
    private readonly readModels: GetReadModelStatusUseCase,
  ) {}

  @Get('summary')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'Funder report: one programme and one period (by default the programme’s own period)',
  })
  @ApiOkResponse({ type: FunderSummaryDto })
  summary(@CurrentPrincipal() principal: Principal, @Query() query: ReportQueryDto) {
    return this.funderSummary.execute(reportQuery(principal, query));
  }

  @Get('export.csv')
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Funder report as CSV: one figure per line (section; group; indicator; value)' })
  @ApiProduces('text/csv')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { filename, csv } = await this.funderExport.execute(reportQuery(principal, query));
    return sendCsv(reply, filename, csv);
  }

  @Get('sessions')
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Every non-confidential session in scope with its figures' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SessionListReportDto })
  async sessions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.sessionList.execute(reportQuery(principal, query));
    return jsonOrCsv(reply, query, 'seances', report, sessionsCsv);
  }

  @Get('sessions/:id')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'One session: capacity, registrations, waitlist (peak, unserved at start), offers, cancellations, attendance',
    description:
      'Operational figures for the coordinator running the session: exact counts, no small-count protection ' +
      '(they see the names already). Session lists, breakdowns and the funder report stay protected.',
  })
  @ApiOkResponse({ type: SessionReportDto })
  session(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionReportParamsDto,
    @Query() query: ReportQueryDto,
  ) {
    return this.sessionReport.execute({ ...reportQuery(principal, query), sessionId: params.id });
  }

  @Get('breakdown/:dimension')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'Figures per activity, category, programme, venue or month, with unique and returning participants',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BreakdownReportDto })
  async breakdownBy(
    @CurrentPrincipal() principal: Principal,
    @Param() params: BreakdownParamsDto,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.breakdown.execute(reportQuery(principal, query), params.dimension);
    return jsonOrCsv(reply, query, `par-${params.dimension}`, report, breakdownCsv);
  }

  @Get('participants')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'Participants who attended, by profession, practice mode and département (non-confidential activities)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ParticipantsReportDto })
  async participantProfiles(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.participants.execute(reportQuery(principal, query));
    return jsonOrCsv(reply, query, 'participants', report, participantsCsv);
  }

  @Get('unmet-demand')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'People still waitlisted when sessions started, by activity and month, and the extra sessions needed',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UnmetDemandReportDto })
  async unmet(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.unmetDemand.execute(reportQuery(principal, query));
    return jsonOrCsv(reply, query, 'demande-non-satisfaite', report, unmetDemandCsv);
  }

  @Get('satisfaction')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'Rating distribution and mean per activity; testimonials quoted with consent only',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SatisfactionReportDto })
  async ratings(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.satisfaction.execute(reportQuery(principal, query));
    return jsonOrCsv(reply, query, 'satisfaction', report, satisfactionCsv);
  }

  @Get('deliveries')
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Messages sent, retrying and failed per template and channel' })
  @ApiOkResponse({ type: DeliveriesReportDto })
  messages(@CurrentPrincipal() principal: Principal, @Query() query: ReportQueryDto) {
    return this.deliveries.execute(reportQuery(principal, query));
  }

  @Get('read-models')
  @Authenticated(Role.PlatformAdmin, Role.Coordinator)
  @ApiOperation({ summary: 'Read-model generations: which one reports read, and any rebuild in progress' })
  @ApiOkResponse({ type: ReadModelStatusDto })
  readModelStatus() {
    return this.readModels.execute();
  }
}
