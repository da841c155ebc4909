import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
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
  @ApiOperation({ summary: 'List API tokens (admins only; secrets are never shown again)' })
  @ApiProblems(401, 403)
  async list(@CurrentActor() actor: Actor): Promise<ApiTokenView[]> {
    return (await this.tokens.list(actor)).map(ApiTokenView.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token (admins only); the response carries the secret, once' })
  @ApiProblems(400, 401, 403)
  async create(@Body() body: CreateApiTokenDto, @CurrentActor() actor: Actor): Promise<IssuedApiTokenView> {
    return IssuedApiTokenView.issued(await this.tokens.create(body, actor));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API token (admins only); it stops working at once' })
  @ApiProblems(401, 403, 404)
  async revoke(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<ApiTokenView> {
    return ApiTokenView.of(await this.tokens.revoke(id, actor));
  }
}
