import { Module } from '@nestjs/common';
import { StacksModule } from '../stacks';
import { BlueprintUsage } from './blueprint-usage';
import { BlueprintsController } from './blueprints.controller';
import { BlueprintsRepository } from './blueprints.repository';
import { BlueprintsService } from './blueprints.service';

@Module({
  imports: [StacksModule],
  controllers: [BlueprintsController],
  providers: [BlueprintsService, BlueprintsRepository, BlueprintUsage],
  exports: [BlueprintsService, BlueprintUsage, StacksModule],
})
export class BlueprintsModule {}
