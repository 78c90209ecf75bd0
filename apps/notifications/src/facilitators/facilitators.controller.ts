import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal, Principal, Role, runInTenantTransaction } from '@respire/tenancy';
import { FacilitatorContactRepository } from './infrastructure/facilitator-contact.repository';

export class PutFacilitatorContactDto extends createZodDto(
  z.object({ name: z.string().trim().min(1).max(200), email: z.email() }).strict(),
) {}

@ApiTags('facilitators')
@Controller('facilitators')
export class FacilitatorsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: FacilitatorContactRepository,
  ) {}

  @Put(':facilitatorId/contact')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: "Where a facilitator's attendee list is sent the day before their sessions",
    description: 'Stopgap: the catalog events (v1) name facilitators by id only, without an address.',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('facilitatorId', new ParseUUIDPipe()) facilitatorId: string,
    @Body() body: PutFacilitatorContactDto,
  ) {
    const tenantId = principal.tenantId!;
    await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.contacts.save(manager, tenantId, { facilitatorId, name: body.name, email: body.email }),
    );
    return { facilitatorId, name: body.name, email: body.email };
  }
}
