import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authenticated, CurrentPrincipal, Principal, Role, runInTenantTransaction } from '@respire/tenancy';
import { TEMPLATE_CATALOG } from './domain/template-catalog';
import { TemplateNotFoundError } from './domain/template-errors';
import { isTemplateKey, TEMPLATE_KEYS } from './domain/template-key';
import { variablePaths } from './domain/variable-spec';
import { PreviewTemplateDto, PutTemplateDto } from './dto/template.dto';
import {
  SavedTemplateDto,
  TemplateDetailDto,
  TemplateInvalidDto,
  TemplatePreviewDto,
  TemplateSummaryDto,
} from './dto/template.response-schema';
import { TemplateOverrideRepository } from './infrastructure/template-override.repository';
import { PreviewTemplateUseCase } from './use-cases/preview-template/preview-template.use-case';
import { SaveTemplateUseCase } from './use-cases/save-template/save-template.use-case';

@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: TemplateOverrideRepository,
    private readonly save: SaveTemplateUseCase,
    private readonly preview: PreviewTemplateUseCase,
  ) {}

  @Get()
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: "The tenant's message templates: which are its own wording, which the French default",
  })
  @ApiOkResponse({ type: [TemplateSummaryDto] })
  async list(@CurrentPrincipal() principal: Principal) {
    const tenantId = principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const items = [];
      for (const key of TEMPLATE_KEYS) {
        const override = await this.overrides.get(manager, tenantId, key);
        const definition = TEMPLATE_CATALOG[key];
        items.push({
          key,
          description: definition.description,
          optOut: definition.optOut,
          overridden: override !== null,
        });
      }
      return items;
    });
  }

  @Get(':key')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'One template as the tenant sends it, with the variables it may use and the default',
  })
  @ApiOkResponse({ type: TemplateDetailDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('key') key: string) {
    if (!isTemplateKey(key)) throw new TemplateNotFoundError(key);
    const tenantId = principal.tenantId!;
    const override = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.overrides.get(manager, tenantId, key),
    );
    const definition = TEMPLATE_CATALOG[key];
    const current = override ?? definition.defaults;
    return {
      key,
      description: definition.description,
      subject: current.subject,
      html: current.html,
      text: current.text,
      overridden: override !== null,
      updatedAt: override?.updatedAt ?? null,
      updatedBy: override?.updatedBy ?? null,
      variables: variablePaths(definition.variables),
      helpers: ['if', 'unless', 'each', 'with'],
      defaults: definition.defaults,
    };
  }

  @Put(':key')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: "Replaces the tenant's wording of a template",
    description:
      'Refused (400 template-invalid, with part, line and reason of every problem) when a part does not compile, uses a ' +
      'variable the template does not have, a helper outside if/unless/each/with, a partial, or unescaped {{{…}}} in HTML.',
  })
  @ApiOkResponse({ type: SavedTemplateDto })
  @ApiBadRequestResponse({ type: TemplateInvalidDto })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: PutTemplateDto,
  ) {
    const saved = await this.save.execute({
      tenantId: principal.tenantId!,
      key,
      source: body,
      by: principal.subject,
    });
    return {
      key,
      subject: saved.subject,
      html: saved.html,
      text: saved.text,
      overridden: true,
      updatedAt: saved.updatedAt,
      updatedBy: saved.updatedBy,
    };
  }

  @Delete(':key')
  @HttpCode(204)
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Goes back to the French default for this template' })
  async reset(@CurrentPrincipal() principal: Principal, @Param('key') key: string): Promise<void> {
    await this.save.reset({ tenantId: principal.tenantId!, key });
  }

  @Post(':key/preview')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Renders the template (or a draft of it) with sample data in the tenant layout' })
  @ApiOkResponse({ type: TemplatePreviewDto })
  @ApiBadRequestResponse({ type: TemplateInvalidDto })
  async previewTemplate(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: PreviewTemplateDto,
  ) {
    return this.preview.execute({ tenantId: principal.tenantId!, key, draft: body ?? {} });
  }
}
