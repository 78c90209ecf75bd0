import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { idOf } from '../common/principal';
import {
  CreateStaffDto,
  EndedSessionsDto,
  StaffResponseDto,
  staffResponse,
  UpdateStaffDto,
} from './dto/staff.dto';
import { ManageStaffUseCase } from './use-cases/manage-staff/manage-staff.use-case';

@ApiTags('staff')
@Controller('staff')
@Authenticated(Role.Coordinator)
export class StaffController {
  constructor(private readonly manage: ManageStaffUseCase) {}

  @Get()
  @ApiOperation({ summary: 'The CPTS’s team (coordinators and facilitators)' })
  @ApiOkResponse({ type: [StaffResponseDto] })
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.manage.list(tenantOf(principal))).map(staffResponse);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Invite someone: the account is created and told where to sign in' })
  @ApiCreatedResponse({ type: StaffResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateStaffDto) {
    return staffResponse(await this.manage.create(tenantOf(principal), body));
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('staff')) id: string) {
    return staffResponse(await this.manage.get(tenantOf(principal), id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, address, roles or facilitator link (a change of roles ends their sessions)',
  })
  @ApiOkResponse({ type: StaffResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('staff')) id: string,
    @Body() body: UpdateStaffDto,
  ) {
    return staffResponse(await this.manage.update(tenantOf(principal), id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove someone from the team (their sessions end; the last coordinator stays)' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', idOf('staff')) id: string) {
    await this.manage.remove(tenantOf(principal), id);
  }

  @Post(':id/sign-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of this person (their access tokens lapse within minutes)' })
  @ApiOkResponse({ type: EndedSessionsDto })
  async endSessions(@CurrentPrincipal() principal: Principal, @Param('id', idOf('staff')) id: string) {
    return { ended: await this.manage.endSessions(tenantOf(principal), id) };
  }
}
