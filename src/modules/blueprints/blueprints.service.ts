import { Injectable } from '@nestjs/common';
import { DomainError, FieldProblem, IllegalState, NotFound, ValidationFailed } from '../../common/errors';
import { Page, pageOf, PageQuery } from '../../common/http';
import type { ComponentSpec } from '../../providers/spi';
import { type NodeSize, StackCatalog, type StackDefinition } from '../stacks';
import type { TenantScope } from '../tenancy';
import { pathOf, readBlueprintDocument } from './blueprint-document';
import { Blueprint } from './blueprint.entity';
import type { BlueprintShape, NormalizedBlueprint } from './blueprint.model';
import { checkBlueprintAgainstStack, checkHeapSettings, checkHostGroupSizes } from './blueprint-rules';
import { BLUEPRINT_NAME, parseBlueprintSubmission, UUID_SHAPE } from './blueprint-submission';
import { BlueprintUsage } from './blueprint-usage';
import { BlueprintsRepository, nameTaken } from './blueprints.repository';
import { BUILT_IN_BLUEPRINTS, BuiltInBlueprint } from './builtin-blueprints';
import { clusterTopology } from './cluster-topology';

const BUILT_IN_SINCE = new Date('2026-01-01T00:00:00Z');

@Injectable()
export class BlueprintsService {
  private readonly builtIns: NormalizedBlueprint[];

  constructor(
    private readonly repository: BlueprintsRepository,
    private readonly catalog: StackCatalog,
    private readonly usage: BlueprintUsage,
  ) {
    this.builtIns = BUILT_IN_BLUEPRINTS.map((builtIn) => this.normalizeBuiltIn(builtIn));
  }

  /** Built-in blueprints first, then the tenant's own, oldest first. */
  async list(scope: TenantScope, query: PageQuery): Promise<Page<NormalizedBlueprint>> {
    const builtIns = structuredClone(this.builtIns.slice(query.offset, query.offset + query.limit));
    const ownOffset = Math.max(0, query.offset - this.builtIns.length);
    const ownLimit = query.limit - builtIns.length;
    const [total, own] = await Promise.all([
      this.repository.count(scope),
      ownLimit > 0 ? this.repository.list(scope, ownOffset, ownLimit) : Promise.resolve([]),
    ]);
    return pageOf([...builtIns, ...own.map((row) => this.normalizeStored(row))], total + this.builtIns.length, query);
  }

  async create(scope: TenantScope, body: unknown, queryName?: string): Promise<NormalizedBlueprint> {
    const submission = parseBlueprintSubmission(body, queryName);
    const { layout, documentPath } = submission;
    const header = pathOf(documentPath, 'Blueprints');
    const stack = this.catalog.resolve(layout.stack.name, layout.stack.version, { name: pathOf(header, 'stack_name'), version: pathOf(header, 'stack_version') });
    const problems = [...checkBlueprintAgainstStack(layout, stack, documentPath), ...checkHeapSettings(layout, documentPath)];
    if (problems.length > 0) throw new ValidationFailed(problems);
    if (this.builtIns.some((builtIn) => builtIn.name === submission.name)) throw nameTaken(submission.name);
    const row = await this.repository.insert(scope, {
      name: submission.name,
      description: submission.description,
      stackName: layout.stack.name,
      stackVersion: layout.stack.version,
      document: submission.document,
      hostGroups: layout.hostGroups.map(({ name, cardinality, components }) => ({ name, cardinality, components })),
    });
    return this.normalizeStored(row);
  }

  /** A built-in or one of the tenant's blueprints, by id or name; another tenant's is a 404. */
  async resolve(scope: TenantScope, idOrName: string): Promise<NormalizedBlueprint> {
    const builtIn = this.builtIns.find((b) => b.id === idOrName.toLowerCase() || b.name === idOrName);
    // A copy: callers may adjust what they get without touching the shared definition.
    if (builtIn) return structuredClone(builtIn);
    const row = UUID_SHAPE.test(idOrName) ? await this.repository.findById(scope, idOrName.toLowerCase()) : BLUEPRINT_NAME.test(idOrName) ? await this.repository.findByName(scope, idOrName) : null;
    if (!row) throw new NotFound('Blueprint', idOrName);
    return this.normalizeStored(row);
  }

  async delete(scope: TenantScope, idOrName: string): Promise<void> {
    const blueprint = await this.resolve(scope, idOrName);
    if (blueprint.builtIn) throw new DomainError('FORBIDDEN', `Blueprint "${blueprint.name}" is built in and read-only; create a copy under another name to change it`);
    const users = await this.usage.usersOf(scope, blueprint.id);
    if (users.length > 0) throw new IllegalState(`Blueprint "${blueprint.name}" is used by ${users.join(', ')}; delete ${users.length > 1 ? 'them' : 'it'} first`);
    if (!(await this.repository.delete(scope, blueprint.id))) throw new NotFound('Blueprint', idOrName);
  }

  /**
   * Problems with the node counts a cluster asks for, under `field` of the caller's request (empty
   * when fine). Takes the blueprint `resolve` returned, or any object of that shape.
   */
  checkHostGroupSizes(blueprint: BlueprintShape, sizes: unknown, field = 'hostGroups'): FieldProblem[] {
    return checkHostGroupSizes(blueprint, this.stackOf(blueprint), sizes, field);
  }

  /**
   * The containers one node of the host group runs. With the node names of each host group, config
   * files name real hosts (NameNode address, ZooKeeper servers, HA peers); without, component aliases.
   * Heaps and YARN memory are sized for `node` (the stacks' default node size when not given).
   */
  componentSpecsFor(blueprint: BlueprintShape, hostGroup: string, hostsByGroup?: Record<string, string[]>, node?: NodeSize): ComponentSpec[] {
    const group = blueprint.hostGroups.find((g) => g.name === hostGroup);
    if (!group) throw new NotFound(`Host group of blueprint ${blueprint.name}`, hostGroup);
    const topology = hostsByGroup ? clusterTopology(blueprint, hostsByGroup) : undefined;
    return this.catalog.componentSpecs(this.stackOf(blueprint), group.components, [blueprint.configurations ?? {}, group.configurations ?? {}], topology, node);
  }

  stackOf(blueprint: Pick<BlueprintShape, 'stack'>): StackDefinition {
    return this.catalog.resolve(blueprint.stack.name, blueprint.stack.version);
  }

  private normalizeBuiltIn(builtIn: BuiltInBlueprint): NormalizedBlueprint {
    const stack = this.catalog.resolve(builtIn.layout.stack.name, builtIn.layout.stack.version);
    return { ...builtIn.layout, id: builtIn.id, name: builtIn.name, description: builtIn.description, builtIn: true, resolvedStack: { name: stack.name, version: stack.version }, document: builtIn.document, createdAt: BUILT_IN_SINCE };
  }

  private normalizeStored(row: Blueprint): NormalizedBlueprint {
    const { layout } = readBlueprintDocument(row.document);
    if (!layout) throw new Error(`stored blueprint ${row.id} no longer parses`);
    const stack = this.catalog.find(row.stackName, row.stackVersion);
    return {
      ...layout,
      id: row.id,
      name: row.name,
      description: row.description,
      builtIn: false,
      resolvedStack: stack ? { name: stack.name, version: stack.version } : { name: row.stackName, version: row.stackVersion },
      document: row.document,
      createdAt: row.createdAt,
    };
  }
}
