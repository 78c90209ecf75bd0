import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { CatalogEnv } from './config/env.schema';
import { CATALOG_ENTITIES } from './infrastructure/entities';

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogEnv): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'catalog',
          config,
          entities: CATALOG_ENTITIES,
          consumes: [Topic.Registration],
          jobs: false,
        }),
      ],
    };
  }
}
