import { runService } from '@respire/platform';
import { CatalogModule } from './catalog.module';
import { catalogEnvSchema } from './config/env.schema';

void runService({
  service: 'catalog',
  env: catalogEnvSchema,
  module: (config) => CatalogModule.forRoot(config),
});
