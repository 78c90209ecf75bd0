import { Injectable } from '@nestjs/common';
import { csvFilename } from '../../presenters/csv';
import { funderCsv } from '../../presenters/report-csv';
import { GetFunderSummaryUseCase } from '../get-funder-summary/get-funder-summary.use-case';
import { ReportQuery } from '../report.query';

/** The funder report as one CSV file (same figures and protection as /v1/reports/summary). */
@Injectable()
export class ExportFunderReportUseCase {
  constructor(private readonly summary: GetFunderSummaryUseCase) {}

  async execute(query: ReportQuery): Promise<{ filename: string; csv: string }> {
    const report = await this.summary.execute(query);
    return {
      filename: csvFilename('rapport-financeur', report.scope.from, report.scope.to),
      csv: funderCsv(report),
    };
  }
}
