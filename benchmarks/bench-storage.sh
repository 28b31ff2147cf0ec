#!/usr/bin/env bash
# Side-by-side storage benchmark: Pharos against Debian's Prometheus (and VictoriaMetrics when
# installed), same machine, same run, same data. Each system in turn, alone on the machine:
#   1. starts empty;  2. receives the same synthetic node-exporter-like series by remote write
#   (RemoteWriteLoad, same seed);  3. answers dashboard-style range queries over the last hour;
#   4. is stopped (du of its data directory) and started again (time to ready).
# Figures: samples per CPU-second of the server process while ingesting, RSS per active series,
# disk bytes per sample (persisted form: a snapshot of Prometheus' and Pharos' head, VictoriaMetrics'
# data directory; and the whole data directory after a clean stop, WAL included), median query
# latency, restart to ready, and the ratios to Prometheus.
#
# Needs: a built tree (./mvnw -DskipTests install), prometheus (Debian package 'prometheus'),
# optionally victoria-metrics, curl. Knobs (environment): SERIES (200000), DURATION (2h),
# INTERVAL (15s), THREADS (2), BATCH (2000), RUNS (5 timed runs per query), SYSTEMS
# ("prometheus pharos victoria"), OUT (benchmarks/target/bench-storage).
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES=${SERIES:-200000}
DURATION=${DURATION:-2h}
INTERVAL=${INTERVAL:-15s}
THREADS=${THREADS:-2}
BATCH=${BATCH:-2000}
RUNS=${RUNS:-5}
SYSTEMS=${SYSTEMS:-"prometheus pharos victoria"}
OUT=${OUT:-benchmarks/target/bench-storage}
source benchmarks/bench-lib.sh

# The persisted form, for disk per sample: Prometheus and Pharos write their head into a snapshot
# (a block; a compacted LMDB copy); VictoriaMetrics' data directory is persisted as it goes.
snapshot_prometheus() {
  local name
  name=$(curl -s -XPOST "http://127.0.0.1:$PORT_PROM/api/v1/admin/tsdb/snapshot" | sed 's/.*"name":"\([^"]*\)".*/\1/')
  echo "$OUT/prometheus/data/snapshots/$name"
}
snapshot_pharos() {
  local name
  name=$(curl -s -XPOST "http://127.0.0.1:$PORT_PHAROS/api/v1/admin/tsdb/snapshot" | sed 's/.*"name":"\([^"]*\)".*/\1/')
  echo "$OUT/pharos/home/data/pharos/tsdb/snapshots/$name"
}
snapshot_victoria() { echo ""; }

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.1; done
}

# Dashboard-style queries (node-exporter dashboards), each over the last hour at a 15 s step.
QUERIES=(
  'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))'
  'avg by (mode) (rate(node_cpu_seconds_total[5m]))'
  'topk(10, rate(node_network_receive_bytes_total[5m]))'
  'node_memory_m1_bytes{instance="host-00001:9100"}'
  'sum by (device) (rate(node_disk_read_bytes_total{instance=~"host-0000[0-9]:9100"}[5m]))'
)

