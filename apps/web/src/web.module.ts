import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@respire/platform';
import { formSecretOf, WEB_CONFIG, WebEnv } from './config/env.schema';
import { FormTokens } from './http/form-tokens';
import { PageCache } from './http/page-cache';
import { StaticAssets } from './http/static-assets';
import { AlertPagesController } from './alerts/alert-pages.controller';
import { LinkPagesController } from './links/link-pages.controller';
import { AccessRequestController } from './my-registrations/access-request.controller';
import { MyRegistrationsController } from './my-registrations/my-registrations.controller';
import { PreferencesController } from './links/preferences.controller';
import { ProgrammeController } from './programme/programme.controller';
import { RegistrationFormController } from './registration/registration-form.controller';
import { SurveyPageController } from './surveys/survey-page.controller';
import { CatalogClient } from './upstream/catalog.client';
import { NotificationsClient } from './upstream/notifications.client';
import { RegistrationClient } from './upstream/registration.client';
import { SurveysClient } from './upstream/surveys.client';
import { UpstreamClient } from './upstream/upstream.client';
import { PageRenderer } from './views/page-renderer';
import { ViewRenderer } from './views/view-renderer';
import { WEB_FILES } from './web-files';

/** The public pages: programme and its calendar feed, registration, participant link pages, my registrations, preferences, surveys; and the /v1 proxy. */
@Module({})
export class WebModule {
  static forRoot(config: WebEnv): DynamicModule {
    return {
      module: WebModule,
      imports: [PlatformModule.forRoot({ service: 'web', config })],
      controllers: [
        PreferencesController,
        LinkPagesController,
        MyRegistrationsController,
        AccessRequestController,
        RegistrationFormController,
        SurveyPageController,
        AlertPagesController,
        ProgrammeController,
      ],
      providers: [
        { provide: WEB_CONFIG, useValue: config },
        { provide: ViewRenderer, useFactory: () => new ViewRenderer(WEB_FILES.views) },
        { provide: StaticAssets, useFactory: () => new StaticAssets(WEB_FILES.assets) },
        { provide: FormTokens, useFactory: () => new FormTokens(formSecretOf(config)) },
        PageRenderer,
        PageCache,
        UpstreamClient,
        CatalogClient,
        RegistrationClient,
        NotificationsClient,
        SurveysClient,
      ],
    };
  }
}
