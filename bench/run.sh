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

echo "== the rules: what EcsRules.Synth adds to a cold and a warm synthesis"
TMPDIR="$scratch" dotnet "$bench_dll" --rules --warmup "$WARMUP" --iterations "$ITERATIONS"

echo "== ecs-rules check over every committed snapshot template (whole process, .NET start-up included)"
dotnet build src/EcsConstructs.Rules.Cli -c Release -v q -nologo > "$scratch/cli.log" 2>&1 || { cat "$scratch/cli.log"; exit 1; }
cli=src/EcsConstructs.Rules.Cli/bin/Release/net10.0/EcsConstructs.Rules.Cli.dll
mapfile -t snapshots < <(git ls-files 'test/*__snapshots__/*.template.json')
echo "${#snapshots[@]} templates"
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 2 --runs "$((ITERATIONS * 2))" --ignore-failure --style basic \
    "dotnet $cli --version" "dotnet $cli check ${snapshots[*]}" "dotnet $cli check test/EcsConstructs.Rules.Tests/KnownGood/Fargate"
else
  echo "(hyperfine not installed: apt-get install hyperfine; timing one run)"
  /usr/bin/time -f "%e s wall, %U s user" dotnet "$cli" check "${snapshots[@]}" > /dev/null || true
fi

echo "== cdk synth as a whole process: every example and an empty C# CDK app (what a user waits for)"
# cdk.json's app command (tools/cdk-app/run.mjs: build only when something changed, then the built
# app); the warm-up run builds. The empty app is the floor every C# CDK app pays (jsii start-up), plain
# and with the start-up warm-up the examples use (EMPTY_APP_WARM_UP=1: CdkStartup.WarmUp()).
main=examples/NginxWalkthrough/NginxWalkthrough.csproj
empty=bench/EmptyCdkApp/EmptyCdkApp.csproj
main_dll=examples/NginxWalkthrough/bin/Debug/net10.0/NginxWalkthrough.dll
empty_dll=bench/EmptyCdkApp/bin/Debug/net10.0/EmptyCdkApp.dll
if command -v hyperfine > /dev/null; then
  synth_cmds=(-n "npx cdk synth (README, main example)" "npx cdk synth -q -o $scratch/synth-readme")
  for project in $main examples/MixedCapacity/MixedCapacity.csproj \
    examples/StepScalingWalkthrough/StepScalingWalkthrough.csproj examples/MultiStack/MultiStack.csproj \
    examples/FargateWorker/FargateWorker.csproj examples/ExistingInfrastructure/ExistingInfrastructure.csproj $empty; do
    name=$(basename "$project" .csproj)
    synth_cmds+=(-n "$name" "node_modules/.bin/cdk synth -q -o $scratch/synth-$name --app 'node tools/cdk-app/run.mjs $project'")
  done
  synth_cmds+=(-n "EmptyCdkApp + warm-up" "EMPTY_APP_WARM_UP=1 node_modules/.bin/cdk synth -q -o $scratch/synth-empty-warm --app 'node tools/cdk-app/run.mjs $empty'")
  TMPDIR="$scratch" hyperfine --warmup 1 --runs "$ITERATIONS" --style basic "${synth_cmds[@]}"

  echo "== the parts of npx cdk synth (main example)"
  # The CLI alone: an existing cloud assembly as the app (nothing runs); the launcher's check; the built
  # apps alone (what the launcher starts), main example and empty app.
  CDK_OUTDIR="$scratch/assembly" dotnet "$main_dll" > /dev/null 2>&1
  TMPDIR="$scratch" CDK_OUTDIR="$scratch/app-out" hyperfine --warmup 1 --runs "$ITERATIONS" --style basic \
    -n "npx + CLI (npx cdk synth of a ready cloud assembly)" "npx cdk synth -q --app $scratch/assembly -o $scratch/assembly" \
    -n "CLI (node_modules/.bin/cdk synth of a ready cloud assembly)" "node_modules/.bin/cdk synth -q --app $scratch/assembly -o $scratch/assembly" \
    -n "launcher check (node tools/cdk-app/run.mjs --check)" "node tools/cdk-app/run.mjs $main --check" \
    -n "main example app alone (dotnet NginxWalkthrough.dll)" "dotnet $main_dll" \
    -n "empty app alone" "dotnet $empty_dll" \
    -n "empty app alone + warm-up" "EMPTY_APP_WARM_UP=1 dotnet $empty_dll"
else
  echo "(hyperfine not installed: apt-get install hyperfine)"
fi

echo "== inside one app process: start-up, type map, constructs, synthesis, rules (medians)"
# The default .NET setting (dynamic PGO on) against the apps' TieredPGO=false, and the empty app with
# and without the warm-up.
TMPDIR="$scratch" node bench/phases.mjs --runs "$((ITERATIONS + 2))" \
  "main=$main_dll" "main, dynamic PGO=$main_dll" "empty=$empty_dll" "empty + warm-up=$empty_dll" \
  --env "main, dynamic PGO" DOTNET_TieredPGO=1 --env "empty + warm-up" EMPTY_APP_WARM_UP=1

if [[ "${SKIP_TESTS:-}" != "1" ]]; then
  echo "== test suite wall time"
  # The README's test command (an incremental build, then the four test projects in parallel),
  # then the test run alone. The machine's busy core-seconds during each show how CPU-bound it is.
  suite() { # label, command...
    local label=$1; shift
    read -r _ u n s i w x y z _ < /proc/stat; local b0=$((u+n+s+x+y+z)) t0=$(date +%s%N)
    TMPDIR="$scratch" "$@" > "$scratch/suite.log" 2>&1 || { tail -n 30 "$scratch/suite.log"; exit 1; }
    read -r _ u n s i w x y z _ < /proc/stat; local b1=$((u+n+s+x+y+z)) t1=$(date +%s%N)
    grep -E '^(Passed|Failed)!' "$scratch/suite.log" || true
    echo "$label: $(( (t1 - t0) / 1000000 )) ms, $(( (b1 - b0) / $(getconf CLK_TCK) )) busy core-seconds"
  }
  suite "dotnet build EcsConstructs.sln && dotnet test EcsConstructs.sln --no-build (README command, incremental build)" \
    bash -c 'dotnet build EcsConstructs.sln -v q -nologo && dotnet test EcsConstructs.sln --no-build -v q -nologo'
  suite "dotnet test EcsConstructs.sln --no-build (tests only)" dotnet test EcsConstructs.sln --no-build -v q -nologo
fi
