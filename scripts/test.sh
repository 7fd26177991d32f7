#!/usr/bin/env bash
# The README's test command: set up a fresh machine, build, and run every test (unit + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
pnpm --silent run build
pnpm --silent run typecheck
exec node scripts/test-all.mjs "$@"
