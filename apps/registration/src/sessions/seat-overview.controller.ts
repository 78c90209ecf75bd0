import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createDocumentedDto } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SeatOverviewUseCase, SessionSeats } from './use-cases/seat-overview/seat-overview.use-case';

const MAX_DAYS = 120;

class SeatOverviewQueryDto extends createZodDto(
  z
    .object({
      from: z.iso.datetime({ offset: true }).describe('sessions starting at or after this instant'),
      to: z.iso.datetime({ offset: true }).describe('…and before this one (at most 120 days later)'),
    })
    .refine((q) => Date.parse(q.to) > Date.parse(q.from), { path: ['to'], message: 'to doit suivre from' })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000, {
      path: ['to'],
      message: `période de ${MAX_DAYS} jours au plus`,
    }),
) {}

const sessionSeatsSchema = z.object({
  sessionId: z.uuid(),
  status: z.string(),
  startsAt: z.string(),
  capacity: z.number().int(),
  seatsHeld: z.number().int().describe('confirmed + offered'),
  confirmed: z.number().int().describe('holding a place (attendance included)'),
  offered: z.number().int(),
  waitlisted: z.number().int(),
  nextOfferExpiresAt: z.string().nullable(),
});

class SessionSeatsDto extends createDocumentedDto(sessionSeatsSchema) {}

function sessionSeatsResponse(seats: SessionSeats): z.infer<typeof sessionSeatsSchema> {
  return {
    ...seats,
    startsAt: seats.startsAt.toISOString(),
    nextOfferExpiresAt: seats.nextOfferExpiresAt?.toISOString() ?? null,
  };
}

/** Seats, offers and waitlists of a period's sessions, for the coordinators' dashboard. */
@ApiTags('sessions')
@Controller('session-seats')
export class SeatOverviewController {
  constructor(private readonly overview: SeatOverviewUseCase) {}

  @Get()
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'Per published session starting in [from, to): places held, offers pending, waitlist length',
  })
  @ApiOkResponse({ type: [SessionSeatsDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: SeatOverviewQueryDto) {
    const seats = await this.overview.execute(principal.tenantId!, new Date(query.from), new Date(query.to));
    return seats.map(sessionSeatsResponse);
  }
}
