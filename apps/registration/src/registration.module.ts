import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { RegistrationEnv } from './config/env.schema';
import { REGISTRATION_ENTITIES } from './infrastructure/entities';

@Module({})
export class RegistrationModule {
  static forRoot(config: RegistrationEnv): DynamicModule {
    return {
      module: RegistrationModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'registration',
          config,
          entities: REGISTRATION_ENTITIES,
          consumes: [Topic.Catalog],
          jobs: true,
        }),
      ],
    };
  }
}
