import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { EnvironmentVariables } from '../config/environment';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticlePreviewService } from './article-preview.service';
import { ArticleDetailView } from './article-views';
import { previewNotice, previewPageCsp, renderArticleHtml, renderPreviewProblemHtml } from './preview-page';
import { PreviewLinkView } from './preview-views';

@ApiTags('Articles')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles/:id')
@UseGuards(ActorGuard)
export class ArticlePreviewController {
  constructor(private readonly preview: ArticlePreviewService) {}

  @Get('preview')
  @Needs(Permission.ReadDrafts)
  @ApiOperation({
    summary: 'The article as readers will see it, whatever its status',
    description: 'Needs content:read (or a signed-in editor). For a website to render drafts in its own templates; never cached.',
  })
  @ApiOkResponse({ type: ArticleDetailView, headers: { 'Cache-Control': { required: true, description: 'private, no-store: a preview is never cached', schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 403, 404)
  async view(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    response.setHeader('Cache-Control', 'private, no-store');
    return this.preview.view(id, actor);
  }

  @Post('preview-link')
  @Needs(Permission.EditDraft)
  @HttpCode(201)
  @ApiOperation({
    summary: 'A shareable preview link, readable without an account until it expires',
    description: 'Needs content:write (or a signed-in editor or contributor). Valid for PREVIEW_LINK_HOURS (48 by default); it shows the latest saved copy.',
  })
  @ApiCreatedResponse({ type: PreviewLinkView })
  @ApiProblems(400, 401, 403, 404)
  async createLink(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor, @Req() request: Request): Promise<PreviewLinkView> {
    const link = await this.preview.createLink(id, actor);
    return { path: link.path, url: `${request.protocol}://${request.get('host')}${link.path}`, expiresAt: link.expiresAt.toISOString() };
  }
}

/** The page a shared preview link opens: HTML for a person, never indexed, cached or scripted. */
@ApiExcludeController()
@Controller('preview')
export class SharedPreviewController {
  private readonly csp: string;

  constructor(
    private readonly preview: ArticlePreviewService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.csp = previewPageCsp(config.get('PUBLIC_BASE_URL', { infer: true }));
  }

  @Get(':token')
  async page(@Param('token') token: string, @Res() response: Response): Promise<void> {
    response.setHeader('Content-Security-Policy', this.csp);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Robots-Tag', 'noindex, nofollow');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.type('html');
    try {
      const { article, expiresAt } = await this.preview.readShared(token);
      response.status(200).send(renderArticleHtml(article, previewNotice(article, expiresAt), article.section?.name ?? null));
    } catch (error) {
      const linkProblem = error instanceof ArticleError && [ArticleErrorCode.PreviewLinkExpired, ArticleErrorCode.PreviewLinkInvalid].includes(error.code);
      if (!linkProblem) throw error;
      response.status(error.status).send(renderPreviewProblemHtml(error.message));
    }
  }
}
