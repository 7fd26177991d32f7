#!/usr/bin/env bash
# The README's demo command: set up, build, and serve the Acme Analytics demo with the default flow.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm --silent run build
exec node examples/acme/server.mjs "$@"
