import { PracticeMode, Profession } from '@respire/contracts';

export interface UpdateSessionCommand {
  tenantId: string;
  sessionId: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  venueId?: string;
  capacity?: number;
  facilitatorId?: string | null;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  eligibleProfessions?: Profession[];
  eligiblePracticeModes?: PracticeMode[];
  priceCents?: number;
}
