import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { ResourceNotFoundError } from '../common/catalog-errors';
import { TenantDirectoryEntryDto, TenantResponseDto } from '../common/catalog-response-schemas';
import { idOf } from '../common/id.pipe';
import { mayManageTenant } from './domain/tenant-access';
import { CreateTenantDto, UpdateTenantDto } from './dto/tenant.request.dto';
import { tenantDirectoryResponse, tenantResponse } from './dto/tenant.response.dto';
import { CreateTenantUseCase } from './use-cases/create-tenant/create-tenant.use-case';
import { ReadTenantsUseCase } from './use-cases/read-tenants/read-tenants.use-case';
import { UpdateTenantSettingsUseCase } from './use-cases/update-tenant-settings/update-tenant-settings.use-case';

@ApiTags('tenants')
@Controller('tenants')
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenantUseCase,
    private readonly updateSettings: UpdateTenantSettingsUseCase,
    private readonly readTenants: ReadTenantsUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Onboard a CPTS (platform admin); publishes catalog.tenant.created' })
  @ApiCreatedResponse({ type: TenantResponseDto })
  async create(@Body() body: CreateTenantDto) {
    return tenantResponse(await this.createTenant.execute(body));
  }

  @Get()
  @Authenticated(Role.PlatformAdmin, Role.Coordinator)
  @ApiOperation({ summary: 'Every CPTS (platform admin) or your own (coordinator)' })
  @ApiOkResponse({ type: [TenantDirectoryEntryDto] })
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.readTenants.list(principal)).map(tenantDirectoryResponse);
  }

  @Get(':id')
  @Authenticated(Role.PlatformAdmin, Role.Coordinator)
  @ApiOperation({ summary: "A CPTS's settings (platform admin, or its own coordinator)" })
  @ApiOkResponse({ type: TenantResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('tenant')) id: string) {
    return tenantResponse(await this.readTenants.one(principal, id));
  }

  @Patch(':id')
  @Authenticated(Role.PlatformAdmin, Role.Coordinator)
  @ApiOperation({
    summary: 'Change settings; publishes catalog.tenant.settings-changed with the complete settings',
  })
  @ApiOkResponse({ type: TenantResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('tenant')) id: string,
    @Body() body: UpdateTenantDto,
  ) {
    if (!mayManageTenant(principal, id)) throw new ResourceNotFoundError('tenant');
    return tenantResponse(await this.updateSettings.execute({ tenantId: id, changes: body }));
  }
}
