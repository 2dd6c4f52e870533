import type { KeystoneSession } from './keystone';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves a Glance image name or id to an id, or undefined when there is none (or several share the name). */
export async function resolveImage(session: KeystoneSession, nameOrId: string): Promise<{ id?: string; reason?: string }> {
  if (UUID.test(nameOrId)) {
    const res = await session.request('image', { path: `/v2/images/${nameOrId}`, allow: [404] });
    if (res.status !== 404) return { id: nameOrId };
  }
  const res = await session.request('image', { path: `/v2/images?${new URLSearchParams({ name: nameOrId })}` });
  const images = ((res.body as { images?: { id: string; status: string }[] }).images ?? []).filter((i) => i.status === 'active');
  if (images.length === 1) return { id: images[0].id };
  if (!images.length) return { reason: `no active image '${nameOrId}' in Glance` };
  return { reason: `${images.length} images are named '${nameOrId}': give its id` };
}

export async function networkExists(session: KeystoneSession, id: string): Promise<boolean> {
  const res = await session.request('network', { path: `/v2.0/networks/${encodeURIComponent(id)}`, allow: [404] });
  return res.status !== 404;
}
