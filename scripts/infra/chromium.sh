#!/usr/bin/env bash
# The browser the browser tests drive (playwright-core): Debian's Chromium at /usr/bin/chromium.
# Installs it with apt-get when missing (CI and the dev machines run as root).
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM" >&2
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "chromium: $CHROMIUM is missing; install Debian's chromium package (apt-get install chromium)" >&2
  exit 1
fi
echo "chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends chromium >/dev/null
}
echo "chromium: $("$CHROMIUM" --version) at $CHROMIUM" >&2
