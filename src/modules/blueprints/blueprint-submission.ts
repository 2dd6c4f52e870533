import { FieldProblem, ValidationFailed } from '../../common/errors';
import type { BlueprintLayout } from './blueprint.model';
import { readBlueprintDocument } from './blueprint-document';

export const BLUEPRINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOUDBREAK_FIELDS = ['name', 'description', 'ambariBlueprint'];
const MAX_DESCRIPTION = 1000;

export interface BlueprintSubmission {
  name: string;
  description: string | null;
  form: 'ambari' | 'cloudbreak';
  /** The Ambari document, decoded from Cloudbreak's text or base64 when sent that way, otherwise as received. */
  document: Record<string, unknown>;
  layout: BlueprintLayout;
  /** Where the Ambari document sits in the request, to prefix problem paths: "" or "ambariBlueprint". */
  documentPath: string;
}

/**
 * Accepts Ambari's own form (`{Blueprints, host_groups, configurations, ...}`, named by
 * `Blueprints.blueprint_name` or by `?name=` as Ambari's `POST /blueprints/:name` does) and
 * Cloudbreak's request form (`{name, description, ambariBlueprint}` with the blueprint as an
 * object, as JSON text, or as base64 of that text). Throws ValidationFailed listing every problem.
 */
export function parseBlueprintSubmission(body: unknown, queryName?: string): BlueprintSubmission {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailed([{ field: 'body', reason: 'must be a JSON object: an Ambari blueprint or {"name", "description", "ambariBlueprint"}' }]);
  }
  const request = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const cloudbreak = 'ambariBlueprint' in request;
  if (!cloudbreak && !('Blueprints' in request) && !('host_groups' in request)) {
    throw new ValidationFailed([{ field: 'body', reason: 'is neither an Ambari blueprint (Blueprints, host_groups) nor a Cloudbreak request (name, ambariBlueprint)' }]);
  }

  let document: unknown = request;
  let description: string | null = null;
  if (cloudbreak) {
    for (const key of Object.keys(request)) {
      if (!CLOUDBREAK_FIELDS.includes(key)) problems.push({ field: key, reason: 'is not a known field (expected name, description, ambariBlueprint)' });
    }
    if (request.description !== undefined && request.description !== null) {
      if (typeof request.description !== 'string') problems.push({ field: 'description', reason: 'must be a string' });
      else if (request.description.length > MAX_DESCRIPTION) problems.push({ field: 'description', reason: `must be at most ${MAX_DESCRIPTION} characters` });
      else description = request.description;
    }
    document = decodeAmbariBlueprint(request.ambariBlueprint, problems);
  }
  const documentPath = cloudbreak ? 'ambariBlueprint' : '';
  const { layout, problems: documentProblems } = document === undefined ? { layout: undefined, problems: [] } : readBlueprintDocument(document, documentPath);
  problems.push(...documentProblems);

  const [name, nameField] =
    queryName !== undefined
      ? [queryName, 'name']
      : cloudbreak
        ? [request.name, 'name']
        : [layout?.blueprintName ?? (request.Blueprints as Record<string, unknown> | undefined)?.blueprint_name, 'Blueprints.blueprint_name'];
  if (name === undefined || name === null || name === '') {
    problems.push({ field: nameField, reason: cloudbreak ? 'is required' : 'is required: set Blueprints.blueprint_name or pass ?name= (exported blueprints carry no name)' });
  } else if (typeof name !== 'string') {
    problems.push({ field: nameField, reason: 'must be a string' });
  } else if (!BLUEPRINT_NAME.test(name) || UUID_SHAPE.test(name)) {
    problems.push({ field: nameField, reason: 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit, and not shaped like an id' });
  }
  if (problems.length > 0 || !layout) throw new ValidationFailed(problems);
  return { name: name as string, description, form: cloudbreak ? 'cloudbreak' : 'ambari', document: document as Record<string, unknown>, layout, documentPath };
}

function decodeAmbariBlueprint(raw: unknown, problems: FieldProblem[]): unknown {
  const field = 'ambariBlueprint';
  if (raw === null || raw === undefined || raw === '') {
    problems.push({ field, reason: 'is required: the Ambari blueprint as a JSON object, JSON text or base64 of that text' });
    return undefined;
  }
  if (typeof raw === 'object') return raw;
  if (typeof raw !== 'string') {
    problems.push({ field, reason: 'must be the Ambari blueprint as a JSON object, JSON text or base64 of that text' });
    return undefined;
  }
  const text = raw.trim();
  if (text.startsWith('{')) return parseJsonText(text, field, problems);
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    problems.push({ field, reason: 'is neither JSON text nor base64: send the Ambari blueprint as a JSON object, JSON text or base64 of that text' });
    return undefined;
  }
  const decoded = Buffer.from(compact, 'base64').toString('utf8').trim();
  if (!decoded.startsWith('{')) {
    problems.push({ field, reason: 'is base64 but does not decode to a JSON object' });
    return undefined;
  }
  return parseJsonText(decoded, field, problems);
}

function parseJsonText(text: string, field: string, problems: FieldProblem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ field, reason: `is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}
