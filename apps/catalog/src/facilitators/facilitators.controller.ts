import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { FacilitatorResponseDto } from '../common/catalog-response-schemas';
import { idOf } from '../common/id.pipe';
import { ListQueryDto } from '../common/list-query.dto';
import { CreateFacilitatorDto, facilitatorResponse, UpdateFacilitatorDto } from './dto/facilitator.dto';
import { ManageFacilitatorsUseCase } from './use-cases/manage-facilitators/manage-facilitators.use-case';

@ApiTags('facilitators')
@Controller('facilitators')
@Authenticated(Role.Coordinator)
export class FacilitatorsController {
  constructor(private readonly facilitators: ManageFacilitatorsUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a facilitator (intervenant)' })
  @ApiCreatedResponse({ type: FacilitatorResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFacilitatorDto) {
    return facilitatorResponse(await this.facilitators.create(tenantOf(principal), body));
  }

  @Get()
  @ApiOperation({ summary: "The tenant's facilitators (live ones unless includeArchived=true)" })
  @ApiOkResponse({ type: [FacilitatorResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListQueryDto) {
    return (await this.facilitators.list(tenantOf(principal), query.includeArchived)).map(
      facilitatorResponse,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One facilitator' })
  @ApiOkResponse({ type: FacilitatorResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('facilitator')) id: string) {
    return facilitatorResponse(await this.facilitators.get(tenantOf(principal), id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a facilitator' })
  @ApiOkResponse({ type: FacilitatorResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('facilitator')) id: string,
    @Body() body: UpdateFacilitatorDto,
  ) {
    return facilitatorResponse(await this.facilitators.update(tenantOf(principal), id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a facilitator (refused while they lead upcoming published sessions)' })
  @ApiOkResponse({ type: FacilitatorResponseDto })
  async archive(@CurrentPrincipal() principal: Principal, @Param('id', idOf('facilitator')) id: string) {
    return facilitatorResponse(await this.facilitators.archive(tenantOf(principal), id));
  }
}
