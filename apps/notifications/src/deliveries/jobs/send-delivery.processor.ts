import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { runTenantJob } from '@respire/jobs';
import { NotificationQueue, SendDeliveryJob } from '../../infrastructure/queues';
import { SendDeliveryUseCase, SendOutcome } from '../use-cases/send-delivery/send-delivery.use-case';

/** Runs the send of one delivery (job id = delivery id). Worker options are set by NotificationsModule.forRoot. */
@Processor(NotificationQueue.Send)
export class SendDeliveryProcessor extends WorkerHost {
  constructor(private readonly send: SendDeliveryUseCase) {
    super();
  }

  process(job: Job<SendDeliveryJob>): Promise<SendOutcome> {
    return runTenantJob(job, (data) =>
      this.send.execute({ tenantId: data.tenantId, deliveryId: data.deliveryId }),
    );
  }
}
