import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@respire/platform';
import { EraseDormantParticipantsUseCase } from '../use-cases/erase-dormant-participants/erase-dormant-participants.use-case';

const HOURLY = 3600_000;

/** The worker erases participants past their retention period at start and every hour (a plain timer, as the sweep). */
@Injectable()
export class RetentionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly task: PeriodicTask<number | null>;

  constructor(eraseDormant: EraseDormantParticipantsUseCase) {
    this.task = new PeriodicTask<number | null>(() => eraseDormant.execute(), {
      fallback: null,
      onError: (error) => this.logger.warn(`retention failed, next try in an hour: ${error.message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start(HOURLY);
  }

  runOnce(): Promise<number | null> {
    return this.task.runOnce();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
