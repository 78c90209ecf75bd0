import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { localDate, localTime } from './session.request.dto';

export const createSlotsSchema = z.object({
  firstDate: localDate.describe('the first day (local date); the same weekday repeats each week'),
  weeks: z
    .number()
    .int()
    .min(1, 'au moins 1 semaine')
    .max(52, '52 semaines au plus')
    .describe('how many weeks, e.g. 6'),
  startTime: localTime.describe('opening of the slots each day, e.g. 14:00'),
  endTime: localTime.describe('closing, e.g. 17:00'),
  slotMinutes: z
    .number()
    .int()
    .min(10, '10 minutes au moins')
    .max(480)
    .describe('length of one slot, e.g. 45'),
  capacity: z.number().int().min(1).max(20).optional().describe('seats per slot (default 1)'),
  venueId: z.uuid().optional().describe("default: the activity's venue"),
  facilitatorId: z.uuid().nullable().optional().describe("default: the activity's facilitator"),
  publish: z.boolean().optional().describe('publish at once (default false: drafts)'),
});
export class CreateSlotsDto extends createZodDto(createSlotsSchema) {}
