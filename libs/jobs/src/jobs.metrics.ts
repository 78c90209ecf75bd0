import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { MetricsService } from '@respire/platform';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * Queue depths by state (read at scrape time) and job durations and outcomes, for every BullMQ
 * queue and processor registered in this process. Labelled by queue, never by tenant. A worker's
 * own errors (Redis lost, a job's keys gone under it) are counted and logged: BullMQ emits them
 * as 'error' events, which nothing else listens to.
 */
@Injectable()
export class JobsMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const instances = this.discovery.getProviders().map((wrapper) => wrapper.instance as unknown);
    const queues = instances.filter((instance): instance is Queue => instance instanceof Queue);
    this.metrics.gauge({
      name: 'respire_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state',
      labelNames: ['queue', 'state'],
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const duration = this.metrics.histogram({
      name: 'respire_job_duration_seconds',
      help: 'Time BullMQ jobs took to run, by queue and outcome',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    });
    const workerErrors = this.metrics.counter({
      name: 'respire_job_worker_errors_total',
      help: "Errors BullMQ workers reported outside a job's own failure, by queue",
      labelNames: ['queue'],
    });
    for (const host of instances.filter(
      (instance): instance is WorkerHost => instance instanceof WorkerHost,
    )) {
      let worker;
      try {
        worker = host.worker;
      } catch {
        continue; // processor registered without a worker in this process
      }
      if (!worker) continue;
      const observe =
        (outcome: string) => (job: { processedOn?: number; finishedOn?: number } | undefined) => {
          if (job?.processedOn && job.finishedOn) {
            duration.observe({ queue: worker.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
          }
        };
      worker.on('completed', observe('completed'));
      worker.on('failed', observe('failed'));
      worker.on('error', (error) => {
        workerErrors.inc({ queue: worker.name });
        this.logger.warn(`worker of queue ${worker.name}: ${error.message}`);
      });
    }
  }
}
