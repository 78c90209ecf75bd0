import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReadModelGeneration } from './read-model-generation';

export type GenerationStatus = 'building' | 'active' | 'retired';

export interface GenerationRecord {
  generation: number;
  status: GenerationStatus;
  consumerGroup: string;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

/** Which read-model generation is live (reports read it, the consumer feeds it). */
@Injectable()
export class GenerationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async active(manager: EntityManager = this.dataSource.manager): Promise<ReadModelGeneration> {
    const rows: { generation: number }[] = await manager.query(
      `SELECT generation FROM reporting_generation WHERE status = 'active'`,
    );
    if (rows.length === 0) throw new Error('No active read-model generation: run the reporting migrations');
    return new ReadModelGeneration(rows[0].generation);
  }

  async list(): Promise<GenerationRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT generation, status, consumer_group, created_at, activated_at, retired_at
         FROM reporting_generation ORDER BY generation`,
    );
    return rows.map((row) => ({
      generation: row.generation as number,
      status: row.status as GenerationStatus,
      consumerGroup: row.consumer_group as string,
      createdAt: row.created_at as Date,
      activatedAt: (row.activated_at as Date | null) ?? null,
      retiredAt: (row.retired_at as Date | null) ?? null,
    }));
  }
}
