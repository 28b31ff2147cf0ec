#!/usr/bin/env bash
# Side-by-side scrape benchmark: Pharos against Debian's Prometheus (and VictoriaMetrics when
# installed) scraping the same synthetic target farm (TargetFarm: TARGETS endpoints on loopback,
# SERIES node-exporter-like samples each) with the same prometheus.yml, one system at a time.
# Each system starts empty, scrapes for WARMUP seconds (series creation), then for MEASURE
# seconds during which the CPU time of its process is taken. Samples stored in that window are
# counted by each system itself (sum_over_time of scrape_samples_post_metric_relabeling).
# Figures: samples per second stored, samples per CPU-second, CPU-seconds per million samples,
# targets up, RSS per active series, and the ratios to Prometheus.
#
# Needs: a built tree (./mvnw -DskipTests install), prometheus (Debian package 'prometheus'),
# optionally victoria-metrics, curl. Knobs (environment): TARGETS (1000), SERIES (1000 per target),
# INTERVAL (15s), WARMUP (60), MEASURE (180), SYSTEMS ("prometheus pharos victoria"),
# FARM_PORT (20000: uses FARM_PORT .. FARM_PORT+TARGETS-1), OUT (benchmarks/target/bench-scrape).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=${TARGETS:-1000}
SERIES=${SERIES:-1000}
INTERVAL=${INTERVAL:-15s}
WARMUP=${WARMUP:-60}
MEASURE=${MEASURE:-180}
SYSTEMS=${SYSTEMS:-"prometheus pharos victoria"}
FARM_PORT=${FARM_PORT:-20000}
OUT=${OUT:-benchmarks/target/bench-scrape}

PROM_YML=$(printf 'global:\n  scrape_interval: %s\nscrape_configs:\n  - job_name: farm\n    static_configs:\n      - targets:\n' "$INTERVAL"
  for i in $(seq 0 $((TARGETS - 1))); do printf "          - '127.0.0.1:%d'\n" $((FARM_PORT + i)); done)
VM_SCRAPE=1
source benchmarks/bench-lib.sh

java -Xmx1g -cp "$JAR" io.pharos.benchmarks.TargetFarm --targets="$TARGETS" --series="$SERIES" \
  --base-port="$FARM_PORT" > "$OUT/farm.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 600); do grep -q 'farm ready' "$OUT/farm.log" && break; sleep 0.1; done
grep -q 'farm ready' "$OUT/farm.log" || { echo "farm did not start: $OUT/farm.log" >&2; exit 1; }
echo "targets=$TARGETS series_per_target=$SERIES interval=$INTERVAL warmup_s=$WARMUP measure_s=$MEASURE" \
  | tee -a "$RESULTS"

instant() { # prints the first value of an instant query at time $3
  curl -s --data-urlencode "query=$2" --data-urlencode "time=$3" "$1/api/v1/query" \
    | sed -n 's/.*"value":\[[0-9.]*,"\([^"]*\)"\].*/\1/p'
}

for sys in $SYSTEMS; do
  start_empty "$sys" || continue
  t_ready=$(now_ms)
  sleep "$WARMUP"
  # The window starts once every series exists: every target was scraped and none of their last
  # scrapes added a series (a target not scraped yet has no scrape_series_added at all).
  api=$("api_$sys")
  for _ in $(seq 1 120); do
    scraped=$(instant "$api" 'count(scrape_series_added{job="farm"})' "$(date +%s)")
    added=$(instant "$api" 'sum(scrape_series_added{job="farm"})' "$(date +%s)")
    [ "${scraped:-0}" = "$TARGETS" ] && [ "${added:-1}" = 0 ] && break
    sleep 5
  done
  record "${sys}_ready_to_all_series_s" "$(( ($(now_ms) - t_ready) / 1000 ))"
  cpu0=$(cpu_ticks "$SERVER_PID"); m0=$(now_ms)
  sleep "$MEASURE"
  cpu1=$(cpu_ticks "$SERVER_PID"); m1=$(now_ms)
  window=$(( (m1 - m0) / 1000 ))
  at=$(awk -v t="$m1" 'BEGIN {printf "%.3f", t / 1000}')
  sleep 2 # the last scrapes of the window are committed
  samples=$(instant "$api" "sum(sum_over_time(scrape_samples_post_metric_relabeling{job=\"farm\"}[${window}s]))" "$at")
  up=$(instant "$api" 'count(up{job="farm"} == 1)' "$at")
  if [ "$sys" = victoria ]; then # its instant count over 1M series hits a search limit
    series=$(curl -s "$api/api/v1/series/count" | sed -n 's/.*"data":\[\([0-9]*\)\].*/\1/p')
  else
    series=$(instant "$api" 'count({job="farm"})' "$at")
  fi
  cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" -v t="$TCK" 'BEGIN {printf "%.2f", (b - a) / t}')
  rss=$(rss_kib "$SERVER_PID")
  record "${sys}_targets_up" "${up:-0}"
  record "${sys}_active_series" "${series:-0}"
  record "${sys}_window_samples" "${samples:-0}"
  record "${sys}_cpu_seconds" "$cpu_s"
  record "${sys}_samples_per_second" "$(awk -v s="${samples:-0}" -v w="$window" 'BEGIN {printf "%.0f", s / w}')"
  record "${sys}_samples_per_cpu_second" "$(awk -v s="${samples:-0}" -v c="$cpu_s" 'BEGIN {printf "%.0f", (c > 0 ? s / c : 0)}')"
  record "${sys}_cpu_seconds_per_million_samples" \
    "$(awk -v s="${samples:-0}" -v c="$cpu_s" 'BEGIN {printf "%.3f", (s > 0 ? c / (s / 1e6) : 0)}')"
  record "${sys}_rss_kib" "$rss"
  record "${sys}_rss_bytes_per_series" "$(awk -v r="$rss" -v n="${series:-0}" 'BEGIN {printf "%.0f", (n > 0 ? r * 1024 / n : 0)}')"
  stop_server
done

# Ratios against Prometheus (<sys> / Prometheus; higher is better for samples per CPU-second).
ratios samples_per_second samples_per_cpu_second cpu_seconds_per_million_samples rss_bytes_per_series
echo "results in $RESULTS"
