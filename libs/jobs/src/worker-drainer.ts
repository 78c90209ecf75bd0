import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * On shutdown, lets every BullMQ worker finish its active jobs before anything they use closes.
 * @nestjs/bullmq closes workers in onApplicationShutdown, the same phase in which the database
 * pool, the Redis connections and the SMTP transport close: a job still running then fails
 * half-way (a mail sent but not recorded). Closing here, one phase earlier, orders it.
 */
@Injectable()
export class WorkerDrainer implements BeforeApplicationShutdown {
  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return []; // never started (ROLE without worker)
        }
      });
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
