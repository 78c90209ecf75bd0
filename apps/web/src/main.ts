import { runService } from '@respire/platform';
import { WEB_CONFIG, webEnvSchema } from './config/env.schema';
import { configureWebHttp } from './http/web-http';
import { WebModule } from './web.module';

void runService({
  service: 'web',
  env: webEnvSchema,
  module: (config) => WebModule.forRoot(config),
  http: { kind: 'pages', configure: (app) => configureWebHttp(app, app.get(WEB_CONFIG)) },
});
