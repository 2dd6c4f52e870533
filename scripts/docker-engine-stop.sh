#!/usr/bin/env bash
# Stops the private Docker Engine started by scripts/docker-engine.sh (its containers stop with it).
set -euo pipefail

PID_FILE="${HERD_DOCKER_RUN_DIR:-/run/herd-docker}/dockerd.pid"

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if [[ -z "$pid" ]] || ! kill -TERM "$pid" 2>/dev/null; then
  echo "docker-engine: not running (no live pid in $PID_FILE)" >&2
  exit 0
fi
for _ in $(seq 1 150); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
echo "docker-engine: stopped" >&2
