import type { EgressAssertion } from '../../spi';
import { DockerClient } from '../../docker/docker.client';
import { DockerConnection } from '../../docker/docker.connection';
import type { DockerParameters, PullPolicy } from '../../docker/docker.descriptor';
import { clientTlsMaterial, newClientKeyAndCsr } from './magnum.client-certificate';
import { coeEndpoint } from './magnum.coe-endpoint';
import type { MagnumApi, MagnumCluster } from './magnum.client';
import { coeRefusal } from './magnum.options';

/**
 * The Docker adapter bound to a Magnum cluster's COE: its `api_address`, TLS unless the template
 * disables it, with a fresh client key whose certificate Magnum's cluster CA signs. Undefined where
 * the template's COE is one herd runs nothing on (clusters made before Swarm support, or from a
 * template of another COE). The address passes herd's egress policy first: Magnum, not the user,
 * chose it.
 */
export async function connectToCoe(magnum: MagnumApi, mc: MagnumCluster, pullPolicy: PullPolicy, assertEgress: EgressAssertion): Promise<DockerConnection | undefined> {
  const template = await magnum.template(mc.cluster_template_id);
  if (template && coeRefusal(template.coe)) return undefined;
  const endpoint = coeEndpoint(mc.api_address!, template?.tls_disabled === true);
  await assertEgress(mc.api_address!, `the api_address of Magnum cluster ${mc.name}`);
  const parameters: DockerParameters = { host: endpoint.host, port: endpoint.port };
  if (endpoint.tls) {
    const request = await newClientKeyAndCsr('herd');
    const [ca, cert] = await Promise.all([magnum.clusterCa(mc.uuid), magnum.signClientCertificate(mc.uuid, request.csr)]);
    parameters.tls = clientTlsMaterial(mc.name, ca, cert, request.privateKey);
  }
  return new DockerConnection(new DockerClient(parameters), pullPolicy, 'auto');
}
