import { shellQuote } from './shell-quote';
import { callbackLines, checkComponentName, containerName, finishScript, scriptHead, type UserDataInput } from './user-data';

/** Where a node opens its Docker API to Heat (plain TCP: Heat's Docker plugin has no TLS settings). */
export const DOCKER_API_PORT = 2375;

/** How long the script waits for Heat to create and start the node's containers before reporting anyway. */
const CONTAINER_WAIT_SECONDS = 3600;

/**
 * user_data for a node whose containers Heat creates (`DockerInc::Docker::Container`): Docker is
 * installed when missing and made to listen on the node's first IPv4 address, the one the template
 * points `docker_endpoint` at; then the script waits until Heat's containers run and calls herd back
 * exactly as the user_data path does. It writes no config files: those travel in the containers' env.
 * Container names come from component names checked against a strict pattern, so they need no quoting.
 */
export function buildDockerHostUserData(input: UserDataInput): string {
  const components = [...input.components].sort((a, b) => a.startOrder - b.startOrder);
  for (const c of components) checkComponentName(c.name);
  const lines = scriptHead(input.nodeName, "opens this node's Docker API to Heat, waits for the containers Heat makes, reports to herd");
  lines.push(
    'HERD_SYSTEMD=${HERD_SYSTEMD_DIR:-/etc/systemd/system}',
    // Only the node's address, never 0.0.0.0: that would also open the daemon to containers on its bridge.
    "HERD_ADDR=$(ip -4 -o addr show scope global 2>/dev/null | awk '{split($4, a, \"/\"); print a[1]; exit}')",
    '[ -n "$HERD_ADDR" ] || HERD_ADDR=$(hostname -I 2>/dev/null | tr " " "\\n" | grep -E "^[0-9]+[.]" | head -n 1)',
    'HERD_CONTAINERD=""',
    '[ -S /run/containerd/containerd.sock ] && HERD_CONTAINERD=--containerd=/run/containerd/containerd.sock',
    'mkdir -p "$HERD_SYSTEMD/docker.service.d"',
    `printf '[Service]\\nExecStart=\\nExecStart=%s -H fd:// -H tcp://%s:%s %s\\n' "$(command -v dockerd || echo /usr/bin/dockerd)" "$HERD_ADDR" ${DOCKER_API_PORT} "$HERD_CONTAINERD" > "$HERD_SYSTEMD/docker.service.d/herd-heat.conf"`,
    // Heat's containers have no restart policy (the plugin cannot set one): start them again at every boot.
    `printf '[Unit]\nDescription=herd: start the containers Heat made for this node\nAfter=docker.service\nRequires=docker.service\n[Service]\nType=oneshot\nExecStart=%s start ${components.map((c) => containerName(c.name)).join(' ')}\n[Install]\nWantedBy=multi-user.target\n' "$(command -v docker || echo /usr/bin/docker)" > "$HERD_SYSTEMD/herd-containers.service"`,
    'systemctl daemon-reload && systemctl enable herd-containers.service && systemctl restart docker',
    'herd_all_running() {',
    `  for c in ${components.map((c) => shellQuote(containerName(c.name))).join(' ')}; do`,
    '    [ "$(docker inspect -f "{{.State.Status}}" "$c" 2>/dev/null)" = running ] || return 1',
    '  done; }',
    `i=0; until herd_all_running; do i=$((i+1)); [ $i -ge ${CONTAINER_WAIT_SECONDS / 10} ] && break; sleep 10; done`,
  );
  if (input.callbackUrl && input.callbackToken) lines.push(...callbackLines(input, components));
  return finishScript(input.nodeName, lines);
}

