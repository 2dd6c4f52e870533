import { Module } from '@nestjs/common';
import { StackCatalog } from './stack-catalog.service';
import { StacksController } from './stacks.controller';

@Module({
  controllers: [StacksController],
  providers: [StackCatalog],
  exports: [StackCatalog],
})
export class StacksModule {}
