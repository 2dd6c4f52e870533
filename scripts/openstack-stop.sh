#!/bin/bash
# scripts/openstack-stop.sh - stop the OpenStack services scripts/openstack.sh started (by their pid files).
# MariaDB and RabbitMQ are left running.
RUN=/run/herd-osk
desc() { local c; echo "$1"; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do desc "$c"; done; }
pids=()
for f in $RUN/*.pid; do
  [ -f "$f" ] || continue
  p=$(cat "$f"); kill -0 "$p" 2>/dev/null && pids+=($(desc "$p")); rm -f "$f"
done
[ ${#pids[@]} -eq 0 ] && { echo "nothing running"; exit 0; }
kill -TERM "${pids[@]}" 2>/dev/null
for _ in $(seq 1 40); do   # up to 10 s for a graceful stop, then SIGKILL what is left
  left=(); for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
  [ ${#left[@]} -eq 0 ] && break; sleep 0.25
done
[ ${#left[@]} -gt 0 ] && kill -KILL "${left[@]}" 2>/dev/null
echo "stopped ${#pids[@]} process(es)"
