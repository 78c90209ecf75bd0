import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { csvFilename, sendCsv } from '../reports/presenters/csv';
import { SURVEY_TEMPLATES } from './domain/survey-templates';
import {
  ListSurveysQueryDto,
  ProgrammeParamsDto,
  ResultsFormatQueryDto,
  SaveSurveyDto,
  SurveyParamsDto,
} from './dto/survey.request.dto';
import { surveyResultsCsv } from './presenters/survey-results-csv';
import { SaveSurveyUseCase } from './use-cases/create-survey/create-survey.use-case';
import { GetSurveyResultsUseCase } from './use-cases/get-survey-results/get-survey-results.use-case';
import { PublishSurveyUseCase } from './use-cases/publish-survey/publish-survey.use-case';
import {
  PublishedSurveyDto,
  SavedSurveyDto,
  SurveyDto,
  SurveyListItemDto,
  SurveyResultsDto,
  SurveyTemplateDto,
  WaveComparisonDto,
} from './dto/survey.response.dto';

/** A CPTS's anonymous surveys: built from a template or by hand, published, results and waves compared. */
@ApiTags('surveys')
@Controller('surveys')
@Authenticated(Role.Coordinator)
export class SurveysController {
  constructor(
    private readonly save: SaveSurveyUseCase,
    private readonly publishing: PublishSurveyUseCase,
    private readonly results: GetSurveyResultsUseCase,
  ) {}

  @Get('templates')
  @ApiOperation({ summary: 'Ready-made surveys: the Besançon barometer, a work-stress audit' })
  @ApiOkResponse({ type: [SurveyTemplateDto] })
  templates() {
    return SURVEY_TEMPLATES;
  }

  @Get()
  @ApiOperation({ summary: 'The CPTS’s surveys with their number of responses' })
  @ApiOkResponse({ type: [SurveyListItemDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSurveysQueryDto) {
    return this.results.list(principal.tenantId!, query.programmeId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft survey from a template or your own questions' })
  @ApiCreatedResponse({ type: SavedSurveyDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: SaveSurveyDto) {
    return this.save.create(principal.tenantId!, body);
  }

  @Get(':surveyId')
  @ApiOperation({ summary: 'One survey with its questions' })
  @ApiOkResponse({ type: SurveyDto })
  one(@CurrentPrincipal() principal: Principal, @Param() params: SurveyParamsDto) {
    return this.results.one(principal.tenantId!, params.surveyId);
  }

  @Put(':surveyId')
  @ApiOperation({ summary: 'Change a draft (a published survey is frozen)' })
  @ApiOkResponse({ type: SavedSurveyDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SurveyParamsDto,
    @Body() body: SaveSurveyDto,
  ) {
    return this.save.update(principal.tenantId!, params.surveyId, body);
  }

  @Post(':surveyId/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish at its public link (surveys.survey.published)' })
  @ApiOkResponse({ type: PublishedSurveyDto })
  publish(@CurrentPrincipal() principal: Principal, @Param() params: SurveyParamsDto) {
    return this.publishing.execute(principal.tenantId!, params.surveyId);
  }

  @Get(':surveyId/results')
  @ApiOperation({
    summary:
      'Distributions, means, share agreeing, breakdowns by profile (small counts protected), consented quotes',
  })
  @ApiOkResponse({ type: SurveyResultsDto })
  @ApiProduces('application/json', 'text/csv')
  async surveyResults(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SurveyParamsDto,
    @Query() query: ResultsFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.results.forSurvey(principal.tenantId!, params.surveyId);
    if (query.format !== 'csv') return answer;
    return sendCsv(
      reply,
      csvFilename('enquete', answer.survey.opensOn, answer.survey.closesOn),
      surveyResultsCsv(answer.results),
    );
  }

  @Get('programmes/:programmeId/comparison')
  @ApiOperation({ summary: 'A programme’s "before" and "after" waves compared (means, share agreeing)' })
  @ApiOkResponse({ type: WaveComparisonDto })
  compare(@CurrentPrincipal() principal: Principal, @Param() params: ProgrammeParamsDto) {
    return this.results.compare(principal.tenantId!, params.programmeId);
  }
}
