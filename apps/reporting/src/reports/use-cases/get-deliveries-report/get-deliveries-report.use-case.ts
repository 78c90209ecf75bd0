import { Injectable } from '@nestjs/common';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Messages sent and failed per template and channel (messages, not people: no suppression). */
@Injectable()
export class GetDeliveriesReportUseCase extends ReportUseCase {
  execute(query: ReportQuery) {
    return this.read(query, async (reader, scope, header) => ({
      /** Messages, not people: no protection note. */
      scope: header.scope,
      rows: await reader.deliveries(scope),
    }));
  }
}
