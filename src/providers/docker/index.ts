export { DOCKER_CREDENTIAL_SCHEMA, DOCKER_DESCRIPTOR, DOCKER_INSTANCE_TYPES, dockerEndpoint, type DockerParameters, type PullPolicy } from './docker.descriptor';
export { DockerProviderAdapter, dockerProvider } from './docker.provider';
