#!/usr/bin/env bash
# Runs the hub's throughput benchmarks (ingest through the ERP inbox, reconciliation of a bank
# return, each against a PostgreSQL COPY baseline) and prints figures, ratios and targets.
#   benchmarks/run.sh [--jfr] [options]      (./hub bench [--jfr] [options] does the same)
# Options: --ingest-sizes=100000,1000000 --portfolios=100000,1000000 --settle=100000 --warmup=20000
#          --data-dir=DIR --keep --no-statement-stats --auto-explain=MS --top=10 --report=FILE --plugins-dir=DIR
#          --seed=20251205 --recon-limit=120 --recon-pg-setting=NAME=VALUE (what-if, reconciliation only)
#          --chain-compare=100000 (the same import into two fresh hubs, audit hash chain off then on; 0 skips)
#          --webhooks=10000 (Pix notifications POSTed to the hub's webhook vs a no-op endpoint, then replayed; 0 skips)
#          --webhook-threads=8 (client threads of the webhook phase)
# --jfr records a Java Flight Recording into benchmarks/target/bench.jfr
# (summarise: jfr print --events jdk.ExecutionSample benchmarks/target/bench.jfr | ...).
# Heap and other JVM flags: BENCH_JAVA_OPTS (default -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR="$ROOT/benchmarks/target/hub-benchmarks.jar"
PLUGINS="$ROOT/hub-core/hub-server/target/plugins"

HUB_JAR="$ROOT/hub-core/hub-server/target/hub-server-0.1.0-SNAPSHOT.jar"
newest=""
if [ -f "$JAR" ] && [ -f "$HUB_JAR" ]; then
  # Rebuild when any source is newer than the benchmark jar or than the hub-server jar it copied.
  for ref in "$JAR" "$HUB_JAR"; do
    newest=$(find "$ROOT" -path "$ROOT/.hub" -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -name 'plugin.properties' \) -newer "$ref" -print -quit 2>/dev/null || true)
    [ -n "$newest" ] && break
  done
fi
if [ ! -f "$JAR" ] || [ ! -f "$HUB_JAR" ] || [ ! -d "$PLUGINS" ] || [ ! -d "$ROOT/benchmarks/target/lib" ] || [ -n "$newest" ] \
   || [ "$HUB_JAR" -nt "$ROOT/benchmarks/target/lib/hub-server-0.1.0-SNAPSHOT.jar" ]; then
  echo "Building the hub, its plugins and the benchmarks (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests package
fi

JFR=()
args=()
for a in "$@"; do
  if [ "$a" = "--jfr" ]; then
    JFR=("-XX:StartFlightRecording=filename=$ROOT/benchmarks/target/bench.jfr,settings=profile,dumponexit=true")
  else
    args+=("$a")
  fi
done

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx4g} "${JFR[@]}" -Dbench.repo="$ROOT" -Duser.timezone=UTC \
  -cp "$JAR:$ROOT/benchmarks/target/lib/*" br.com.recebiveishub.bench.BenchMain "${args[@]}"
