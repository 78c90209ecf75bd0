import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Metric,
  Registry,
} from 'prom-client';

/**
 * This process's Prometheus registry: default Node metrics, a `service` label on every series,
 * and get-or-create helpers so several modules can ask for the same metric by name.
 */
export class MetricsService {
  readonly registry = new Registry();

  constructor(options: { service: string; defaultMetrics?: boolean }) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  counter<T extends string>(config: Omit<CounterConfiguration<T>, 'registers'>): Counter<T> {
    return this.getOrCreate(
      config.name,
      Counter,
      () => new Counter({ ...config, registers: [this.registry] }),
    );
  }

  gauge<T extends string>(config: Omit<GaugeConfiguration<T>, 'registers'>): Gauge<T> {
    return this.getOrCreate(config.name, Gauge, () => new Gauge({ ...config, registers: [this.registry] }));
  }

  histogram<T extends string>(config: Omit<HistogramConfiguration<T>, 'registers'>): Histogram<T> {
    return this.getOrCreate(
      config.name,
      Histogram,
      () => new Histogram({ ...config, registers: [this.registry] }),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M {
    const existing = this.registry.getSingleMetric(name);
    if (!existing) return create();
    if (!(existing instanceof kind)) throw new Error(`Metric ${name} already exists with another type`);
    return existing;
  }
}
