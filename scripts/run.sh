#!/usr/bin/env bash
# Quick start: installs the dependencies, builds, and runs litgraph's main job on
# the shipped corpus: the references that the five articles cite, their
# metadata from Crossref and PubMed, the entities they mention and the index. Without a network the crawl says which
# service it could not reach and which works failed, and the script still
# finishes: exit code 1 from the crawl means "done, with failures".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" >/dev/null
build=${LITGRAPH_BUILD_DIR:-$root/build}
cd "$root"
"$build/cli/litgraph" refs corpus/
echo
status=0
"$build/cli/litgraph" crawl corpus/ || status=$?
if [ "$status" -eq 1 ]; then
  echo "run.sh: the crawl finished with failures (see above); what it fetched is in the data directory" >&2
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo
# The entities the articles mention, then the index of articles and crawled works.
"$build/cli/litgraph" entities corpus/ --type condition,receptor
echo
"$build/cli/litgraph" index corpus/
"$build/cli/litgraph" stats
