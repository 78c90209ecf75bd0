import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { MetricsService } from '@respire/platform';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * Queue depths by state (read at scrape time) and job durations and outcomes, for every BullMQ
 * queue and processor registered in this process. Labelled by queue, never by tenant.
 */
@Injectable()
export class JobsMetrics implements OnApplicationBootstrap {
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
    }
  }
}
