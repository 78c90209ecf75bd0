import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import { inSpan, platformEnvSchema, RequestContext, SpanKind, startSpan } from '@respire/platform';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { Role, TenantContext } from '@respire/tenancy';
import { MessagingTables1763900000000 } from '@respire/messaging';
import { startTestService, TestService, waitFor } from '@respire/testing';
import { deterministicJobId, runTenantJob, TenantJobData, withTrace } from '../src';

const seen: { tenantId: string; traceId?: string; correlationId?: string }[] = [];

@Processor('probe')
class ProbeProcessor extends WorkerHost {
  async process(job: Job<TenantJobData & { dropOwnKey?: boolean }>): Promise<void> {
    // The job's hash deleted under the worker, as a Redis flush would: finishing it then fails.
    if (job.data.dropOwnKey) return void (await (await this.worker.client).del(this.worker.toKey(job.id!)));
    await runTenantJob(job, async () => {
      seen.push({
        tenantId: TenantContext.current(),
        traceId: RequestContext.current()?.traceId,
        correlationId: RequestContext.current()?.correlationId,
      });
    });
  }
}

@Injectable()
class ProbeScheduler {
  constructor(@InjectQueue('probe') readonly queue: Queue) {}
}

const env = platformEnvSchema('registration');

@Module({})
class ProbeModule {
  static forRoot(config: typeof env._output) {
    return {
      module: ProbeModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'registration',
          config,
          entities: [],
          consumes: [],
          jobs: true,
        }),
        BullModule.registerQueue({ name: 'probe' }),
      ],
      providers: [ProbeProcessor, ProbeScheduler],
    };
  }
}

describe('jobs on real Redis', () => {
  let service: TestService<unknown>;

  beforeAll(async () => {
    service = await startTestService({
      service: 'registration',
      env,
      module: ProbeModule.forRoot,
      migrations: [MessagingTables1763900000000],
    });
  });
  afterAll(() => service?.close());

  it('runs a job in its tenant, the trace and the correlation id of what scheduled it, and schedules a deterministic id once', async () => {
    const scheduler = service.app.get(ProbeScheduler);
    const tenantId = uuidv7();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const jobId = deterministicJobId('probe', tenantId);
    // Scheduled while handling a request that is part of an incoming trace.
    const request = startSpan('HTTP POST', SpanKind.SERVER, { traceparent });
    await inSpan(request, { correlationId: 'c1' }, () =>
      scheduler.queue.add('probe', withTrace({ tenantId }), { jobId }),
    );
    await scheduler.queue.add('probe', { tenantId }, { jobId }); // the same thing scheduled again
    // Once the job has completed, a second copy would still be waiting, active or completed too.
    const counts = await waitFor(
      () => scheduler.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
      (c) => c.completed >= 1,
      { what: 'the probe job to complete' },
    );
    expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
    expect(seen).toEqual([{ tenantId, traceId: '0af7651916cd43dd8448eb211c80319c', correlationId: 'c1' }]);
  });

  it('reports queue depth and job durations as Prometheus metrics', async () => {
    const metrics = await waitFor(
      () => service.request('GET', '/metrics'),
      (m) => /respire_job_duration_seconds_count\{[^}]*queue="probe"[^}]*outcome="completed"/.test(m.body),
      { what: 'the completed probe job in /metrics' },
    );
    expect(metrics.body).toMatch(/respire_queue_jobs\{[^}]*queue="probe"[^}]*state="completed"[^}]*\} 1/);
    expect(metrics.body).toMatch(
      /respire_job_duration_seconds_count\{[^}]*queue="probe"[^}]*outcome="completed"[^}]*\} 1/,
    );
  });

  it("counts and logs a worker's own errors (a job's keys gone under it)", async () => {
    const scheduler = service.app.get(ProbeScheduler);
    await scheduler.queue.add('probe', { tenantId: uuidv7(), dropOwnKey: true });
    const metrics = await waitFor(
      () => service.request('GET', '/metrics'),
      (m) => /respire_job_worker_errors_total\{[^}]*queue="probe"[^}]*\} [1-9]/.test(m.body),
      { what: 'the worker error in /metrics' },
    );
    expect(metrics.status).toBe(200);
  });

  it('serves the queue dashboard to platform admins only', async () => {
    expect((await service.request('GET', '/admin/queues')).status).toBe(401);
    const coordinator = await service.token(Role.Coordinator, uuidv7());
    expect((await service.request('GET', '/admin/queues', { token: coordinator })).status).toBe(401);
    const admin = await service.token(Role.PlatformAdmin);
    const page = await service.request('GET', '/admin/queues', { token: admin });
    expect(page.status).toBe(200);
    const api = await service.request('GET', '/admin/queues/api/queues', { token: admin });
    expect(JSON.stringify(api.body)).toContain('probe');
  });
});
