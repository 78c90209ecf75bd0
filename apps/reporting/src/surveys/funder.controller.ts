import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { RegionalSummaryQueryDto } from '../reports/dto/regional-summary.request.dto';
import { RegionalSummaryDto } from '../reports/dto/regional-summary.response.dto';
import { FunderCptsDto, RegionalSurveyResultsDto } from './dto/survey.response.dto';
import { GetRegionalSummaryUseCase } from '../reports/use-cases/get-regional-summary/get-regional-summary.use-case';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';
import { RegionalResultsQueryDto } from './dto/survey.request.dto';
import { sendCsv } from '../reports/presenters/csv';
import { surveyResultsCsv } from './presenters/survey-results-csv';
import { GetSurveyResultsUseCase } from './use-cases/get-survey-results/get-survey-results.use-case';

/**
 * A funder (ARS) reads the CPTS of its region, and nothing else: the token names a region, no
 * tenant, and row-level security limits every read to the region's CPTS.
 */
@ApiTags('funder')
@Controller('funder')
@Authenticated(Role.Funder)
export class FunderController {
  constructor(
    private readonly results: GetSurveyResultsUseCase,
    private readonly directory: TenantDirectoryRepository,
    private readonly regionalSummary: GetRegionalSummaryUseCase,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'The funder summary of every CPTS of the region, side by side and combined, small counts protected across both',
  })
  @ApiOkResponse({ type: RegionalSummaryDto })
  async summary(@CurrentPrincipal() principal: Principal, @Query() query: RegionalSummaryQueryDto) {
    return this.regionalSummary.execute({
      region: principal.region!,
      from: query.from ?? null,
      to: query.to ?? null,
    });
  }

  @Get('cpts')
  @ApiOperation({ summary: 'The CPTS of the funder’s region' })
  @ApiOkResponse({ type: [FunderCptsDto] })
  async cpts(@CurrentPrincipal() principal: Principal) {
    const tenants = await this.directory.ofRegion(principal.region!);
    return tenants.map((t) => ({ tenantId: t.tenantId, name: t.name }));
  }

  @Get('survey-results')
  @ApiOperation({
    summary:
      'One template’s results across the region: combined, and CPTS side by side, small counts protected across both',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RegionalSurveyResultsDto })
  async surveyResults(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RegionalResultsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.results.forRegion(principal.region!, query.template, query.wave ?? null);
    if (query.format !== 'csv') return answer;
    return sendCsv(
      reply,
      `enquetes-${answer.template.key}-${answer.region}.csv`,
      surveyResultsCsv(answer.results),
    );
  }
}
