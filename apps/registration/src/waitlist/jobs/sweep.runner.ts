import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@respire/platform';
import { RegistrationEnv } from '../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../config/registration-config';
import { SweepReport, SweepUseCase } from '../use-cases/sweep/sweep.use-case';

/**
 * Runs the sweep when the worker starts and every REGISTRATION_SWEEP_INTERVAL_SECONDS after.
 * A plain timer, not a repeatable BullMQ job: it must keep running when Redis lost its keys,
 * which is precisely when it is needed.
 */
@Injectable()
export class SweepRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweep');
  private readonly task: PeriodicTask<SweepReport | null>;

  constructor(
    private readonly sweep: SweepUseCase,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {
    this.task = new PeriodicTask<SweepReport | null>(() => this.sweepAndReport(), {
      fallback: null,
      onError: (error) => this.logger.warn(`sweep failed: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start(this.config.REGISTRATION_SWEEP_INTERVAL_SECONDS * 1000);
  }

  /** One sweep (or the one already running). */
  runOnce(): Promise<SweepReport | null> {
    return this.task.runOnce();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async sweepAndReport(): Promise<SweepReport> {
    const report = await this.sweep.execute();
    const repaired =
      report.offersExpired + report.sessionsPromoted + report.attendanceClosed + report.feedbackReleased;
    if (repaired > 0 || report.failures > 0) this.logger.log(`sweep: ${JSON.stringify(report)}`);
    return report;
  }
}
