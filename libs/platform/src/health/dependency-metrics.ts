import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { ReadinessRegistry } from './readiness.registry';

/**
 * `respire_dependency_up{dependency}`: each readiness check's outcome at scrape time, required
 * or not. Kafka or Redis being away keeps the pods in service; this is what alerts on it.
 */
@Injectable()
export class DependencyMetrics implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const readiness = this.readiness;
    this.metrics.gauge({
      name: 'respire_dependency_up',
      help: 'Whether a dependency (database, kafka, redis) answered its readiness check at scrape time (1) or not (0)',
      labelNames: ['dependency'],
      async collect() {
        const { checks } = await readiness.run(1000);
        for (const [dependency, check] of Object.entries(checks)) this.set({ dependency }, check.ok ? 1 : 0);
      },
    });
  }
}
