#!/usr/bin/env bash
# Takes one screenshot per console page into docs/img/console-*.png: the browser test that starts the quickstart
# (switchyard serve with its Braze sandbox), sends sample traffic, signs in and photographs each page in Debian's
# Chromium. Not run by ./test.sh with this directory: there the same test writes to a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: run ./test.sh once (it installs Debian's chromium), or apt-get install chromium." >&2
  exit 1
fi

SWITCHYARD_SCREENSHOTS="$PWD/docs/img" dotnet test tests/Switchyard.Tests --nologo \
  --filter "FullyQualifiedName~ConsoleBrowserTests.Every_page_is_photographed_after_sample_traffic"
ls -1 docs/img/console-*.png
