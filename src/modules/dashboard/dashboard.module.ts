import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** Serves the web dashboard (built from `ui/`) at /ui, beside the API. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
