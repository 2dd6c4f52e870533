#!/usr/bin/env bash
# Starts a private Docker Engine for herd's tests and builds the test images locally.
# The engine listens on a unix socket and, with TLS client-certificate checks (--tlsverify), on
# 127.0.0.1; the CA, server and client certificates are made here and kept in the run directory.
# Idempotent: an engine already answering on both is left alone; images already present are kept.
# Images are made with `docker import` from a busybox-static rootfs: this engine never pulls.
# Prints the engine's socket URL (unix://...) on stdout; everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

SOCKET_PATH="${HERD_DOCKER_SOCKET:-/run/herd-docker.sock}"
HOST="unix://${SOCKET_PATH}"
# Engine state lives outside any checkout: a running engine is shared by every checkout on the machine.
STATE_DIR="${HERD_DOCKER_STATE_DIR:-/var/lib/herd-docker}"
RUN_DIR="${HERD_DOCKER_RUN_DIR:-/run/herd-docker}"
TLS_DIR="$RUN_DIR/tls"
TLS_PORT="${HERD_DOCKER_TLS_PORT:-23760}"
IMAGES=(herd/hadoop-sim:1)

log() { echo "docker-engine: $*" >&2; }

# The Debian engine's own CLI: the 20.10 client behaves exactly like the engine it talks to.
docker_cli() { /usr/bin/docker -H "$HOST" "$@"; }

install_packages() {
  if [[ -x /usr/sbin/dockerd && -x /usr/bin/docker && -x /bin/busybox ]]; then return; fi
  log "installing docker.io and busybox-static"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends \
    docker.io busybox-static >&2
}

engine_up() { docker_cli version >/dev/null 2>&1; }

tls_up() {
  /usr/bin/docker --tlsverify --tlscacert="$TLS_DIR/ca.pem" --tlscert="$TLS_DIR/client.pem" --tlskey="$TLS_DIR/client.key" \
    -H "tcp://127.0.0.1:$TLS_PORT" version >/dev/null 2>&1
}

# A throw-away CA that signs the engine's certificate (for 127.0.0.1) and one client certificate.
make_certificates() {
  if [[ -f "$TLS_DIR/client.key" ]]; then return; fi
  mkdir -p "$TLS_DIR"
  (
    cd "$TLS_DIR"
    issue() {
      local name="$1" extensions="$2" signer="${3:-}"
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=herd-test-$name" 2>/dev/null
      printf '%b' "$extensions" >"$name.ext"
      if [[ -n "$signer" ]]; then
        openssl x509 -req -in "$name.csr" -CA "$signer.pem" -CAkey "$signer.key" -CAcreateserial -out "$name.pem" -days 3650 -extfile "$name.ext" 2>/dev/null
      else
        openssl x509 -req -in "$name.csr" -signkey "$name.key" -out "$name.pem" -days 3650 -extfile "$name.ext" 2>/dev/null
      fi
      rm -f "$name.csr" "$name.ext"
    }
    issue ca 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign\n'
    issue server 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' ca
    issue client 'extendedKeyUsage=clientAuth\n' ca
    chmod 0600 ./*.key
  )
}

stop_engine() {
  local pid
  pid="$(cat "$RUN_DIR/dockerd.pid" 2>/dev/null || true)"
  if [[ -z "$pid" ]] || ! kill -TERM "$pid" 2>/dev/null; then
    log "cannot stop the engine on $HOST: no live pid in $RUN_DIR/dockerd.pid"
    exit 1
  fi
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

start_engine() {
  make_certificates
  if engine_up && tls_up; then return; fi
  if engine_up; then
    log "the engine on $HOST has no TLS listener on 127.0.0.1:$TLS_PORT; restarting it"
    stop_engine
  fi
  mkdir -p "$STATE_DIR/data" "$STATE_DIR/exec" "$RUN_DIR"
  if [[ -S "$SOCKET_PATH" ]]; then rm -f "$SOCKET_PATH"; fi
  log "starting dockerd on $HOST and tcp://127.0.0.1:$TLS_PORT (TLS; state in $STATE_DIR)"
  # setsid: the engine outlives the shell (or test runner) that started it; 9>&-: it must not
  # inherit the lock, or the next caller would wait for the engine to exit.
  setsid /usr/sbin/dockerd --host="$HOST" --host="tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert="$TLS_DIR/ca.pem" --tlscert="$TLS_DIR/server.pem" --tlskey="$TLS_DIR/server.key" \
    --data-root="$STATE_DIR/data" --exec-root="$STATE_DIR/exec" --pidfile="$RUN_DIR/dockerd.pid" \
    --storage-driver=overlay2 \
    --iptables=false --ip-forward=false --ip-masq=false \
    >"$STATE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 300); do
    if engine_up && tls_up; then return; fi
    sleep 0.1
  done
  log "dockerd did not become ready in 30 s; last log lines:"
  tail -n 20 "$STATE_DIR/dockerd.log" >&2 || true
  exit 1
}

# A ~2 MB image: busybox-static with every applet, plus hadoop-sim installed under the Hadoop
# commands' names (hdfs, yarn, zkServer.sh), so stack catalog commands run unchanged in tests.
# The image carries a hash of what it is built from; a changed recipe rebuilds it.
build_image() {
  local ref="$1" hash current rootfs applet
  hash="$(cat "$0" scripts/hadoop-sim/hadoop-sim.sh | sha256sum | cut -c1-16)"
  current="$(docker_cli image inspect -f '{{index .Config.Labels "io.herd.recipe"}}' "$ref" 2>/dev/null || true)"
  if [[ "$current" == "$hash" ]]; then return; fi
  rootfs="$(mktemp -d "$STATE_DIR/rootfs.XXXXXX")"
  mkdir -p "$rootfs"/{bin,etc/hadoop,tmp,www,proc,sys,dev,root,data}
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ "$applet" == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
  done
  install -m 0755 scripts/hadoop-sim/hadoop-sim.sh "$rootfs/bin/hadoop-sim"
  for command in hdfs yarn mapred zkServer.sh; do ln -sf hadoop-sim "$rootfs/bin/$command"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  log "building $ref with docker import"
  tar -C "$rootfs" -c . | docker_cli import -c 'ENV PATH=/bin' -c 'ENV HADOOP_CONF_DIR=/etc/hadoop' \
    -c "LABEL io.herd.recipe=$hash" -c 'CMD ["/bin/sh"]' - "$ref" >/dev/null
  rm -rf "$rootfs"
  docker_cli image prune -f --filter label=io.herd.recipe >/dev/null
}

mkdir -p "$STATE_DIR"
# Test files may start this script at the same moment: one runs it, the others wait and find it done.
exec 9>"$STATE_DIR/lock"
flock 9
install_packages
start_engine
for image in "${IMAGES[@]}"; do build_image "$image"; done
echo "$HOST"
