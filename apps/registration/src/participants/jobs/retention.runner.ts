import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EraseDormantParticipantsUseCase } from '../use-cases/erase-dormant-participants/erase-dormant-participants.use-case';

const HOURLY = 3600_000;

/** The worker erases participants past their retention period at start and every hour (a plain timer, as the sweep). */
@Injectable()
export class RetentionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number | null> | null = null;
  private stopped = false;

  constructor(private readonly eraseDormant: EraseDormantParticipantsUseCase) {}

  onApplicationBootstrap(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), HOURLY);
    this.timer.unref();
  }

  runOnce(): Promise<number | null> {
    if (this.stopped) return Promise.resolve(null);
    this.running ??= this.eraseDormant
      .execute()
      .catch((error: Error) => {
        this.logger.warn(`retention failed, next try in an hour: ${error.message}`);
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
