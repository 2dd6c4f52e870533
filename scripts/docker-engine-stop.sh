#!/usr/bin/env bash
# Stops the private Docker Engine started by scripts/docker-engine.sh (its containers stop with it).
set -euo pipefail
cd "$(dirname "$0")/.."

STATE_DIR="${HERD_DOCKER_STATE_DIR:-$PWD/.tmp/docker}"
PID_FILE="$STATE_DIR/dockerd.pid"

if [[ ! -f "$PID_FILE" ]]; then
  echo "docker-engine: not running (no $PID_FILE)" >&2
  exit 0
fi
pid="$(cat "$PID_FILE")"
if kill -TERM "$pid" 2>/dev/null; then
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
fi
echo "docker-engine: stopped" >&2
