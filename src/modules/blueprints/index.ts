export { BlueprintUsage } from './blueprint-usage';
export { Blueprint } from './blueprint.entity';
export type { BlueprintShape } from './blueprint.model';
export { BlueprintsModule } from './blueprints.module';
export { BlueprintsService } from './blueprints.service';
