import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_UPDATED_V1,
  ActivityUpdatedV1,
  EventEnvelope,
  SESSION_CANCELLED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_COMPLETED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  SessionCancelledV1,
  SessionCapacityChangedV1,
  SessionCompletedV1,
  SessionPublishedV1,
  SessionRescheduledV1,
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
  TenantCreatedV1,
  TenantSettingsChangedV1,
} from '@respire/contracts';
import { EntityManager } from 'typeorm';
import { EventContext, HandleEvent } from '@respire/messaging';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { SessionRepository } from '../infrastructure/session.repository';
import { CancelSessionUseCase } from '../use-cases/cancel-session/cancel-session.use-case';
import { CompleteSessionUseCase } from '../use-cases/complete-session/complete-session.use-case';
import { RecordPublishedSessionUseCase } from '../use-cases/record-published-session/record-published-session.use-case';
import { RescheduleSessionUseCase } from '../use-cases/reschedule-session/reschedule-session.use-case';
import { ResizeSessionUseCase } from '../use-cases/resize-session/resize-session.use-case';
import { ParticipantErasureRepository } from '../../participants/infrastructure/participant-erasure.repository';

/** What this service keeps of the catalog: tenants' seat settings and its copy of each session. */
@Injectable()
export class CatalogEventsConsumer {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly recordPublished: RecordPublishedSessionUseCase,
    private readonly reschedule: RescheduleSessionUseCase,
    private readonly resize: ResizeSessionUseCase,
    private readonly cancel: CancelSessionUseCase,
    private readonly complete: CompleteSessionUseCase,
    private readonly retention: ParticipantErasureRepository,
  ) {}

  @HandleEvent(TENANT_CREATED_V1)
  async onTenantCreated(event: EventEnvelope<TenantCreatedV1>, { manager }: EventContext): Promise<void> {
    await this.tenants.saveCreated(manager, event.data.tenantId, event.data.slug, event.data);
    await this.saveRetentionAndPayment(manager, event.data);
  }

  @HandleEvent(TENANT_SETTINGS_CHANGED_V1)
  async onTenantSettingsChanged(
    event: EventEnvelope<TenantSettingsChangedV1>,
    { manager }: EventContext,
  ): Promise<void> {
    await this.tenants.saveSettings(manager, event.data.tenantId, event.data);
    await this.saveRetentionAndPayment(manager, event.data);
  }

  /** What a tenant's creation and its settings changes both carry beyond the seat settings. */
  private async saveRetentionAndPayment(
    manager: EntityManager,
    settings: TenantCreatedV1 | TenantSettingsChangedV1,
  ): Promise<void> {
    await this.retention.saveRetention(
      manager,
      settings.tenantId,
      settings.retention?.participantMonths ?? null,
    );
    await this.tenants.savePaymentInstructions(manager, settings.tenantId, settings.paymentInstructions);
  }

  @HandleEvent(SESSION_PUBLISHED_V1)
  async onSessionPublished(
    event: EventEnvelope<SessionPublishedV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.recordPublished.execute(manager, tenantId, event.data, event.id);
  }

  @HandleEvent(SESSION_RESCHEDULED_V1)
  async onSessionRescheduled(
    event: EventEnvelope<SessionRescheduledV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.reschedule.execute(manager, tenantId, event.data);
  }

  @HandleEvent(SESSION_CAPACITY_CHANGED_V1)
  async onCapacityChanged(
    event: EventEnvelope<SessionCapacityChangedV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.resize.execute(manager, tenantId, event.data, event.id);
  }

  @HandleEvent(SESSION_CANCELLED_V1)
  async onSessionCancelled(
    event: EventEnvelope<SessionCancelledV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.cancel.execute(manager, tenantId, event.data, event.id, event.correlationId);
  }

  @HandleEvent(SESSION_COMPLETED_V1)
  async onSessionCompleted(
    event: EventEnvelope<SessionCompletedV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.complete.execute(manager, tenantId, event.data.sessionId);
  }

  /** Sessions show their activity's title and confidential flag. */
  @HandleEvent(ACTIVITY_UPDATED_V1)
  async onActivityUpdated(
    event: EventEnvelope<ActivityUpdatedV1>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    await this.sessions.renameActivity(
      manager,
      tenantId,
      event.data.activityId,
      event.data.title,
      event.data.confidential,
    );
  }
}
