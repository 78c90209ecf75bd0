import { BullModule, Processor } from '@nestjs/bullmq';
import { AlertLinks } from './alerts/alert-links';
import { AlertMails } from './alerts/alert-mails';
import { AlertScheduler } from './alerts/alert-scheduler';
import { AlertsController } from './alerts/alerts.controller';
import { AlertRepository } from './alerts/infrastructure/alert.repository';
import { ManageAlertUseCase } from './alerts/use-cases/manage-alert.use-case';
import { QueueAlertUseCase } from './alerts/use-cases/queue-alert.use-case';
import { SendAlertDigestUseCase } from './alerts/use-cases/send-alert-digest.use-case';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { CLOCK, systemClock } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from './config/env.schema';
import { EMAIL_CHANNEL, SMS_CHANNEL, UnconfiguredSmsChannel } from './deliveries/channels/delivery-channel';
import { SmtpEmailChannel } from './deliveries/channels/smtp-email.channel';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveryLog } from './deliveries/delivery-log';
import { DeliveryAttempts } from './deliveries/infrastructure/delivery-attempts';
import { DeliveryRepository } from './deliveries/infrastructure/delivery.repository';
import { SendQueue } from './deliveries/infrastructure/send-queue';
import { DeliverySweeper } from './deliveries/jobs/delivery-sweeper';
import { SendDeliveryProcessor } from './deliveries/jobs/send-delivery.processor';
import { SendBatchUseCase } from './deliveries/use-cases/send-batch/send-batch.use-case';
import { SendDeliveryUseCase } from './deliveries/use-cases/send-delivery/send-delivery.use-case';
import { FacilitatorsController } from './facilitators/facilitators.controller';
import { FacilitatorContactRepository } from './facilitators/infrastructure/facilitator-contact.repository';
import { AfterCommitSubscriber } from '@respire/tenancy';
import { OneClickBodyParser } from './infrastructure/http/one-click-body.parser';
import { NOTIFICATIONS_ENTITIES } from './infrastructure/entities';
import { NotificationQueue } from './infrastructure/queues';
import { MessageComposer } from './messages/message-composer';
import { PreferenceRepository } from './preferences/infrastructure/preference.repository';
import { PreferencesController } from './preferences/preferences.controller';
import { UpdatePreferencesUseCase } from './preferences/use-cases/update-preferences/update-preferences.use-case';
import { RegistrationEventsConsumer } from './registrations/consumers/registration-events.consumer';
import { RegistrationRepository } from './registrations/infrastructure/registration.repository';
import { ParticipantNotifier } from './registrations/participant-notifier';
import { RegistrationContext } from './registrations/registration-context';
import { CancelRegistrationUseCase } from './registrations/use-cases/cancel-registration/cancel-registration.use-case';
import { ConfirmRegistrationUseCase } from './registrations/use-cases/confirm-registration/confirm-registration.use-case';
import { EraseParticipantUseCase } from './registrations/use-cases/erase-participant/erase-participant.use-case';
import { NotifyWaitlistUseCase } from './registrations/use-cases/notify-waitlist/notify-waitlist.use-case';
import { AnswerRepeatRequestUseCase } from './registrations/use-cases/answer-repeat-request/answer-repeat-request.use-case';
import { SendAccessLinkUseCase } from './registrations/use-cases/send-access-link/send-access-link.use-case';
import { RecordAttendanceUseCase } from './registrations/use-cases/record-attendance/record-attendance.use-case';
import { ReminderReconciler } from './reminders/jobs/reminder-reconciler';
import { ScheduledMessageProcessor } from './reminders/jobs/scheduled-message.processor';
import { ReminderScheduler } from './reminders/reminder-scheduler';
import { RequestFeedbackUseCase } from './reminders/use-cases/request-feedback/request-feedback.use-case';
import { SendFacilitatorDigestUseCase } from './reminders/use-cases/send-facilitator-digest/send-facilitator-digest.use-case';
import { SendReminderUseCase } from './reminders/use-cases/send-reminder/send-reminder.use-case';
import { CatalogEventsConsumer } from './sessions/consumers/catalog-events.consumer';
import { SessionRepository } from './sessions/infrastructure/session.repository';
import { RecordSessionUseCase } from './sessions/use-cases/record-session/record-session.use-case';
import { RescheduleSessionUseCase } from './sessions/use-cases/reschedule-session/reschedule-session.use-case';
import { TemplateOverrideRepository } from './templates/infrastructure/template-override.repository';
import { TemplateSources } from './templates/template-sources';
import { TemplatesController } from './templates/templates.controller';
import { PreviewTemplateUseCase } from './templates/use-cases/preview-template/preview-template.use-case';
import { SaveTemplateUseCase } from './templates/use-cases/save-template/save-template.use-case';
import { SurveyEventsConsumer } from './surveys/consumers/survey-events.consumer';
import { ProgrammeSurveyRepository } from './surveys/infrastructure/programme-survey.repository';
import { TenantDirectoryRepository } from './tenants/infrastructure/tenant-directory.repository';
import { PrivacyRepository } from './privacy/infrastructure/privacy.repository';
import { DeliveryRetentionRunner } from './privacy/jobs/delivery-retention.runner';
import { SessionMessageRepository } from './session-messages/infrastructure/session-message.repository';
import { SessionMessagesController } from './session-messages/session-messages.controller';
import { SessionMessagesUseCase } from './session-messages/use-cases/session-messages.use-case';
import { RecordTenantSettingsUseCase } from './tenants/use-cases/record-tenant-settings/record-tenant-settings.use-case';

