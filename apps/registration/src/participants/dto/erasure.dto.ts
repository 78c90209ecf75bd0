import { createDocumentedDto } from '@respire/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { linkTokenSchema } from '../../registrations/dto/registration.request.dto';

export class ParticipantParamsDto extends createZodDto(
  z.object({ id: z.uuid({ error: 'L’identifiant de la personne doit être un UUID' }) }),
) {}

/** The token of the mailed "my registrations" link proves the address is theirs. */
export class OwnErasureDto extends createZodDto(linkTokenSchema) {}

export class ErasureAnswerDto extends createDocumentedDto(
  z.object({
    participantId: z.uuid(),
    erasedAt: z
      .string()
      .describe('ISO instant the personal data was erased (the first time, when asked again)'),
  }),
) {}
