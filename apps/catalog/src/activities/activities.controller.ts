import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { ActivityResponseDto } from '../common/catalog-response-schemas';
import { idOf } from '../common/id.pipe';
import { tenantOf } from '../common/principal';
import {
  activityResponse,
  CreateActivityDto,
  ListActivitiesQueryDto,
  UpdateActivityDto,
} from './dto/activity.dto';
import { ManageActivitiesUseCase } from './use-cases/manage-activities/manage-activities.use-case';

@ApiTags('activities')
@Controller('activities')
@Authenticated(Role.Coordinator)
export class ActivitiesController {
  constructor(private readonly activities: ManageActivitiesUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an activity; publishes catalog.activity.created' })
  @ApiCreatedResponse({ type: ActivityResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateActivityDto) {
    return activityResponse(await this.activities.create(tenantOf(principal), body));
  }

  @Get()
  @ApiOperation({ summary: "The tenant's activities, by programme or category" })
  @ApiOkResponse({ type: [ActivityResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListActivitiesQueryDto) {
    return (await this.activities.list(tenantOf(principal), query)).map(activityResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One activity' })
  @ApiOkResponse({ type: ActivityResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('activity')) id: string) {
    return activityResponse(await this.activities.get(tenantOf(principal), id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an activity; publishes catalog.activity.updated' })
  @ApiOkResponse({ type: ActivityResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('activity')) id: string,
    @Body() body: UpdateActivityDto,
  ) {
    return activityResponse(await this.activities.update(tenantOf(principal), id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an activity (refused while it has upcoming published sessions)' })
  @ApiOkResponse({ type: ActivityResponseDto })
  async archive(@CurrentPrincipal() principal: Principal, @Param('id', idOf('activity')) id: string) {
    return activityResponse(await this.activities.archive(tenantOf(principal), id));
  }
}
