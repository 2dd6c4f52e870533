import { Module } from '@nestjs/common';
import { StacksModule } from '../stacks/stacks.module';
import { BlueprintUsageRegistry } from './blueprint-usage';
import { BlueprintsController } from './blueprints.controller';
import { BlueprintsRepository } from './blueprints.repository';
import { BlueprintsService } from './blueprints.service';

@Module({
  imports: [StacksModule],
  controllers: [BlueprintsController],
  providers: [BlueprintsService, BlueprintsRepository, BlueprintUsageRegistry],
  exports: [BlueprintsService, BlueprintUsageRegistry, StacksModule],
})
export class BlueprintsModule {}
