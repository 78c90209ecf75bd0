import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { NotificationsEnv } from './config/env.schema';
import { NOTIFICATIONS_ENTITIES } from './infrastructure/entities';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsEnv): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'notifications',
          config,
          entities: NOTIFICATIONS_ENTITIES,
          consumes: [Topic.Catalog, Topic.Registration],
          jobs: true,
        }),
      ],
    };
  }
}
