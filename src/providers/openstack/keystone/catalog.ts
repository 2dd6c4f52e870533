import { FatalProviderError } from '../../spi';

export interface CatalogEndpoint {
  interface: string;
  region?: string;
  region_id?: string;
  url: string;
}

export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

/** The endpoint of a service type for an interface (and region when given), without a trailing slash. */
export function findEndpoint(catalog: CatalogService[], serviceType: string, iface: string, region?: string): string {
  const service = catalog.find((s) => s.type === serviceType);
  if (!service) {
    throw new FatalProviderError(`the service catalog has no '${serviceType}' service`, `no ${serviceType} endpoint in the catalog`);
  }
  const matches = service.endpoints.filter(
    (e) => e.interface === iface && (!region || e.region_id === region || e.region === region),
  );
  if (!matches.length) {
    const where = region ? ` in region '${region}'` : '';
    throw new FatalProviderError(`the service catalog has no ${iface} '${serviceType}' endpoint${where}`, `no ${iface} ${serviceType} endpoint${where}`);
  }
  return matches[0].url.replace(/\/+$/, '');
}
