import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { CLOCK, systemClock } from '@respire/platform';
import { REPORTING_CONFIG, ReportingEnv } from './config/env.schema';
import { REPORTING_ENTITIES } from './infrastructure/entities';
import { GenerationRepository } from './read-models/infrastructure/generation.repository';
import { ProjectionRunner } from './read-models/projections/projection-runner';
import { GetReadModelStatusUseCase } from './read-models/use-cases/get-read-model-status/get-read-model-status.use-case';
import { ReportRepository } from './reports/infrastructure/report.repository';
import { ReportsController } from './reports/reports.controller';
import { ExportFunderReportUseCase } from './reports/use-cases/export-funder-report/export-funder-report.use-case';
import { GetBreakdownReportUseCase } from './reports/use-cases/get-breakdown-report/get-breakdown-report.use-case';
import { GetDeliveriesReportUseCase } from './reports/use-cases/get-deliveries-report/get-deliveries-report.use-case';
import { GetFunderSummaryUseCase } from './reports/use-cases/get-funder-summary/get-funder-summary.use-case';
import { GetParticipantsReportUseCase } from './reports/use-cases/get-participants-report/get-participants-report.use-case';
import { GetSatisfactionReportUseCase } from './reports/use-cases/get-satisfaction-report/get-satisfaction-report.use-case';
import { GetSessionReportUseCase } from './reports/use-cases/get-session-report/get-session-report.use-case';
import { GetUnmetDemandReportUseCase } from './reports/use-cases/get-unmet-demand-report/get-unmet-demand-report.use-case';
import { ListSessionReportsUseCase } from './reports/use-cases/list-session-reports/list-session-reports.use-case';
import { FunderController } from './surveys/funder.controller';
import { SurveyRepository } from './surveys/infrastructure/survey.repository';
import { PublicSurveysController } from './surveys/public-surveys.controller';
import { SurveysController } from './surveys/surveys.controller';
import { AnswerSurveyUseCase } from './surveys/use-cases/answer-survey/answer-survey.use-case';
import { SaveSurveyUseCase } from './surveys/use-cases/create-survey/create-survey.use-case';
import { GetSurveyResultsUseCase } from './surveys/use-cases/get-survey-results/get-survey-results.use-case';
import { PublishSurveyUseCase } from './surveys/use-cases/publish-survey/publish-survey.use-case';
import { CatalogTenantsConsumer } from './tenants/consumers/catalog-tenants.consumer';
import { TenantDirectoryRepository } from './tenants/infrastructure/tenant-directory.repository';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingEnv): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'reporting',
          config,
          entities: REPORTING_ENTITIES,
          // Read by ProjectionRunner, one consumer group per read-model generation; catalog's tenant
          // events also by CatalogTenantsConsumer (group `reporting`) for the tenant directory.
          consumes: [Topic.Catalog, Topic.Registration, Topic.Notifications],
          jobs: false,
        }),
      ],
      controllers: [ReportsController, SurveysController, PublicSurveysController, FunderController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: REPORTING_CONFIG, useValue: config },
        TenantDirectoryRepository,
        CatalogTenantsConsumer,
        SurveyRepository,
        SaveSurveyUseCase,
        PublishSurveyUseCase,
        AnswerSurveyUseCase,
        GetSurveyResultsUseCase,
        GenerationRepository,
        ReportRepository,
        ProjectionRunner,
        GetReadModelStatusUseCase,
        GetFunderSummaryUseCase,
        ExportFunderReportUseCase,
        GetSessionReportUseCase,
        ListSessionReportsUseCase,
        GetBreakdownReportUseCase,
        GetParticipantsReportUseCase,
        GetUnmetDemandReportUseCase,
        GetSatisfactionReportUseCase,
        GetDeliveriesReportUseCase,
      ],
    };
  }
}
