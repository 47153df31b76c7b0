#!/bin/bash
# Runs the SQLite pixel benchmark (8 s per connection count) in two or more built trees in turn,
# for several rounds, so that versions are compared under the same machine load. The benchmark
# code is this tree's for every tree, so older trees get the same table. Each tree needs
# `npm run build:server`; a worktree can link this tree's node_modules. Relative tree paths are
# taken from the current folder. Prints one line per run, for example
#   round 1  /work/bench-base  50: 12284 requests/s, 95 µs/request  256: 13247 requests/s, 90 µs/request
# The medians and ranges in docs/BENCHMARKS.md are taken from these lines.
# Usage: bench/alternate.sh ROUNDS CONNECTIONS TREE...
#   e.g. bench/alternate.sh 6 50,256 ../bench-base .
set -euo pipefail

usage='Usage: bench/alternate.sh ROUNDS CONNECTIONS TREE... (for example 6 50,256 ../bench-base .)'
if [ "$#" -lt 3 ]; then
  echo "$usage" >&2
  exit 2
fi
rounds=$1
connections=$2
shift 2
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "Invalid ROUNDS '$rounds': expected a whole number of 1 or more. $usage" >&2
  exit 2
fi
if ! [[ "$connections" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]]; then
  echo "Invalid CONNECTIONS '$connections': expected numbers separated by commas, such as 50,256. $usage" >&2
  exit 2
fi

trees=()
for tree in "$@"; do
  if [ ! -d "$tree" ]; then
    echo "Tree '$tree' not found: give the folder of a checkout or worktree of Readmark." >&2
    exit 2
  fi
  absolute=$(cd "$tree" && pwd)
  if [ ! -f "$absolute/dist/server/core/trackingId.js" ]; then
    echo "Tree '$tree' is not built: run 'npm run build:server' (or 'npx tsc -p tsconfig.build.json') in it." >&2
    exit 2
  fi
  trees+=("$absolute")
done

script_directory=$(cd "$(dirname "$0")" && pwd)
output=$(mktemp)
trap 'rm -f "$output"' EXIT
for round in $(seq 1 "$rounds"); do
  for tree in "${trees[@]}"; do
    if ! READMARK_ROOT="$tree" node "$script_directory/pixel-benchmark.js" --readmark-only --duration 8 \
      --connections "$connections" >"$output"; then
      echo "The benchmark failed in $tree (round $round); its messages are above." >&2
      exit 1
    fi
    figures=$(awk -F'|' '/^\| Readmark/ {
      gsub(/ /, "", $3); gsub(/ /, "", $4); gsub(/ /, "", $11)
      printf "  %s: %s requests/s, %s µs/request", $3, $4, $11
    }' "$output")
    echo "round $round  $tree$figures"
  done
done
