import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Region } from '@respire/contracts';
import { Authenticated, Role } from '@respire/tenancy';
import { idOf, RegionPipe } from '../common/principal';
import { EndedSessionsDto } from '../staff/dto/staff.dto';
import { CreateFunderDto, FunderResponseDto, funderResponse } from './dto/funder.dto';
import { ManageFundersUseCase } from './use-cases/manage-funders/manage-funders.use-case';

/**
 * Funder accounts (an ARS), one region each, managed by the platform operator only: a CPTS's
 * coordinator cannot give anybody a view over the region.
 */
@ApiTags('funders')
@Controller('regions/:region/funders')
@Authenticated(Role.PlatformAdmin)
export class FundersController {
  constructor(private readonly manage: ManageFundersUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a funder account for a region (platform admin); it is told where to sign in',
  })
  @ApiCreatedResponse({ type: FunderResponseDto })
  async create(@Param('region', RegionPipe) region: Region, @Body() body: CreateFunderDto) {
    return funderResponse(await this.manage.create(region, body));
  }

  @Get()
  @ApiOperation({ summary: 'The funder accounts of a region (platform admin)' })
  @ApiOkResponse({ type: [FunderResponseDto] })
  async list(@Param('region', RegionPipe) region: Region) {
    return (await this.manage.list(region)).map(funderResponse);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a funder account (its sessions end)' })
  async remove(@Param('region', RegionPipe) region: Region, @Param('id', idOf('funder')) id: string) {
    await this.manage.remove(region, id);
  }

  @Post(':id/sign-out')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of a funder (their access tokens lapse within minutes)' })
  @ApiOkResponse({ type: EndedSessionsDto })
  async endSessions(@Param('region', RegionPipe) region: Region, @Param('id', idOf('funder')) id: string) {
    return { ended: await this.manage.endSessions(region, id) };
  }
}
