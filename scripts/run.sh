#!/usr/bin/env bash
# Quick start: installs the dependencies, builds, and runs litgraph's main job on
# the shipped corpus: for now, the references that the five articles cite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" >/dev/null
build=${LITGRAPH_BUILD_DIR:-$root/build}
cd "$root"
"$build/cli/litgraph" refs corpus/
