#!/bin/sh
# Runs the SQLite pixel benchmark in two or more built trees in turn, for several rounds, so that
# versions are compared under the same machine load. Prints one line per run: the tree, then
# "requests/s/server CPU µs per request" for each connection count.
# Each tree needs `npm run build:server` (a worktree can link the main tree's node_modules). The
# benchmark code is this tree's for every tree, so older trees get the same table.
# Usage: bench/alternate.sh ROUNDS CONNECTIONS TREE...
#   e.g. bench/alternate.sh 6 50,256 ../bench-base .
set -eu
if [ "$#" -lt 3 ]; then
  echo "Usage: bench/alternate.sh ROUNDS CONNECTIONS TREE... (for example 6 50,256 ../bench-base .)" >&2
  exit 2
fi
rounds=$1
connections=$2
shift 2
script_directory=$(cd "$(dirname "$0")" && pwd)
round=1
while [ "$round" -le "$rounds" ]; do
  for tree in "$@"; do
    figures=$(READMARK_ROOT="$tree" node "$script_directory/pixel-benchmark.js" --readmark-only --duration 8 \
      --connections "$connections" | awk -F'|' '/^\| Readmark/ { gsub(/ /, "", $4); gsub(/ /, "", $11); printf "%s/%s  ", $4, $11 }')
    echo "round $round  $tree  $figures"
  done
  round=$((round + 1))
done
