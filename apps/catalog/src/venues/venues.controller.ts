import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { VenueResponseDto } from '../common/catalog-response-schemas';
import { idOf } from '../common/id.pipe';
import { ListQueryDto } from '../common/list-query.dto';
import { CreateVenueDto, UpdateVenueDto, venueResponse } from './dto/venue.dto';
import { ManageVenuesUseCase } from './use-cases/manage-venues/manage-venues.use-case';

@ApiTags('venues')
@Controller('venues')
@Authenticated(Role.Coordinator)
export class VenuesController {
  constructor(private readonly venues: ManageVenuesUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a venue' })
  @ApiCreatedResponse({ type: VenueResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateVenueDto) {
    return venueResponse(await this.venues.create(tenantOf(principal), body));
  }

  @Get()
  @ApiOperation({ summary: "The tenant's venues (live ones unless includeArchived=true)" })
  @ApiOkResponse({ type: [VenueResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListQueryDto) {
    return (await this.venues.list(tenantOf(principal), query.includeArchived)).map(venueResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One venue' })
  @ApiOkResponse({ type: VenueResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('venue')) id: string) {
    return venueResponse(await this.venues.get(tenantOf(principal), id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a venue (name, address, notes)' })
  @ApiOkResponse({ type: VenueResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('venue')) id: string,
    @Body() body: UpdateVenueDto,
  ) {
    return venueResponse(await this.venues.update(tenantOf(principal), id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a venue (refused while upcoming published sessions use it)' })
  @ApiOkResponse({ type: VenueResponseDto })
  async archive(@CurrentPrincipal() principal: Principal, @Param('id', idOf('venue')) id: string) {
    return venueResponse(await this.venues.archive(tenantOf(principal), id));
  }
}
