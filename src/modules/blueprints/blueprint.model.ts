import type { ConfigurationMap, StackRef } from '../stacks';

export interface BlueprintHostGroup {
  name: string;
  /** The host group's cardinality as written (Ambari treats it as a hint), or null. */
  cardinality: string | null;
  components: string[];
  configurations: ConfigurationMap;
}

/** What herd reads out of an Ambari blueprint document; the document itself is kept unchanged beside it. */
export interface BlueprintLayout {
  stack: StackRef;
  /** `Blueprints.blueprint_name`, absent from blueprints exported from a running cluster. */
  blueprintName?: string;
  hostGroups: BlueprintHostGroup[];
  configurations: ConfigurationMap;
}

/** A blueprint as the rest of herd uses it (clusters, adapters). */
export interface NormalizedBlueprint extends BlueprintLayout {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** The catalog stack it runs on (HDP 2.6 resolves to HADOOP 2.7). */
  resolvedStack: StackRef;
  /** The Ambari document exactly as submitted (after decoding Cloudbreak's text or base64 forms). */
  document: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The least of a blueprint that the size check and the component specs need: what `resolve`
 * returns fits, and so does a narrower view of it that another module keeps.
 */
export interface BlueprintShape {
  name: string;
  stack: StackRef;
  hostGroups: { name: string; components: string[]; configurations?: ConfigurationMap }[];
  configurations?: ConfigurationMap;
}
