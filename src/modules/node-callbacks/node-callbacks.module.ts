import { Module } from '@nestjs/common';
import { NodeCallbacksController } from './node-callbacks.controller';
import { NodeCallbacksCoreModule } from './node-callbacks-core.module';

@Module({
  imports: [NodeCallbacksCoreModule],
  controllers: [NodeCallbacksController],
  exports: [NodeCallbacksCoreModule],
})
export class NodeCallbacksModule {}
