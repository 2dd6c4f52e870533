#!/usr/bin/env bash
# Builds herd/hadoop:3.5.0 on the project's Docker engine without any container registry: a Debian
# bookworm root filesystem (debootstrap, with the Java 17 runtime), Apache Hadoop's jars resolved by
# Maven from scripts/hadoop-image/pom.xml, and the launchers `hadoop`, `hdfs`, `yarn`, `mapred`,
# put together with `docker import`. Prints the image name on stdout; everything else goes to stderr.
#
# Downloads and the root filesystem are cached in HERD_HADOOP_CACHE (default /var/cache/herd-hadoop),
# outside any checkout; an image whose recipe did not change is kept, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${HERD_HADOOP_IMAGE:-herd/hadoop:3.5.0}"
CACHE="${HERD_HADOOP_CACHE:-/var/cache/herd-hadoop}"
MIRROR="${HERD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
PACKAGES=openjdk-17-jre-headless,procps,bash
RECIPE_DIR=scripts/hadoop-image
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-17-openjdk-amd64

log() { echo "hadoop-image: $*" >&2; }
fail() { log "$*"; exit 1; }

# The engine's own CLI; the engine script starts it (idempotently) and prints where it listens.
DOCKER_HOST_URL="$(bash scripts/docker-engine.sh)"
docker_cli() { /usr/bin/docker -H "$DOCKER_HOST_URL" "$@"; }

recipe_hash() { cat "$0" "$RECIPE_DIR"/* | sha256sum | cut -c1-16; }

# The base system, built once per suite and package list: debootstrap takes minutes, a copy seconds.
base_rootfs() {
  local key dir tmp
  key="$(echo "$SUITE $PACKAGES" | sha256sum | cut -c1-12)"
  dir="$CACHE/rootfs-$key"
  if [[ -f "$dir/.complete" ]]; then echo "$dir"; return; fi
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >&2
  } || fail "cannot install debootstrap from Debian's packages: is the Debian mirror reachable?"
  tmp="$(mktemp -d "$CACHE/rootfs-build.XXXXXX")"
  log "debootstrap $SUITE ($PACKAGES) from $MIRROR; this takes a few minutes once"
  if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$tmp" "$MIRROR" >"$tmp.log" 2>&1; then
    tail -n 5 "$tmp.log" >&2
    rm -rf "$tmp"
    fail "debootstrap failed: cannot reach the Debian package mirror $MIRROR (set HERD_DEBIAN_MIRROR to one this machine reaches); no container registry is used or needed"
  fi
  rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/* "$tmp"/usr/share/doc "$tmp"/usr/share/man "$tmp"/usr/share/locale "$tmp.log"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  echo "$dir"
}

# Hadoop's jars and the HDFS daemons' web resources, resolved once per pom.xml.
hadoop_jars() {
  local key dir tmp
  key="$(sha256sum "$RECIPE_DIR/pom.xml" | cut -c1-12)"
  dir="$CACHE/jars-$key"
  if [[ -f "$dir/.complete" ]]; then echo "$dir"; return; fi
  command -v mvn >/dev/null || fail "Maven (mvn) is needed to resolve Hadoop's jars from Maven Central"
  tmp="$(mktemp -d "$CACHE/jars-build.XXXXXX")"
  log "resolving Apache Hadoop's jars from Maven Central (cached in $CACHE/m2)"
  if ! mvn -B -q -f "$RECIPE_DIR/pom.xml" -Dmaven.repo.local="$CACHE/m2" -Dherd.out="$tmp" package >"$tmp.log" 2>&1; then
    grep -E 'ERROR' "$tmp.log" | head -n 5 >&2 || tail -n 5 "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    fail "Maven could not resolve Hadoop's jars: is Maven Central (or the mirror in ~/.m2/settings.xml) reachable?"
  fi
  rm -rf "$tmp/target" "$tmp.log"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  echo "$dir"
}

build_image() {
  local hash current rootfs jars
  hash="$(recipe_hash)"
  current="$(docker_cli image inspect -f '{{index .Config.Labels "io.herd.recipe"}}' "$IMAGE" 2>/dev/null || true)"
  if [[ "$current" == "$hash" ]]; then return; fi
  rootfs="$(base_rootfs)"
  jars="$(hadoop_jars)"
  tree="$(mktemp -d "$CACHE/image.XXXXXX")"
  trap 'rm -rf "${tree:-}"' EXIT
  cp -a "$rootfs/." "$tree/"
  rm -f "$tree/.complete"
  mkdir -p "$tree/opt/hadoop/bin" "$tree/opt/hadoop/etc/hadoop" "$tree/opt/hadoop/logs"
  cp -a "$jars/lib" "$jars/share" "$tree/opt/hadoop/"
  install -m 0755 "$RECIPE_DIR/hadoop-launcher.sh" "$tree/opt/hadoop/bin/hadoop-launcher"
  for command in hadoop hdfs yarn mapred; do ln -sf hadoop-launcher "$tree/opt/hadoop/bin/$command"; done
  install -m 0644 "$RECIPE_DIR/log4j.properties" "$tree/opt/hadoop/etc/hadoop/log4j.properties"
  # dfs.hosts.exclude and yarn.resourcemanager.nodes.exclude-path of the HADOOP 3.5 line: herd lists
  # the nodes it decommissions there; the daemons refuse to start when the files are missing.
  : >"$tree/opt/hadoop/etc/hadoop/dfs.exclude"
  : >"$tree/opt/hadoop/etc/hadoop/yarn.exclude"
  # A replaced node comes back under its old name with a new address: never cache name lookups.
  sed -i 's/^#\?networkaddress.cache.ttl=.*/networkaddress.cache.ttl=0/' "$tree/etc/java-17-openjdk/security/java.security"
  log "importing $IMAGE"
  tar --numeric-owner -C "$tree" -c . | docker_cli import \
    -c "ENV JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
    -c 'ENV HADOOP_HOME=/opt/hadoop' \
    -c 'ENV HADOOP_CONF_DIR=/opt/hadoop/etc/hadoop' \
    -c "ENV PATH=/opt/hadoop/bin:$JAVA_HOME_IN_IMAGE/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c "LABEL io.herd.recipe=$hash" -c 'LABEL org.opencontainers.image.title="Apache Hadoop 3.5.0 for herd"' \
    -c 'WORKDIR /opt/hadoop' -c 'CMD ["/bin/bash"]' - "$IMAGE" >/dev/null
  docker_cli image prune -f --filter label=io.herd.recipe >/dev/null
}

mkdir -p "$CACHE"
# Test files and CI may run this at the same moment: one builds, the others wait and find it done.
exec 8>"$CACHE/lock"
flock 8
started=$SECONDS
build_image
log "$IMAGE ready in $((SECONDS - started)) s ($(docker_cli image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
echo "$IMAGE"
