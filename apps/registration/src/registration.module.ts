import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@respire/platform';
import { RegistrationEnv } from './config/env.schema';

@Module({})
export class RegistrationModule {
  static forRoot(config: RegistrationEnv): DynamicModule {
    return {
      module: RegistrationModule,
      imports: [PlatformModule.forRoot({ service: 'registration', config })],
    };
  }
}
