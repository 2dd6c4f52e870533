export { allowsCount, type Cardinality, CARDINALITY_SYNTAX, describeCardinality, parseCardinality } from './cardinality';
export { renderConfigFile } from './config-file-rendering';
export { heapSettingProblems, type NodeSize } from './node-sizing';
export { StackCatalog } from './stack-catalog.service';
export type { ClusterTopology, ComponentDefinition, ConfigurationMap, StackDefinition, StackRef } from './stack.types';
export { StacksModule } from './stacks.module';
