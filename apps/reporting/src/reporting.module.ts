import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { CLOCK, systemClock } from './clock/clock';
import { ReportingEnv } from './config/env.schema';
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
          // Read by ProjectionRunner, one consumer group per read-model generation (not @HandleEvent).
          consumes: [Topic.Catalog, Topic.Registration, Topic.Notifications],
          jobs: false,
        }),
      ],
      controllers: [ReportsController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
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
