/** The shapes of a Heat Orchestration Template as herd writes it: resources are data, never text. */
export type HotResource = { type: string; properties: Record<string, unknown>; [k: string]: unknown };

export interface HotTemplate {
  heat_template_version: string;
  description: string;
  resources: Record<string, HotResource>;
  outputs?: Record<string, unknown>;
}
