import { Module } from '@nestjs/common';
import { NodeCallbacksController } from './node-callbacks.controller';
import { NodeCallbacksService } from './node-callbacks.service';

@Module({
  controllers: [NodeCallbacksController],
  providers: [NodeCallbacksService],
  exports: [NodeCallbacksService],
})
export class NodeCallbacksModule {}
