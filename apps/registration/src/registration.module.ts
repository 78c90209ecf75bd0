import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { Clock, CLOCK, systemClock } from '@respire/platform';
import { linkSecretOf, RegistrationEnv } from './config/env.schema';
import { REGISTRATION_CONFIG } from './config/registration-config';
import { AfterCommitSubscriber } from '@respire/tenancy';
import { REGISTRATION_ENTITIES } from './infrastructure/entities';
import { OutboxWake } from './infrastructure/outbox-wake';
import { RegistrationMetrics } from './infrastructure/registration.metrics';
import { AccessTokens } from './links/access-token';
import { LinkTokens, ParticipantLinks } from './links/link-token';
import { RetentionRunner } from './participants/jobs/retention.runner';
import { ParticipantErasureRepository } from './participants/infrastructure/participant-erasure.repository';
import { PAPERWORK_CONTROLLERS, PAPERWORK_PROVIDERS } from './paperwork';
import { ParticipantAccessController } from './participants/participant-access.controller';
import { ParticipantErasureController } from './participants/participant-erasure.controller';
import { EraseDormantParticipantsUseCase } from './participants/use-cases/erase-dormant-participants/erase-dormant-participants.use-case';
import { EraseParticipantUseCase } from './participants/use-cases/erase-participant/erase-participant.use-case';
import { ReadOwnRegistrationsUseCase } from './participants/use-cases/read-own-registrations/read-own-registrations.use-case';
import { RequestAccessLinkUseCase } from './participants/use-cases/request-access-link/request-access-link.use-case';
import { UpdateOwnDetailsUseCase } from './participants/use-cases/update-own-details/update-own-details.use-case';
import { RegistrationEvents } from './registrations/events/registration-events';
import { FeedbackRepository } from './registrations/infrastructure/feedback.repository';
import { FeedbackVault } from './registrations/infrastructure/feedback-vault';
import { IdempotencyRepository } from './registrations/infrastructure/idempotency.repository';
import { LinkedRegistrationQuery } from './registrations/infrastructure/linked-registration.query';
import { ParticipantRepository } from './registrations/infrastructure/participant.repository';
import { SeatDecisions } from './registrations/infrastructure/seat-decisions';
import { SeatTransactions } from './registrations/infrastructure/seat-transactions';
import { RegistrationRepository } from './registrations/infrastructure/registration.repository';
import { ParticipantLinksController } from './registrations/participant-links.controller';
import { PublicRegistrationsController } from './registrations/public-registrations.controller';
import { RegistrationsController } from './registrations/registrations.controller';
import { SessionRegistrationsController } from './registrations/session-registrations.controller';
import { CancelRegistrationUseCase } from './registrations/use-cases/cancel-registration/cancel-registration.use-case';
import { ListSessionRegistrationsUseCase } from './registrations/use-cases/list-session-registrations/list-session-registrations.use-case';
import { MoveRegistrationUseCase } from './registrations/use-cases/move-registration/move-registration.use-case';
import { RecordAttendanceUseCase } from './registrations/use-cases/record-attendance/record-attendance.use-case';
import { ReleaseFeedbackUseCase } from './registrations/use-cases/release-feedback/release-feedback.use-case';
import { ReadRegistrationUseCase } from './registrations/use-cases/read-registration/read-registration.use-case';
import { RegisterForSessionsUseCase } from './registrations/use-cases/register-for-sessions/register-for-sessions.use-case';
import { RegisterParticipantUseCase } from './registrations/use-cases/register-participant/register-participant.use-case';
import { RegistrationContext } from './registrations/use-cases/register-participant/registration-context';
import { RespondToOfferUseCase } from './registrations/use-cases/respond-to-offer/respond-to-offer.use-case';
import { SubmitFeedbackUseCase } from './registrations/use-cases/submit-feedback/submit-feedback.use-case';
import { CatalogEventsConsumer } from './sessions/consumers/catalog-events.consumer';
import { SessionRepository } from './sessions/infrastructure/session.repository';
import { CancelSessionUseCase } from './sessions/use-cases/cancel-session/cancel-session.use-case';
import { CompleteSessionUseCase } from './sessions/use-cases/complete-session/complete-session.use-case';
import { RecordPublishedSessionUseCase } from './sessions/use-cases/record-published-session/record-published-session.use-case';
import { RescheduleSessionUseCase } from './sessions/use-cases/reschedule-session/reschedule-session.use-case';
import { ResizeSessionUseCase } from './sessions/use-cases/resize-session/resize-session.use-case';
import { TenantDirectoryRepository } from './tenants/infrastructure/tenant-directory.repository';
import { RegistrationQueue, SeatJobs } from './waitlist/jobs/seat-jobs';
import { SeatJobsProcessor } from './waitlist/jobs/seat-jobs.processor';
import { SweepRunner } from './waitlist/jobs/sweep.runner';
import { CloseAttendanceUseCase } from './waitlist/use-cases/close-attendance/close-attendance.use-case';
import { ExpireOfferUseCase } from './waitlist/use-cases/expire-offer/expire-offer.use-case';
import { PromoteWaitlistUseCase } from './waitlist/use-cases/promote-waitlist/promote-waitlist.use-case';
import { SweepUseCase } from './waitlist/use-cases/sweep/sweep.use-case';
import { SeatOverviewController } from './sessions/seat-overview.controller';
import { SeatOverviewUseCase } from './sessions/use-cases/seat-overview/seat-overview.use-case';

