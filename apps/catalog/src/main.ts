import { runRespireService } from '@respire/runtime';
import { CatalogModule } from './catalog.module';
import { catalogEnvSchema } from './config/env.schema';
import { CATALOG_MIGRATIONS } from './infrastructure/migrations';

void runRespireService({
  service: 'catalog',
  env: catalogEnvSchema,
  module: (config) => CatalogModule.forRoot(config),
  migrations: CATALOG_MIGRATIONS,
});
