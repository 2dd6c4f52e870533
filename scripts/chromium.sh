#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests; does nothing when it is already installed.
set -euo pipefail
command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium)
