import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { ActivityResponseDto } from '../common/catalog-response-schemas';
import { CreateSlotsDto } from '../sessions/dto/slots.request.dto';
import { sessionResponse } from '../sessions/dto/session.response.dto';
import { SeriesResponseDto } from '../sessions/dto/session.response-schema';
import { CreateSlotsUseCase } from '../sessions/use-cases/create-slots/create-slots.use-case';
import { idOf } from '../common/id.pipe';
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
  constructor(
    private readonly activities: ManageActivitiesUseCase,
    private readonly createSlots: CreateSlotsUseCase,
  ) {}

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

  @Post(':id/slots')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Individual support: slots in one call (e.g. every Tuesday 14:00–17:00 in 45-minute slots for six weeks), capacity 1 by default, all or none',
  })
  @ApiCreatedResponse({ type: SeriesResponseDto })
  async slots(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('activity')) id: string,
    @Body() body: CreateSlotsDto,
  ) {
    const sessions = await this.createSlots.execute({
      tenantId: tenantOf(principal),
      activityId: id,
      ...body,
    });
    return { sessions: sessions.map(sessionResponse) };
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an activity (refused while it has upcoming published sessions)' })
  @ApiOkResponse({ type: ActivityResponseDto })
  async archive(@CurrentPrincipal() principal: Principal, @Param('id', idOf('activity')) id: string) {
    return activityResponse(await this.activities.archive(tenantOf(principal), id));
  }
}
