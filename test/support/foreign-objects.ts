import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DocumentedRoute } from './openapi-routes';

/** An object that exists, in the tenant whose objects another tenant must not reach. */
export interface ForeignObject {
  collection: string;
  id: string;
  name: string;
}

/**
 * How to create one object of each tenant-owned collection. Route-wide tests aim at these ids
 * and names from another tenant; a collection the OpenAPI document does not have is skipped.
 * Add an entry with each new collection.
 */
const SEEDS: { collection: string; body: (name: string) => object }[] = [
  { collection: '/v1/credentials', body: (name) => ({ name, provider: 'sim', parameters: {} }) },
  {
    collection: '/v1/blueprints',
    body: (name) => ({
      Blueprints: { blueprint_name: name, stack_name: 'HDP', stack_version: '2.6' },
      host_groups: [
        { name: 'master', cardinality: '1', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }] },
        { name: 'worker', cardinality: '1+', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
      ],
    }),
  },
];

export async function createForeignObjects(baseUrl: string, routes: DocumentedRoute[], auth: string): Promise<ForeignObject[]> {
  const objects: ForeignObject[] = [];
  for (const seed of SEEDS) {
    if (!routes.some((route) => route.method === 'POST' && route.template === seed.collection)) continue;
    const name = `foreign-${randomBytes(4).toString('hex')}`;
    const res = await request(baseUrl).post(seed.collection).set('Authorization', auth).send(seed.body(name));
    if (res.status >= 300 || typeof res.body.id !== 'string') throw new Error(`cannot seed ${seed.collection}: ${res.status} ${res.text}`);
    objects.push({ collection: seed.collection, id: res.body.id, name });
  }
  return objects;
}

/** The foreign object a route's first path parameter can name, e.g. `/v1/credentials/{idOrName}/verify`. */
export function foreignObjectFor(route: DocumentedRoute, param: string, objects: ForeignObject[]): ForeignObject | undefined {
  return objects.find((object) => route.template === `${object.collection}/{${param}}` || route.template.startsWith(`${object.collection}/{${param}}/`));
}
