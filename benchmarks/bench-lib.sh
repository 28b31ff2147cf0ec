# Shared parts of the side-by-side benchmarks (sourced by bench-*.sh): how Debian's Prometheus,
# Pharos and VictoriaMetrics start, stop and are measured. Each start_<sys> writes PROM_YML (a
# prometheus.yml) for its system; VictoriaMetrics only scrapes when VM_SCRAPE=1.
JAR=benchmarks/target/benchmarks.jar
DIST=$(ls distribution/target/pharos-*.tar.gz 2>/dev/null | head -1 || true)
PORT_PROM=19190
PORT_PHAROS=19191
PORT_VM=19192
TCK=$(getconf CLK_TCK)
PROM_YML=${PROM_YML:-$'global:\n  scrape_interval: 15s\n'}
VM_SCRAPE=${VM_SCRAPE:-0}

[ -f "$JAR" ] && [ -n "$DIST" ] || { echo "build first: ./mvnw -DskipTests install" >&2; exit 1; }
command -v prometheus >/dev/null || { echo "needs Debian's prometheus (apt-get install prometheus)" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS="$OUT/results.txt"
: > "$RESULTS"

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
record() { echo "$1=$2" | tee -a "$RESULTS"; }
get() { grep "^$1=" "$RESULTS" | tail -1 | cut -d= -f2; }

# Waits until the URL answers 2xx; prints the milliseconds since $2.
wait_ready() {
  local url=$1 since=$2
  for _ in $(seq 1 6000); do
    if curl -sf -o /dev/null "$url"; then echo $(( $(now_ms) - since )); return 0; fi
    sleep 0.05
  done
  echo "not ready: $url" >&2; return 1
}

# --- how each system starts; each sets SERVER_PID (the process that does the work) -------------
start_prometheus() {
  mkdir -p "$OUT/prometheus"
  printf '%s' "$PROM_YML" > "$OUT/prometheus/prometheus.yml"
  prometheus --config.file="$OUT/prometheus/prometheus.yml" --storage.tsdb.path="$OUT/prometheus/data" \
    --web.listen-address=127.0.0.1:$PORT_PROM --web.enable-remote-write-receiver --web.enable-admin-api \
    --storage.tsdb.retention.time=15d >> "$OUT/prometheus/log" 2>&1 &
  SERVER_PID=$!; PIDS+=("$SERVER_PID")
}
ready_prometheus() { echo "http://127.0.0.1:$PORT_PROM/-/ready"; }
api_prometheus() { echo "http://127.0.0.1:$PORT_PROM"; }
data_prometheus() { echo "$OUT/prometheus/data"; }

start_pharos() {
  local home="$OUT/pharos/home"
  if [ ! -d "$home" ]; then
    mkdir -p "$OUT/pharos"
    tar -xzf "$DIST" -C "$OUT/pharos"
    mv "$OUT/pharos"/pharos-* "$home"
    sed -i "s/^port *=.*/port = $PORT_PHAROS/; s/^host *=.*/host = 127.0.0.1/" "$home/etc/io.pharos.http.cfg"
    sed -i 's/^enabled *=.*/enabled = true/' "$home/etc/io.pharos.remotewrite.cfg"
    sed -i 's/^admin.enabled *=.*/admin.enabled = true/' "$home/etc/io.pharos.http.cfg"
    printf '%s' "$PROM_YML" > "$home/etc/prometheus.yml"
    sed -i 's/^sshPort *=.*/sshPort = 19101/' "$home/etc/org.apache.karaf.shell.cfg"
    sed -i 's/^rmiRegistryPort *=.*/rmiRegistryPort = 19102/; s/^rmiServerPort *=.*/rmiServerPort = 19103/' \
      "$home/etc/org.apache.karaf.management.cfg"
  fi
  "$home/bin/karaf" server >> "$OUT/pharos/log" 2>&1 &
  PHAROS_LAUNCHER=$!; PIDS+=("$PHAROS_LAUNCHER")
  SERVER_PID=$PHAROS_LAUNCHER # until ready: bin/karaf runs short-lived java checks before the JVM
}
# After ready: the Karaf JVM is the launcher's java child.
settle_pharos() {
  SERVER_PID=$(pgrep -P "$PHAROS_LAUNCHER" java | tail -1)
  [ -n "$SERVER_PID" ] || { echo "Pharos JVM not found: see $OUT/pharos/log" >&2; exit 1; }
  PIDS+=("$SERVER_PID")
}
ready_pharos() { echo "http://127.0.0.1:$PORT_PHAROS/-/ready"; }
api_pharos() { echo "http://127.0.0.1:$PORT_PHAROS"; }
data_pharos() { echo "$OUT/pharos/home/data/pharos/tsdb"; }

start_victoria() {
  mkdir -p "$OUT/victoria"
  local scrape=()
  if [ "$VM_SCRAPE" = 1 ]; then
    printf '%s' "$PROM_YML" > "$OUT/victoria/prometheus.yml"
    # Queries see the newest samples (by default they lag 30 s behind, which would hide a window).
    scrape=(-promscrape.config="$OUT/victoria/prometheus.yml" -search.latencyOffset=0s)
  fi
  victoria-metrics -storageDataPath="$OUT/victoria/data" -httpListenAddr=127.0.0.1:$PORT_VM \
    -retentionPeriod=1y "${scrape[@]}" >> "$OUT/victoria/log" 2>&1 &
  SERVER_PID=$!; PIDS+=("$SERVER_PID")
}
ready_victoria() { echo "http://127.0.0.1:$PORT_VM/health"; }
api_victoria() { echo "http://127.0.0.1:$PORT_VM"; }
data_victoria() { echo "$OUT/victoria/data"; }

# Starts system $1 on an empty data directory and records how long it took to be ready; fails
# (status 1) when the system is not installed, so that callers skip it.
start_empty() {
  local sys=$1 t0
  if [ "$sys" = victoria ] && ! command -v victoria-metrics >/dev/null; then
    echo "victoria-metrics not installed: skipped" | tee -a "$RESULTS"; return 1
  fi
  echo "== $sys"
  t0=$(now_ms); "start_$sys"; record "${sys}_start_empty_ms" "$(wait_ready "$("ready_$sys")" "$t0")"
  if [ "$sys" = pharos ]; then settle_pharos; fi
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.1; done
}

# Prints "<ratio lines>" of the given metrics, <sys> / prometheus, into the results.
ratios() {
  grep -q '^prometheus_' "$RESULTS" || return 0
  for sys in pharos victoria; do
    grep -q "^${sys}_" "$RESULTS" || continue
    echo "== $sys / prometheus" | tee -a "$RESULTS"
    for m in "$@"; do
      a=$(get "${sys}_$m"); b=$(get "prometheus_$m")
      [ -n "$a" ] && [ -n "$b" ] || continue
      record "ratio_${sys}_${m}" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
    done
  done
}
