#!/usr/bin/env bash
# Runs every test. Installs what a fresh machine lacks first (npm packages for the compatibility tests, Chromium for
# the console's browser tests).
set -euo pipefail
cd "$(dirname "$0")"

if [ -f tests/Switchyard.Compat/node/package.json ]; then
  (cd tests/Switchyard.Compat/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# The console's browser tests drive Debian's Chromium (never a downloaded browser); they fail without it.
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Switchyard.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!  - /{
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) }
     }
     END { gsub(",", "", p); printf "total: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
