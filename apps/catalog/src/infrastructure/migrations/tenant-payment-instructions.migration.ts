import { columnAdded } from './column-added';

/**
 * How participants pay a session with a price (libs/contracts paymentInstructionsSchema). NULL
 * reads as TENANT_DEFAULTS.paymentInstructions (the one definition), so no default is written here.
 */
export const TenantPaymentInstructions1764600000002 = columnAdded(
  'TenantPaymentInstructions1764600000002',
  'tenants',
  'payment_instructions',
  'jsonb',
);
