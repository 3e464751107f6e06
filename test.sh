#!/usr/bin/env bash
# Runs every test. Installs what a fresh machine lacks first (npm packages for the compatibility tests).
set -euo pipefail
cd "$(dirname "$0")"

if [ -f tests/Switchyard.Compat/node/package.json ]; then
  (cd tests/Switchyard.Compat/node && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet test Switchyard.sln --nologo "$@"
