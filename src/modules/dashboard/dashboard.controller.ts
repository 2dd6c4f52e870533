import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import { NoRateLimit, Public } from '../tenancy';
import { buildMissingPage, dashboardBuildDir, isHashedAsset } from './dashboard-files';

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * The web dashboard's static files. It is public because it holds no data: the page asks for an
 * API key and calls the API with it. Every path that is not a file is a client route, answered
 * with index.html.
 */
@ApiExcludeController()
@Public()
@NoRateLimit()
@Controller('ui')
export class DashboardController {
  private readonly root: string;

  constructor(@Inject(HERD_CONFIG) config: HerdConfig) {
    this.root = config.dashboardDir ?? dashboardBuildDir();
  }

  @Get()
  index(@Res() response: Response): void {
    this.sendIndex(response);
  }

  @Get('*path')
  file(@Param('path') path: string[] | string, @Res() response: Response): void {
    const relative = (Array.isArray(path) ? path : [path]).join('/');
    if (!relative.startsWith('assets/')) return this.sendIndex(response);
    response.sendFile(relative, { root: this.root, dotfiles: 'deny', maxAge: isHashedAsset(relative) ? ONE_YEAR_S * 1000 : 0, immutable: isHashedAsset(relative) }, (error) => {
      if (error && !response.headersSent) response.status(404).type('text/plain').send('Not found');
    });
  }

  private sendIndex(response: Response): void {
    if (!existsSync(join(this.root, 'index.html'))) {
      response.status(503).set('Cache-Control', 'no-store').type('html').send(buildMissingPage());
      return;
    }
    response.set('Cache-Control', 'no-cache').sendFile('index.html', { root: this.root });
  }
}
