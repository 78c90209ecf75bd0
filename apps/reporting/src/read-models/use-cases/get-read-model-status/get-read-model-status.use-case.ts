import { Injectable } from '@nestjs/common';
import { GenerationRepository } from '../../infrastructure/generation.repository';

/** Which read-model generations exist and which one reports read. */
@Injectable()
export class GetReadModelStatusUseCase {
  constructor(private readonly generations: GenerationRepository) {}

  async execute() {
    const generations = await this.generations.list();
    return {
      activeGeneration: generations.find((g) => g.status === 'active')?.generation ?? 0,
      generations: generations.map((g) => ({
        generation: g.generation,
        status: g.status,
        consumerGroup: g.consumerGroup,
        createdAt: g.createdAt.toISOString(),
        activatedAt: g.activatedAt?.toISOString() ?? null,
        retiredAt: g.retiredAt?.toISOString() ?? null,
      })),
    };
  }
}
