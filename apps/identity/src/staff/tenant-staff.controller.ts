import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Role } from '@respire/tenancy';
import { idOf } from '../common/principal';
import { CreateStaffDto, StaffResponseDto, staffResponse } from './dto/staff.dto';
import { ManageStaffUseCase } from './use-cases/manage-staff/manage-staff.use-case';

/** Onboarding: the platform admin gives a new CPTS its first coordinator. */
@ApiTags('staff')
@Controller('tenants/:tenantId/staff')
export class TenantStaffController {
  constructor(private readonly manage: ManageStaffUseCase) {}

  @Post()
  @HttpCode(201)
  @Authenticated(Role.PlatformAdmin)
  @ApiOperation({
    summary:
      "Create a staff account in a CPTS (platform admin): 404 until identity has learnt of the tenant from catalog's events",
  })
  @ApiCreatedResponse({ type: StaffResponseDto })
  async create(@Param('tenantId', idOf('tenant')) tenantId: string, @Body() body: CreateStaffDto) {
    return staffResponse(await this.manage.create(tenantId, body));
  }
}
