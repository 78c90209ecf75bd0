import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@respire/platform';
import { CatalogEnv } from './config/env.schema';

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogEnv): DynamicModule {
    return {
      module: CatalogModule,
      imports: [PlatformModule.forRoot({ service: 'catalog', config })],
    };
  }
}
