#!/usr/bin/env bash
# Synthesis benchmark of EcsConstructs against the same template written with raw aws-cdk-lib L2
# constructs, plus the wall time of the test suite. Usage (from anywhere, after `npm ci`):
#   bench/run.sh                  # 2 warm-up + 5 measured runs per case
#   WARMUP=3 ITERATIONS=10 bench/run.sh
#   SKIP_TESTS=1 bench/run.sh     # synthesis only
# Each case runs in a process of its own (one jsii Node.js process each; peak memory per case).
# Results are printed as Markdown tables; see bench/README.md for the latest figures.
set -euo pipefail
cd "$(dirname "$0")/.."

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WARMUP="${WARMUP:-2}"
ITERATIONS="${ITERATIONS:-5}"

# jsii unpacks ~66 MB of runtime archives into TMPDIR per process: keep them in one folder we delete.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK, node $(node --version)"

echo "== build (Release)"
dotnet build bench/EcsConstructs.Benchmarks -c Release -v q -nologo > "$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
bench_dll=bench/EcsConstructs.Benchmarks/bin/Release/net10.0/EcsConstructs.Benchmarks.dll

echo "== same template? (EcsConstructs vs raw L2, 1 and 5 services)"
TMPDIR="$scratch" dotnet "$bench_dll" --verify

echo "== synthesis (${WARMUP} warm-up + ${ITERATIONS} measured runs per case)"
TMPDIR="$scratch" dotnet "$bench_dll" --all --warmup "$WARMUP" --iterations "$ITERATIONS"

echo "== jsii round trips (C# -> Node.js requests) per synthesis"
TMPDIR="$scratch" dotnet "$bench_dll" --calls

if [[ "${SKIP_TESTS:-}" != "1" ]]; then
  echo "== test suite wall time"
  # The README's test command (builds incrementally first), then the test run alone.
  start=$(date +%s%N)
  TMPDIR="$scratch" dotnet test EcsConstructs.sln -v q -nologo > "$scratch/test-sln.log" 2>&1 || { tail -n 30 "$scratch/test-sln.log"; exit 1; }
  end=$(date +%s%N)
  grep -E '^(Passed|Failed)!' "$scratch/test-sln.log" || true
  echo "dotnet test EcsConstructs.sln (incremental build + tests): $(( (end - start) / 1000000 )) ms"

  start=$(date +%s%N)
  TMPDIR="$scratch" dotnet test test/EcsConstructs.Tests --no-build -v q -nologo > "$scratch/test-nobuild.log" 2>&1 || { tail -n 30 "$scratch/test-nobuild.log"; exit 1; }
  end=$(date +%s%N)
  echo "dotnet test test/EcsConstructs.Tests --no-build (tests only): $(( (end - start) / 1000000 )) ms"
fi
