import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { ImportReportDto, ProgrammeResponseDto } from '../common/catalog-response-schemas';
import { idOf } from '../common/id.pipe';
import { ListQueryDto } from '../common/list-query.dto';
import { importBodySchema, ImportQueryDto } from './dto/import.dto';
import { CreateProgrammeDto, programmeResponse, UpdateProgrammeDto } from './dto/programme.dto';
import { ImportProgrammeUseCase } from './use-cases/import-programme/import-programme.use-case';
import { ManageProgrammesUseCase } from './use-cases/manage-programmes/manage-programmes.use-case';

@ApiTags('programmes')
@Controller('programmes')
@Authenticated(Role.Coordinator)
export class ProgrammesController {
  constructor(
    private readonly programmes: ManageProgrammesUseCase,
    private readonly importProgramme: ImportProgrammeUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a programme; publishes catalog.programme.created' })
  @ApiCreatedResponse({ type: ProgrammeResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateProgrammeDto) {
    return programmeResponse(await this.programmes.create(tenantOf(principal), body));
  }

  @Get()
  @ApiOperation({ summary: "The tenant's programmes (live ones unless includeArchived=true)" })
  @ApiOkResponse({ type: [ProgrammeResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListQueryDto) {
    return (await this.programmes.list(tenantOf(principal), query.includeArchived)).map(programmeResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme' })
  @ApiOkResponse({ type: ProgrammeResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('programme')) id: string) {
    return programmeResponse(await this.programmes.get(tenantOf(principal), id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a programme; publishes catalog.programme.updated' })
  @ApiOkResponse({ type: ProgrammeResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('programme')) id: string,
    @Body() body: UpdateProgrammeDto,
  ) {
    return programmeResponse(await this.programmes.update(tenantOf(principal), id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a programme (refused while it has upcoming published sessions)' })
  @ApiOkResponse({ type: ProgrammeResponseDto })
  async archive(@CurrentPrincipal() principal: Principal, @Param('id', idOf('programme')) id: string) {
    return programmeResponse(await this.programmes.archive(tenantOf(principal), id));
  }

  @Post(':id/import')
  @ApiOperation({
    summary:
      'Load sessions from a CSV file (activity, category, date, start, end, venue, capacity); dryRun=true lists errors by line and writes nothing',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'string',
          example:
            'activité;catégorie;date;début;fin;lieu;capacité\nCardio boxing;Énergie & Mouvement;22/01/2027;18h30;19h30;Association Le Don du Souffle;15',
        },
        { type: 'object', properties: { csv: { type: 'string' } }, required: ['csv'] },
      ],
    },
  })
  @ApiOkResponse({ type: ImportReportDto, description: 'dry run' })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'imported' })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('programme')) id: string,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = importBodySchema.parse(body);
    const report = await this.importProgramme.execute({
      tenantId: tenantOf(principal),
      programmeId: id,
      csv,
      dryRun: query.dryRun,
      publish: query.publish,
    });
    void reply.status(query.dryRun ? 200 : 201);
    return report;
  }
}
