import { Module } from '@nestjs/common';
import { NodeCallbacksService } from './node-callbacks.service';

/** The callback tokens and reports, without the HTTP endpoint (for the worker's reconciler). */
@Module({
  providers: [NodeCallbacksService],
  exports: [NodeCallbacksService],
})
export class NodeCallbacksCoreModule {}
