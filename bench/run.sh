#!/usr/bin/env bash
# The benchmark in one command: bench/run.sh [--quick] [--only relay100,relay1000,idle,handoff]
# Builds everything in Release, starts PostgreSQL and redis-server on free loopback ports (in a
# temporary folder, removed on exit), then for each scenario alternates the servers
# Chat, bare SignalR, Socket.IO (A B C A B C …), and writes bench/results/latest.json and latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=$ROOT/bench

MODE=full
ONLY=relay100,relay1000,idle,handoff
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --only) ONLY=$2; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--only relay100,relay1000,idle,handoff]" >&2; exit 2 ;;
  esac
  shift
done

# Sizes: the full run stays under 20 minutes, --quick under 2 (builds done). Warm-ups are long enough for the
# JIT's tiering to settle: a fresh Chat server's relay throughput climbs for its first ~20 s (bench/README.md).
PER_AGENT=10 # conversations followed by one agent connection (the same topology for all three servers)
if [ "$MODE" = full ]; then
  ROUNDS=3
  R100_WARMUP=15; R100_DURATION=10
  R1000_PAIRS=1000; R1000_WARMUP=15; R1000_DURATION=10
  IDLE_ROUNDS=3; IDLE_CONNECTIONS=15000; IDLE_PROCESSES=3; IDLE_WARM=600; IDLE_SETTLE=5
  HANDOFF_ROUNDS=3; HANDOFF_WARMUP=15; HANDOFF_DURATION=10
else
  ROUNDS=1
  R100_WARMUP=5; R100_DURATION=3
  R1000_PAIRS=1000; R1000_WARMUP=5; R1000_DURATION=3
  IDLE_ROUNDS=1; IDLE_CONNECTIONS=2000; IDLE_PROCESSES=2; IDLE_WARM=200; IDLE_SETTLE=2
  HANDOFF_ROUNDS=1; HANDOFF_WARMUP=5; HANDOFF_DURATION=4
fi
IMPORT_ACCOUNTS=10000
HANDOFF_RATE=50
PG_BIN=${CHAT_PG_BIN:-/usr/lib/postgresql/15/bin}

STARTED=$SECONDS
log() { printf '[%s +%4ds] %s\n' "$(date +%H:%M:%S)" $((SECONDS - STARTED)) "$*"; }
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

# --- prerequisites ---------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Install them (apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for tool in dotnet node npm; do
  command -v $tool >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

# Idle connections need file descriptors: raise the soft limit to the hard one (20,000 here).
ulimit -n "$(ulimit -Hn)"
log "mode $MODE, scenarios $ONLY; open files per process: $(ulimit -n); load average $(cut -d' ' -f1-3 /proc/loadavg)"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- temporary folder, processes, cleanup ------------------------------------------------------
TMP=$(mktemp -d /tmp/chat-bench.XXXXXX)
chmod 755 "$TMP"
RUN=$BENCH/results/tmp/$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN/logs"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do stop_pid "$pid" INT; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits (at most $2 seconds) until $1 answers 200.
wait_http() {
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "no answer from $1" >&2; return 1; }
    sleep 0.2
  done
}

