import { Region } from '@respire/contracts';
import { staffFields } from '../../staff/domain/staff-member';

/**
 * A funder (an ARS) reads the regional view of the CPTS of one region, and nothing of any CPTS's
 * own data: the account names a region, never a tenant, and carries the one role `funder`.
 */
export interface Funder {
  region: Region;
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

/** A funder account's fields as the API takes them (the address as a staff member's). */
export const funderFields = {
  email: staffFields.email,
  name: staffFields.name,
};
