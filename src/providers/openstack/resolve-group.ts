import { FatalProviderError, type HostGroupSpec } from '../spi';
import type { ResolvedGroup } from './heat/heat.template';
import { resolveImage } from './image-lookup';
import type { KeystoneSession } from './keystone';
import type { NovaApi } from './nova/nova.client';
import { readNovaOptions } from './nova/nova.options';
import { findFlavor } from './preflight';

/** A host group's options checked and its flavor and image resolved to ids; a problem is fatal. */
export async function resolveGroup(session: KeystoneSession, nova: NovaApi, group: HostGroupSpec, index: number): Promise<ResolvedGroup> {
  const { options, problems } = readNovaOptions(group, index);
  if (!options) throw new FatalProviderError(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems[0]?.reason);
  const flavor = findFlavor(await nova.flavors(), group.instanceType);
  if (!flavor) throw new FatalProviderError(`hostGroups[${index}].instanceType: no flavor '${group.instanceType}'`, 'flavor not found');
  const image = await resolveImage(session, options.image);
  if (!image.id) throw new FatalProviderError(`hostGroups[${index}].options.image: ${image.reason}`, image.reason);
  return { group, options, flavorId: flavor.id, imageId: image.id };
}