# Stops a process started here: TERM (or $2), then KILL after 10 s.
stop_pid() {
  local pid=$1 i
  kill "-${2:-TERM}" "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# --- build -------------------------------------------------------------------------------------
log "building (Release)"
SkipFrontEnd=true dotnet build -c Release "$ROOT/src/Chat.Server" -nologo -v:q "-clp:ErrorsOnly;NoSummary"
dotnet build -c Release "$BENCH/BareSignalR" -nologo -v:q "-clp:ErrorsOnly;NoSummary"
dotnet build -c Release "$BENCH/Chat.Bench.LoadGen" -nologo -v:q "-clp:ErrorsOnly;NoSummary"
(cd "$BENCH/socketio" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
CHAT_DLL=$ROOT/src/Chat.Server/bin/Release/net10.0/Chat.Server.dll
BARE_DLL=$BENCH/BareSignalR/bin/Release/net10.0/BareSignalR.dll
LOADGEN=(dotnet "$BENCH/Chat.Bench.LoadGen/bin/Release/net10.0/Chat.Bench.LoadGen.dll")

# --- PostgreSQL and Redis ----------------------------------------------------------------------
# As root, PostgreSQL runs as user postgres; setpriv execs in place, so $! is the postmaster itself.
as_pg() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid postgres --regid postgres --init-groups -- "$@"; else "$@"; fi; }
mkdir -p "$TMP/pg" "$TMP/redis"
[ "$(id -u)" -ne 0 ] || chown -R postgres "$TMP/pg"
PG_PORT=$(free_port)
log "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT (durability defaults: fsync=on, synchronous_commit=on)"
as_pg "$PG_BIN/initdb" -D "$TMP/pg/data" -U chat -A trust -E UTF8 --no-sync >"$RUN/logs/initdb.log"
as_pg "$PG_BIN/postgres" -D "$TMP/pg/data" -p "$PG_PORT" -h 127.0.0.1 -k "$TMP/pg" -c max_connections=300 >"$RUN/logs/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 150); do "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.2; done
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || { echo "PostgreSQL did not start" >&2; exit 1; }
PG_PID=$(head -1 "$TMP/pg/data/postmaster.pid") # the postmaster; its children are the backends
PIDS=("$PG_PID" "${PIDS[@]}")
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U chat chat_bench
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=chat;Database=chat_bench"

REDIS_PORT=$(free_port)
log "starting redis-server on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$TMP/redis" --appendonly yes --appendfsync everysec --save "" \
  --protected-mode no --maxclients 1000 >"$RUN/logs/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=("$REDIS_PID")
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# --- the three servers -------------------------------------------------------------------------
# Every load-generator client comes from 127.0.0.1, so Chat's per-address connection and hub-call limits
# (production defaults: 50 connections, 20 calls/s per connection) are lifted; everything else is production.
SERVER_PID=
SERVER_URL=
CHAT_EXTRA=() # extra settings for one scenario's Chat server
start_server() { # $1 = chat | signalr | socketio, $2 = log name
  local port
  port=$(free_port)
  SERVER_URL=http://127.0.0.1:$port
  case "$1" in
    chat)
      (cd "$(dirname "$CHAT_DLL")" && ConnectionStrings__Postgres="$PG_CONN" \
        ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT,abortConnect=false" \
        Chat__Demo__Seed=true ASPNETCORE_ENVIRONMENT=Production \
        Chat__Security__MaxConnectionsPerAddress=1000000 Chat__Security__HubCallsPerSecond=10000 Chat__Security__HubCallBurst=100000 \
        exec env "${CHAT_EXTRA[@]}" dotnet "$CHAT_DLL" --urls "$SERVER_URL") >"$RUN/logs/$2.log" 2>&1 &
      ;;
    signalr)
      (cd "$(dirname "$BARE_DLL")" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$BARE_DLL" --urls "$SERVER_URL") >"$RUN/logs/$2.log" 2>&1 &
      ;;
    socketio)
      node "$BENCH/socketio/server.js" "$port" >"$RUN/logs/$2.log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  wait_http "$SERVER_URL/health/ready" 60
}

stop_server() {
  stop_pid "$SERVER_PID"
  SERVER_PID=
}

cpu_spec() { # what the load generator meters: the server, and for Chat its PostgreSQL backends and Redis
  if [ "$1" = chat ]; then echo "server=$SERVER_PID,postgres=$PG_PID+,redis=$REDIS_PID"; else echo "server=$SERVER_PID"; fi
}

