import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { ActivitiesController } from './activities/activities.controller';
import { ActivityRepository } from './activities/infrastructure/activity.repository';
import { ManageActivitiesUseCase } from './activities/use-cases/manage-activities/manage-activities.use-case';
import { CLOCK, systemClock } from '@respire/platform';
import { CatalogDatabase } from './common/catalog-database';
import { CsvBodyParser } from './common/csv-body.parser';
import { CatalogEnv } from './config/env.schema';
import { FacilitatorsController } from './facilitators/facilitators.controller';
import { FacilitatorRepository } from './facilitators/infrastructure/facilitator.repository';
import { ManageFacilitatorsUseCase } from './facilitators/use-cases/manage-facilitators/manage-facilitators.use-case';
import { CATALOG_ENTITIES } from './infrastructure/entities';
import { ProgrammeRepository } from './programmes/infrastructure/programme.repository';
import { ProgrammesController } from './programmes/programmes.controller';
import { ImportProgrammeUseCase } from './programmes/use-cases/import-programme/import-programme.use-case';
import { ManageProgrammesUseCase } from './programmes/use-cases/manage-programmes/manage-programmes.use-case';
import { PublicProgrammeController } from './public/public-programme.controller';
import { PublicTenantController } from './public/public-tenant.controller';
import { SeatCountConsumer } from './sessions/consumers/seat-count.consumer';
import { SessionRepository } from './sessions/infrastructure/session.repository';
import { SessionCompletionJob } from './sessions/jobs/session-completion.job';
import { SessionsController } from './sessions/sessions.controller';
import { CancelSessionUseCase } from './sessions/use-cases/cancel-session/cancel-session.use-case';
import { CompleteDueSessionsUseCase } from './sessions/use-cases/complete-due-sessions/complete-due-sessions.use-case';
import { CompleteSessionUseCase } from './sessions/use-cases/complete-session/complete-session.use-case';
import { CreateSeriesUseCase } from './sessions/use-cases/create-series/create-series.use-case';
import { CreateSlotsUseCase } from './sessions/use-cases/create-slots/create-slots.use-case';
import { CreateSessionUseCase } from './sessions/use-cases/create-session/create-session.use-case';
import { PublicProgrammeUseCase } from './sessions/use-cases/public-programme/public-programme.use-case';
import { SessionChanges } from './sessions/use-cases/shared/session-changes';
import { PublishSessionUseCase } from './sessions/use-cases/publish-session/publish-session.use-case';
import { ReadSessionsUseCase } from './sessions/use-cases/read-sessions/read-sessions.use-case';
import { UpdateSessionUseCase } from './sessions/use-cases/update-session/update-session.use-case';
import { TenantRepository } from './tenants/infrastructure/tenant.repository';
import { TenantsController } from './tenants/tenants.controller';
import { CreateTenantUseCase } from './tenants/use-cases/create-tenant/create-tenant.use-case';
import { ReadTenantsUseCase } from './tenants/use-cases/read-tenants/read-tenants.use-case';
import { UpdateTenantSettingsUseCase } from './tenants/use-cases/update-tenant-settings/update-tenant-settings.use-case';
import { VenueRepository } from './venues/infrastructure/venue.repository';
import { ManageVenuesUseCase } from './venues/use-cases/manage-venues/manage-venues.use-case';
import { VenuesController } from './venues/venues.controller';

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
          // A burst of registrations on one session (one partition) commits once per batch of
          // seat changes, not once per registration.
          eventsPerTransaction: 100,
          jobs: false,
        }),
      ],
      controllers: [
        TenantsController,
        ProgrammesController,
        ActivitiesController,
        VenuesController,
        FacilitatorsController,
        SessionsController,
        PublicProgrammeController,
        PublicTenantController,
      ],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        CatalogDatabase,
        CsvBodyParser,
        TenantRepository,
        ProgrammeRepository,
        ActivityRepository,
        VenueRepository,
        FacilitatorRepository,
        SessionRepository,
        CreateTenantUseCase,
        UpdateTenantSettingsUseCase,
        ReadTenantsUseCase,
        ManageProgrammesUseCase,
        ImportProgrammeUseCase,
        ManageActivitiesUseCase,
        ManageVenuesUseCase,
        ManageFacilitatorsUseCase,
        CreateSessionUseCase,
        CreateSeriesUseCase,
        CreateSlotsUseCase,
        SessionChanges,
        PublishSessionUseCase,
        UpdateSessionUseCase,
        CancelSessionUseCase,
        CompleteSessionUseCase,
        CompleteDueSessionsUseCase,
        ReadSessionsUseCase,
        PublicProgrammeUseCase,
        SeatCountConsumer,
        SessionCompletionJob,
      ],
    };
  }
}
