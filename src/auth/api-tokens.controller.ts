import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiCreated } from '../common/api-responses.decorator';
import type { Response } from 'express';
import { type Actor, Permission } from './actor';
import { ActorGuard } from './actor.guard';
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor, Needs } from './current-actor.decorator';
import { ApiTokenView, CreateApiTokenDto, IssuedApiTokenView } from './dto/create-api-token.dto';

@ApiTags('API tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tokens')
@UseGuards(ActorGuard)
@Needs(Permission.ManageIntegrations)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens (integrations:manage or an admin; secrets are never shown again)' })
  @ApiOkResponse({ type: ApiTokenView, isArray: true })
  @ApiProblems(401, 403)
  async list(@CurrentActor() actor: Actor): Promise<ApiTokenView[]> {
    return (await this.tokens.list(actor)).map(ApiTokenView.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token (integrations:manage or an admin; a token may grant only scopes it holds); the response carries the secret, once' })
  @ApiCreated(IssuedApiTokenView, '/api/tokens/3')
  @ApiProblems(400, 401, 403)
  async create(@Body() body: CreateApiTokenDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<IssuedApiTokenView> {
    const issued = IssuedApiTokenView.issued(await this.tokens.create(body, actor));
    response.location(`/api/tokens/${issued.id}`);
    return issued;
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API token (integrations:manage or an admin); it stops working at once' })
  @ApiOkResponse({ type: ApiTokenView })
  @ApiProblems(401, 403, 404)
  async revoke(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<ApiTokenView> {
    return ApiTokenView.of(await this.tokens.revoke(id, actor));
  }
}
