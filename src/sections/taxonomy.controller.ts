import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorGuard } from '../auth/actor.guard';
import { OptionalAuth } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { TaxonomyService } from './taxonomy.service';
import { TermView } from './term.view';


const view = ({ id, name, slug }: TermView): TermView => ({ id, name, slug });

@ApiTags('Sections and tags')
@Controller('api')
@UseGuards(ActorGuard)
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get('sections')
  @OptionalAuth()
  @ApiOperation({ summary: 'Every section, by name', description: 'Public. Admins manage them in the panel.' })
  @ApiOkResponse({ type: TermView, isArray: true })
  @ApiProblems(401)
  async sections(): Promise<TermView[]> {
    return (await this.taxonomy.list('section')).map(view);
  }

  @Get('tags')
  @OptionalAuth()
  @ApiOperation({ summary: 'Every tag, by name', description: 'Public. Admins manage them in the panel.' })
  @ApiOkResponse({ type: TermView, isArray: true })
  @ApiProblems(401)
  async tags(): Promise<TermView[]> {
    return (await this.taxonomy.list('tag')).map(view);
  }
}
