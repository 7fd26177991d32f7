#!/usr/bin/env bash
# Shared set-up for the README's two commands: pnpm 12.4.2, dependencies, and (when asked) Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
want=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want" ]; then
  echo "[setup] installing pnpm@$want"
  npm i -g "pnpm@$want" --allow-scripts=pnpm >/dev/null 2>&1 || npm i -g "pnpm@$want" >/dev/null
fi
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  echo "[setup] installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
pnpm install --frozen-lockfile --reporter=silent
