#!/usr/bin/env bash
# System packages the tests need, from Debian's archive. Idempotent: installs
# only what is missing, and runs apt-get update at most once.
set -euo pipefail

packages=(
  chromium        # browser tests (playwright-core drives /usr/bin/chromium)
  redis-server    # the origin cache tests start their own (test/support/redis.ts)
  varnish         # the edge tests start their own varnishd
  varnish-modules # xkey, the tag purges of the shipped VCL
  wrk             # the HTTP benchmarks' load generator (bench/load.ts)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
fi
