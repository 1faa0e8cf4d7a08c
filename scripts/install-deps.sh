#!/usr/bin/env bash
# Installs what litgraph needs to build and test, from Debian 12 packages.
# Idempotent: when everything is installed it does nothing and prints nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools      # the index
  libcurl4-openssl-dev            # HTTP
  libpugixml-dev rapidjson-dev    # XML and JSON
  libcli11-dev                    # command-line parsing
  zlib1g-dev libisal-dev          # .gz inputs (ISA-L inflates them fast)
  libjemalloc-dev                 # malloc for the litgraph program (faster indexing)
  catch2                          # tests (v2.13)
  libsqlite3-dev xapian-omega     # the peers of bench/litgraph_peers_bench (SQLite FTS5, scriptindex)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
