import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@respire/platform';
import { ReportingEnv } from './config/env.schema';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingEnv): DynamicModule {
    return {
      module: ReportingModule,
      imports: [PlatformModule.forRoot({ service: 'reporting', config })],
    };
  }
}
