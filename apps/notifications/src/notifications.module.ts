import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@respire/platform';
import { NotificationsEnv } from './config/env.schema';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsEnv): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot({ service: 'notifications', config })],
    };
  }
}