/** Scheduled jobs (reminders, feedback requests, digests) a worker runs at once. */
const SCHEDULED_CONCURRENCY = 200;

const REPOSITORIES = [
  TenantDirectoryRepository,
  SessionRepository,
  RegistrationRepository,
  DeliveryRepository,
  DeliveryAttempts,
  PreferenceRepository,
  TemplateOverrideRepository,
  FacilitatorContactRepository,
  AlertRepository,
  ProgrammeSurveyRepository,
  PrivacyRepository,
  SessionMessageRepository,
];

const USE_CASES = [
  RegistrationContext,
  ParticipantNotifier,
  ConfirmRegistrationUseCase,
  CancelRegistrationUseCase,
  NotifyWaitlistUseCase,
  AnswerRepeatRequestUseCase,
  SendAccessLinkUseCase,
  RecordAttendanceUseCase,
  EraseParticipantUseCase,
  RecordSessionUseCase,
  RescheduleSessionUseCase,
  RecordTenantSettingsUseCase,
  SendDeliveryUseCase,
  SendBatchUseCase,
  SendReminderUseCase,
  RequestFeedbackUseCase,
  SendFacilitatorDigestUseCase,
  SaveTemplateUseCase,
  PreviewTemplateUseCase,
  UpdatePreferencesUseCase,
  ManageAlertUseCase,
  QueueAlertUseCase,
  SendAlertDigestUseCase,
  SessionMessagesUseCase,
];

/**
 * The notifications service. Roles (one image): `consumer` reads catalog and registration
 * events into delivery rows and copies; `worker` sends, fires reminders and runs the sweeps;
 * `http` serves templates, the delivery log and the preferences links; `relay` publishes
 * notifications.delivery-* events.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsEnv): DynamicModule {
    const worker = config.ROLE.includes('worker');
    const workerProviders: Provider[] = [];
    if (worker) {
      const lock = config.NOTIFICATIONS_JOB_LOCK_MS;
      const common = {
        lockDuration: lock,
        stalledInterval: Math.max(1000, Math.floor(lock / 2)),
        maxStalledCount: 3,
      };
      // Worker options come from configuration, so they are set on the processor classes here.
      Processor(NotificationQueue.Send, { ...common, concurrency: config.NOTIFICATIONS_SEND_CONCURRENCY })(
        SendDeliveryProcessor,
      );
      // Many at once: reminders firing together are written in shared transactions (GroupCommit).
      Processor(NotificationQueue.Scheduled, { ...common, concurrency: SCHEDULED_CONCURRENCY })(
        ScheduledMessageProcessor,
      );
      workerProviders.push(
        SendDeliveryProcessor,
        ScheduledMessageProcessor,
        DeliverySweeper,
        ReminderReconciler,
        DeliveryRetentionRunner,
      );
    }
    return {
      module: NotificationsModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'notifications',
          config,
          entities: NOTIFICATIONS_ENTITIES,
          consumes: [Topic.Catalog, Topic.Registration, Topic.Surveys],
          // A burst on one session (one partition) commits once per batch, not once per event.
          eventsPerTransaction: config.NOTIFICATIONS_CONSUMER_BATCH,
          jobs: true,
        }),
        BullModule.registerQueue({ name: NotificationQueue.Send }, { name: NotificationQueue.Scheduled }),
      ],
      controllers: [
        TemplatesController,
        DeliveriesController,
        PreferencesController,
        FacilitatorsController,
        AlertsController,
        SessionMessagesController,
      ],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: EMAIL_CHANNEL,
          useFactory: () => new SmtpEmailChannel(config.SMTP_URL, config.NOTIFICATIONS_SMTP_CONNECTIONS),
        },
        { provide: SMS_CHANNEL, useValue: new UnconfiguredSmsChannel() },
        AfterCommitSubscriber,
        OneClickBodyParser,
        ...REPOSITORIES,
        SendQueue,
        DeliveryLog,
        ReminderScheduler,
        AlertScheduler,
        AlertLinks,
        AlertMails,
        MessageComposer,
        TemplateSources,
        ...USE_CASES,
        CatalogEventsConsumer,
        RegistrationEventsConsumer,
        SurveyEventsConsumer,
        ...workerProviders,
      ],
    };
  }
}