relay_round() { # $1 scenario, $2 server, $3 round, $4 pairs, $5 warmup, $6 duration
  local out=$RUN/$1-$2-r$3.json
  start_server "$2" "$1-$2-r$3"
  log "$1 round $3/$ROUNDS: $2 ($4 pairs, ${6}s after ${5}s warm-up)"
  if [ "$2" = socketio ]; then
    timeout 300 node "$BENCH/socketio/client.js" --url "$SERVER_URL" --pairs "$4" --per-agent $PER_AGENT \
      --warmup "$5" --duration "$6" --cpu "$(cpu_spec "$2")" --out "$out"
  else
    timeout 300 "${LOADGEN[@]}" relay --target "$2" --url "$SERVER_URL" --pairs "$4" --per-agent $PER_AGENT \
      --warmup "$5" --duration "$6" --cpu "$(cpu_spec "$2")" --out "$out"
  fi
  stop_server
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Waits (at most $2 seconds) until $1 files named *.$3 exist in $4.
wait_signals() {
  local deadline=$((SECONDS + $2))
  until [ "$(find "$4" -name "*.$3" | wc -l)" -ge "$1" ]; do
    [ $SECONDS -lt $deadline ] || { echo "idle workers did not reach '$3'" >&2; return 1; }
    sleep 0.5
  done
}

idle_round() { # $1 server, $2 round
  local signals=$RUN/idle-signals-$1-r$2 per=$((IDLE_CONNECTIONS / IDLE_PROCESSES)) warm=$((IDLE_WARM / IDLE_PROCESSES)) p workers=()
  mkdir -p "$signals"
  start_server "$1" "idle-$1-r$2"
  log "idle round $2/$IDLE_ROUNDS: $1 ($IDLE_CONNECTIONS visitors over $IDLE_PROCESSES load-generator processes)"
  for p in $(seq "$IDLE_PROCESSES"); do
    timeout 600 "${LOADGEN[@]}" idle --target "$1" --url "$SERVER_URL" --connections "$per" --warm "$warm" \
      --name "w$p" --signal-dir "$signals" --hold-max 300 --out "$signals/w$p.json" &
    workers+=($!)
    PIDS+=($!)
  done
  wait_signals "$IDLE_PROCESSES" 400 warm "$signals"
  local before after ready
  sleep 1
  before=$(rss_kb "$SERVER_PID")
  log "idle $1: $warm×$IDLE_PROCESSES warm connections held, server RSS $((before / 1024)) MB; opening the rest"
  touch "$signals/go"
  wait_signals "$IDLE_PROCESSES" 400 ready "$signals"
  sleep "$IDLE_SETTLE"
  after=$(rss_kb "$SERVER_PID")
  ready=$(awk '{ s += $1 } END { print s + 0 }' "$signals"/*.ready)
  log "idle $1: $ready connections held, server RSS $((after / 1024)) MB"
  touch "$signals/stop"
  for p in "${workers[@]}"; do wait "$p" || true; done
  local failed
  failed=$(cat "$signals"/w*.json | grep -o '"failed":[0-9]*' | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }')
  printf '{"connections":%d,"measured":%d,"rssBeforeKb":%d,"rssAfterKb":%d,"failed":%d}\n' \
    "$ready" $((ready - warm * IDLE_PROCESSES)) "$before" "$after" "$failed" >"$RUN/idle-$1-r$2.json"
  stop_server
}

# --- scenarios ---------------------------------------------------------------------------------
if wants relay100; then
  for r in $(seq $ROUNDS); do
    for s in chat signalr socketio; do relay_round relay100 $s "$r" 100 $R100_WARMUP $R100_DURATION; done
  done
fi
if wants relay1000; then
  for r in $(seq $ROUNDS); do
    for s in chat signalr socketio; do relay_round relay1000 $s "$r" $R1000_PAIRS $R1000_WARMUP $R1000_DURATION; done
  done
fi
if wants relay100 || wants relay1000; then
  stored=$(psql -h 127.0.0.1 -p "$PG_PORT" -U chat -d chat_bench -tAc 'SELECT count(*) FROM "Messages"')
  echo "{\"stored\":$stored}" >"$RUN/persisted.json"
  log "messages stored by Chat: $stored"
fi
if wants idle; then
  for r in $(seq $IDLE_ROUNDS); do
    for s in chat signalr; do idle_round $s "$r"; done
  done
fi

if wants handoff; then
  # Every identification comes from 127.0.0.1: the per-address limit (30 per 10 min) is lifted for this scenario only.
  CHAT_EXTRA=(Chat__Handoff__AttemptsPerAddress=1000000)
  for r in $(seq $HANDOFF_ROUNDS); do
    start_server chat "handoff-r$r"
    log "import round $r/$HANDOFF_ROUNDS: $IMPORT_ACCOUNTS accounts"
    timeout 300 "${LOADGEN[@]}" import --url "$SERVER_URL" --accounts $IMPORT_ACCOUNTS --round "$r" --out "$RUN/import-r$r.json"
    log "handoff round $r/$HANDOFF_ROUNDS: identifications at $HANDOFF_RATE/s"
    timeout 300 "${LOADGEN[@]}" handoff --url "$SERVER_URL" --rate $HANDOFF_RATE --warmup $HANDOFF_WARMUP \
      --duration $HANDOFF_DURATION --accounts $IMPORT_ACCOUNTS --round "$r" --out "$RUN/handoff-r$r.json"
    stop_server
  done
  CHAT_EXTRA=()
fi

# --- results -----------------------------------------------------------------------------------
log "summarising"
"${LOADGEN[@]}" summarize --in "$RUN" --json "$BENCH/results/latest.json" --md "$BENCH/results/latest.md" \
  --readme "$BENCH/README.md" --mode "$MODE" --load "$LOAD_AT_START" >"$RUN/summary.log"
cat "$BENCH/results/latest.md"
log "done in $((SECONDS - STARTED)) s; raw rounds and logs in ${RUN#"$ROOT"/}"