export interface RegistrationModuleOptions {
  /** Tests run the service on an accelerated clock. */
  clock?: Clock;
}

@Module({})
export class RegistrationModule {
  static forRoot(config: RegistrationEnv, options: RegistrationModuleOptions = {}): DynamicModule {
    const worker = config.ROLE.includes('worker');
    const providers: Provider[] = [
      { provide: REGISTRATION_CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      SeatOverviewUseCase,
      { provide: LinkTokens, useFactory: () => new LinkTokens(linkSecretOf(config)) },
      { provide: AccessTokens, useFactory: () => new AccessTokens(linkSecretOf(config)) },
      {
        provide: ParticipantLinks,
        useFactory: (tokens: LinkTokens) => new ParticipantLinks(tokens, config.PUBLIC_BASE_URL),
        inject: [LinkTokens],
      },
      { provide: FeedbackVault, useFactory: () => new FeedbackVault(linkSecretOf(config)) },
      {
        provide: RegistrationEvents,
        useFactory: (links: ParticipantLinks) => new RegistrationEvents(links),
        inject: [ParticipantLinks],
      },
      AfterCommitSubscriber,
      RegistrationMetrics,
      TenantDirectoryRepository,
      SessionRepository,
      ParticipantRepository,
      RegistrationRepository,
      IdempotencyRepository,
      FeedbackRepository,
      LinkedRegistrationQuery,
      SeatJobs,
      SeatDecisions,
      SeatTransactions,
      RegisterParticipantUseCase,
      RegistrationContext,
      OutboxWake,
      RegisterForSessionsUseCase,
      ReadRegistrationUseCase,
      CancelRegistrationUseCase,
      RespondToOfferUseCase,
      RecordAttendanceUseCase,
      MoveRegistrationUseCase,
      SubmitFeedbackUseCase,
      ReleaseFeedbackUseCase,
      ListSessionRegistrationsUseCase,
      RequestAccessLinkUseCase,
      ReadOwnRegistrationsUseCase,
      UpdateOwnDetailsUseCase,
      ParticipantErasureRepository,
      EraseParticipantUseCase,
      EraseDormantParticipantsUseCase,
      PromoteWaitlistUseCase,
      ExpireOfferUseCase,
      CloseAttendanceUseCase,
      SweepUseCase,
      RecordPublishedSessionUseCase,
      RescheduleSessionUseCase,
      ResizeSessionUseCase,
      CancelSessionUseCase,
      CompleteSessionUseCase,
      CatalogEventsConsumer,
      ...PAPERWORK_PROVIDERS,
      // The worker role runs the seat jobs and the sweep; the others only enqueue.
      ...(worker ? [SeatJobsProcessor, SweepRunner, RetentionRunner] : []),
    ];
    return {
      module: RegistrationModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'registration',
          config,
          entities: REGISTRATION_ENTITIES,
          consumes: [Topic.Catalog],
          jobs: true,
        }),
        BullModule.registerQueue({ name: RegistrationQueue.Seats }),
      ],
      controllers: [
        PublicRegistrationsController,
        ParticipantLinksController,
        ParticipantAccessController,
        ParticipantErasureController,
        SessionRegistrationsController,
        RegistrationsController,
        SeatOverviewController,
        ...PAPERWORK_CONTROLLERS,
      ],
      providers,
    };
  }
}