# Median wall time in ms of RUNS timed runs (after one untimed run) of a range query.
query_ms() {
  local api=$1 q=$2 end_s=$3 extra=$4
  local start_s=$((end_s - 3600)) times=()
  local args=(-s -o /dev/null -w '%{time_total}' --data-urlencode "query=$q" --data-urlencode "start=$start_s"
    --data-urlencode "end=$end_s" --data-urlencode "step=15")
  [ -n "$extra" ] && args+=(--data-urlencode "$extra")
  curl "${args[@]}" "$api/api/v1/query_range" > /dev/null
  for _ in $(seq 1 "$RUNS"); do times+=("$(curl "${args[@]}" "$api/api/v1/query_range")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}

series_in() {
  local api=$1 q=$2 end_s=$3
  curl -s --data-urlencode "query=$q" --data-urlencode "start=$((end_s - 3600))" --data-urlencode "end=$end_s" \
    --data-urlencode "step=15" "$api/api/v1/query_range" | grep -o '"metric"' | wc -l
}

END_MS=$(( $(now_ms) / 1000 * 1000 ))
END_MS=$(( END_MS - END_MS % 15000 ))
# Queries end 7 s before the last sample: off the 15 s grid, so that Prometheus 2.42's closed
# range windows and Pharos' left-open ones (Prometheus 3.x) select the same samples.
QEND=$((END_MS / 1000 - 7))
echo "series=$SERIES duration=$DURATION interval=$INTERVAL end_ms=$END_MS" | tee -a "$RESULTS"

for sys in $SYSTEMS; do
  start_empty "$sys" || continue
  rss_idle=$(rss_kib "$SERVER_PID")
  cpu0=$(cpu_ticks "$SERVER_PID")
  load=$(java -Xmx2g -cp "$JAR" io.pharos.benchmarks.RemoteWriteLoad --url="$("api_$sys")/api/v1/write" \
    --series="$SERIES" --duration="$DURATION" --interval="$INTERVAL" --threads="$THREADS" --batch="$BATCH" \
    --end="$END_MS")
  cpu1=$(cpu_ticks "$SERVER_PID")
  echo "$sys load: $load" | tee -a "$RESULTS"
  samples=$(echo "$load" | sed 's/.*samples=\([0-9]*\).*/\1/')
  cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" -v t="$TCK" 'BEGIN {printf "%.2f", (b - a) / t}')
  record "${sys}_ingest_cpu_seconds" "$cpu_s"
  record "${sys}_ingest_samples_per_cpu_second" "$(awk -v s="$samples" -v c="$cpu_s" 'BEGIN {printf "%.0f", s / c}')"
  sleep 30 # let the receiver settle (queues drained, background work done)
  rss=$(rss_kib "$SERVER_PID")
  record "${sys}_rss_kib" "$rss"
  record "${sys}_rss_idle_kib" "$rss_idle"
  record "${sys}_rss_bytes_per_series" "$(awk -v r="$rss" -v n="$SERIES" 'BEGIN {printf "%.0f", r * 1024 / n}')"
  if [ "$sys" = pharos ] && command -v jcmd >/dev/null; then
    # For the note: what the Java heap really holds (after a full GC), apart from G1's slack.
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    sleep 2
    record pharos_heap_live_bytes "$(curl -s "http://127.0.0.1:$PORT_PHAROS/metrics" \
      | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {printf "%.0f", $2}')"
  fi
  extra=""; [ "$sys" = victoria ] && extra="nocache=1"
  for i in "${!QUERIES[@]}"; do
    record "${sys}_q$((i + 1))_ms" "$(query_ms "$("api_$sys")" "${QUERIES[$i]}" "$QEND" "$extra")"
    record "${sys}_q$((i + 1))_series" "$(series_in "$("api_$sys")" "${QUERIES[$i]}" "$QEND")"
  done
  snap=$("snapshot_$sys")
  if [ -n "$snap" ] && [ -d "$snap" ]; then
    record "${sys}_persisted_bytes" "$(du -sb "$snap" | cut -f1)"
    record "${sys}_persisted_bytes_per_sample" "$(du -sb "$snap" | awk -v s="$samples" '{printf "%.3f", $1 / s}')"
    rm -rf "$snap"
  fi
  stop_server
  record "${sys}_disk_bytes" "$(du -sb "$("data_$sys")" | cut -f1)"
  record "${sys}_disk_bytes_per_sample" "$(du -sb "$("data_$sys")" | awk -v s="$samples" '{printf "%.3f", $1 / s}')"
  t0=$(now_ms); "start_$sys"; record "${sys}_restart_to_ready_ms" "$(wait_ready "$("ready_$sys")" "$t0")"
  [ "$sys" = pharos ] && settle_pharos
  record "${sys}_q4_series_after_restart" "$(series_in "$("api_$sys")" "${QUERIES[3]}" $((END_MS / 1000)))"
  stop_server
done

# Ratios against Prometheus (Pharos / Prometheus; lower is better except for ingest).
ratios ingest_samples_per_cpu_second rss_bytes_per_series persisted_bytes_per_sample disk_bytes_per_sample \
  restart_to_ready_ms q1_ms q2_ms q3_ms q4_ms q5_ms
echo "results in $RESULTS"
