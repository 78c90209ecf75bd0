import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { linkTokenSchema, registerParticipantSchema } from '../../registrations/dto/registration.request.dto';

export const accessLinkRequestSchema = registerParticipantSchema.pick({ email: true });
export class AccessLinkRequestDto extends createZodDto(accessLinkRequestSchema) {}

export const ownDetailsSchema = linkTokenSchema.extend(
  registerParticipantSchema.pick({
    firstName: true,
    lastName: true,
    profession: true,
    practiceMode: true,
    postcode: true,
  }).shape,
);
export class OwnDetailsDto extends createZodDto(ownDetailsSchema) {}

export const accessTokenQuerySchema = linkTokenSchema;
export type OwnDetailsBody = z.output<typeof ownDetailsSchema>;
