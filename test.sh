#!/usr/bin/env bash
# Runs every test. Installs what a fresh machine lacks first (npm packages for the compatibility tests, Chromium for
# the console's browser tests, PostgreSQL for the PostgreSQL provider's tests), and starts a private PostgreSQL
# cluster on a free loopback port for the run, removed afterwards.
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

# The PostgreSQL provider's tests need a server; Debian's package brings one (no cluster of its own is used).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql || { apt-get update && apt-get install -y --no-install-recommends postgresql; }
fi

log=$(mktemp)
pgdir=$(mktemp -d /tmp/switchyard-test-pg.XXXXXX)
trap 'rm -f "$log"; tests/postgres.sh stop "$pgdir"' EXIT
SWITCHYARD_TEST_POSTGRES=$(tests/postgres.sh start "$pgdir")
export SWITCHYARD_TEST_POSTGRES
status=0
dotnet test Switchyard.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!  - /{
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) }
     }
     END { gsub(",", "", p); printf "total: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
