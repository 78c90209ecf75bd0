import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { runTenantJob } from '@respire/jobs';
import { JobName, NotificationQueue, SendBatchJob, SendDeliveryJob } from '../../infrastructure/queues';
import { BatchOutcome, SendBatchUseCase } from '../use-cases/send-batch/send-batch.use-case';
import { SendDeliveryUseCase, SendOutcome } from '../use-cases/send-delivery/send-delivery.use-case';

/**
 * Runs the send of one delivery (job id = delivery id), or of a batch due at one time. Worker
 * options are set by NotificationsModule.forRoot.
 */
@Processor(NotificationQueue.Send)
export class SendDeliveryProcessor extends WorkerHost {
  constructor(
    private readonly send: SendDeliveryUseCase,
    private readonly batch: SendBatchUseCase,
  ) {
    super();
  }

  process(job: Job<SendDeliveryJob | SendBatchJob>): Promise<SendOutcome | BatchOutcome> {
    if (job.name === (JobName.SendBatch as string))
      return runTenantJob(job as Job<SendBatchJob>, (data) => this.batch.execute(data));
    return runTenantJob(job as Job<SendDeliveryJob>, (data) =>
      this.send.execute({ tenantId: data.tenantId, deliveryId: data.deliveryId }),
    );
  }
}
