import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_CREATED_V1,
  ACTIVITY_UPDATED_V1,
  ActivityCreatedV1,
  EventEnvelope,
  SESSION_CANCELLED_V1,
  SESSION_COMPLETED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  SessionCancelledV1,
  SessionCompletedV1,
  SessionPublishedV1,
  SessionRescheduledV1,
  TENANT_SETTINGS_EVENTS,
  TenantSettingsEvent,
} from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { QueueAlertUseCase } from '../../alerts/use-cases/queue-alert.use-case';
import { ProgrammeSurveyRepository } from '../../surveys/infrastructure/programme-survey.repository';
import { RecordTenantSettingsUseCase } from '../../tenants/use-cases/record-tenant-settings/record-tenant-settings.use-case';
import { RecordSessionUseCase } from '../use-cases/record-session/record-session.use-case';
import { RescheduleSessionUseCase } from '../use-cases/reschedule-session/reschedule-session.use-case';

/** The catalog events this service keeps copies from (tenants, activities, sessions). */
@Injectable()
export class CatalogEventsConsumer {
  constructor(
    private readonly tenantSettings: RecordTenantSettingsUseCase,
    private readonly sessions: RecordSessionUseCase,
    private readonly reschedule: RescheduleSessionUseCase,
    private readonly alerts: QueueAlertUseCase,
    private readonly programmes: ProgrammeSurveyRepository,
  ) {}

  @HandleEvent(TENANT_SETTINGS_EVENTS)
  onTenantSettings(event: TenantSettingsEvent, { manager }: EventContext) {
    return this.tenantSettings.execute(manager, event);
  }

  @HandleEvent(ACTIVITY_CREATED_V1)
  @HandleEvent(ACTIVITY_UPDATED_V1)
  onActivity(event: EventEnvelope<ActivityCreatedV1>, { manager }: EventContext) {
    return this.sessions.activity(manager, event);
  }

  @HandleEvent(SESSION_PUBLISHED_V1)
  async onPublished(event: EventEnvelope<SessionPublishedV1>, { manager }: EventContext) {
    await this.sessions.published(manager, event);
    await this.alerts.published(manager, event);
    await this.programmes.recordSession(
      manager,
      event.tenantId,
      event.data.sessionId,
      event.data.programmeId,
    );
  }

  @HandleEvent(SESSION_RESCHEDULED_V1)
  onRescheduled(event: EventEnvelope<SessionRescheduledV1>, { manager }: EventContext) {
    return this.reschedule.execute(manager, event);
  }

  @HandleEvent(SESSION_CANCELLED_V1)
  onCancelled(event: EventEnvelope<SessionCancelledV1>, { manager }: EventContext) {
    return this.sessions.cancelled(manager, event);
  }

  @HandleEvent(SESSION_COMPLETED_V1)
  onCompleted(event: EventEnvelope<SessionCompletedV1>, { manager }: EventContext) {
    return this.sessions.completed(manager, event);
  }
}
