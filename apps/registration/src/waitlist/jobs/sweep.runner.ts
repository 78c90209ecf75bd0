import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepReport | null> | null = null;
  private stopped = false;

  constructor(
    private readonly sweep: SweepUseCase,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  onApplicationBootstrap(): void {
    void this.runOnce();
    this.timer = setInterval(
      () => void this.runOnce(),
      this.config.REGISTRATION_SWEEP_INTERVAL_SECONDS * 1000,
    );
    this.timer.unref();
  }

  /** One sweep (or the one already running). */
  runOnce(): Promise<SweepReport | null> {
    if (this.stopped) return Promise.resolve(null);
    this.running ??= this.sweep
      .execute()
      .then((report) => {
        const repaired =
          report.offersExpired + report.sessionsPromoted + report.attendanceClosed + report.feedbackReleased;
        if (repaired > 0 || report.failures > 0) this.logger.log(`sweep: ${JSON.stringify(report)}`);
        return report;
      })
      .catch((error: Error) => {
        this.logger.warn(`sweep failed: ${error.message}`);
        return null;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
