import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimited } from '@respire/platform';
import { AnswerSurveyDto, PublicSurveyParamsDto } from './dto/survey.request.dto';
import { AnswerSurveyUseCase } from './use-cases/answer-survey/answer-survey.use-case';
import { PublicSurveyDto, SurveyAnswerReceivedDto } from './dto/survey.response.dto';

/** What the public survey page reads and posts: no account, nothing about the person. */
@ApiTags('surveys')
@Controller('public/tenants/:slug/surveys/:surveyId')
@Public()
@RateLimited()
export class PublicSurveysController {
  constructor(private readonly answering: AnswerSurveyUseCase) {}

  @Get()
  @ApiOperation({ summary: 'A published survey: its questions and whether it takes answers today' })
  @ApiOkResponse({ type: PublicSurveyDto })
  async show(@Param() params: PublicSurveyParamsDto) {
    const { tenant, survey, open } = await this.answering.show(params.slug, params.surveyId);
    return {
      tenant,
      surveyId: survey.surveyId,
      ...survey.content,
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
      open,
    };
  }

  @Post('responses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer (anonymous: stored with the day only; 400 names each field to correct)' })
  @ApiCreatedResponse({ type: SurveyAnswerReceivedDto })
  async answer(@Param() params: PublicSurveyParamsDto, @Body() body: AnswerSurveyDto) {
    await this.answering.answer(params.slug, params.surveyId, body);
    return { received: true };
  }
}
