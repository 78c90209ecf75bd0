import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { ReportingReadModels1763940000000 } from '../read-models/infrastructure/migrations/reporting-read-models.migration';
import { PaymentsCollected1764600000000 } from '../payments/infrastructure/migrations/payments-collected.migration';
import { ReportingRollups1764700000000 } from '../read-models/infrastructure/migrations/reporting-rollups.migration';
import { ReportingScopeRollups1764800000000 } from '../read-models/infrastructure/migrations/reporting-scope-rollups.migration';
import { ReportingPeriodDistinctCounts1764900000000 } from '../read-models/infrastructure/migrations/reporting-period-distinct-counts.migration';
import { SurveysSchema1764500000000 } from '../surveys/infrastructure/migrations/surveys-schema.migration';

/** Every migration of the reporting database, in order. */
export const REPORTING_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  ReportingReadModels1763940000000,
  SurveysSchema1764500000000,
  PaymentsCollected1764600000000,
  ReportingRollups1764700000000,
  ReportingScopeRollups1764800000000,
  ReportingPeriodDistinctCounts1764900000000,
];
