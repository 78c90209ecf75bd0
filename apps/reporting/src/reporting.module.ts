import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { ReportingEnv } from './config/env.schema';
import { REPORTING_ENTITIES } from './infrastructure/entities';

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
          consumes: [Topic.Catalog, Topic.Registration, Topic.Notifications],
          jobs: false,
        }),
      ],
    };
  }
}
