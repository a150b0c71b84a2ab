#!/usr/bin/env bash
# The benchmark in one command: bench/run.sh [--quick] [--only relay100,relay1000,sqlite100,idle,connect,storm,handoff,reports]
# Builds everything in Release, starts PostgreSQL and redis-server on free loopback ports (in a
# temporary folder, removed on exit), then for each scenario alternates the servers
# Chat, bare SignalR, Socket.IO (A B C A B C …), and writes bench/results/latest.json and latest.md; the reports
# scenario (a year of data seeded with SQL, the supervisors' reports timed) writes bench/results/reports.json and reports.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=$ROOT/bench

MODE=full
SCENARIOS=relay100,relay1000,sqlite100,idle,connect,storm,handoff,reports
ONLY=$SCENARIOS
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --only) ONLY=$2; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--only $SCENARIOS]" >&2; exit 2 ;;
  esac
  shift
done

# Sizes: the full run stays under 25 minutes, --quick under 6 (builds done). Warm-ups are long enough for the
# JIT's tiering to settle: a fresh Chat server's relay throughput climbs for its first ~20 s (bench/README.md).
PER_AGENT=10 # conversations followed by one agent connection (the same topology for all three servers)
if [ "$MODE" = full ]; then
  ROUNDS=3
  R100_WARMUP=15; R100_DURATION=10
  R1000_PAIRS=1000; R1000_WARMUP=15; R1000_DURATION=10
  IDLE_ROUNDS=3; IDLE_CONNECTIONS=15000; IDLE_PROCESSES=3; IDLE_WARM=600; IDLE_SETTLE=5
  HANDOFF_ROUNDS=3; HANDOFF_WARMUP=15; HANDOFF_DURATION=10
  SQLITE_ROUNDS=2
  CONNECT_ROUNDS=3; CONNECT_WARM=2000; CONNECT_CONNECTIONS=3000
  STORM_ROUNDS=1; STORM_WIDGETS=10000; STORM_RESUME_MAX=120
  REPORTS_CONVERSATIONS=50000; REPORTS_WARM=5
else
  ROUNDS=1
  R100_WARMUP=5; R100_DURATION=3
  R1000_PAIRS=1000; R1000_WARMUP=5; R1000_DURATION=3
  IDLE_ROUNDS=1; IDLE_CONNECTIONS=2000; IDLE_PROCESSES=2; IDLE_WARM=200; IDLE_SETTLE=2
  HANDOFF_ROUNDS=1; HANDOFF_WARMUP=5; HANDOFF_DURATION=4
  SQLITE_ROUNDS=1
  CONNECT_ROUNDS=1; CONNECT_WARM=500; CONNECT_CONNECTIONS=1000
  STORM_ROUNDS=1; STORM_WIDGETS=2000; STORM_RESUME_MAX=60
  REPORTS_CONVERSATIONS=10000; REPORTS_WARM=3
fi
CONNECT_PARALLEL=50
IMPORT_ACCOUNTS=10000
HANDOFF_RATE=50
REPORTS_PER_CONVERSATION=20 # messages: 1,000,000 in the full run, 200,000 in --quick
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

# A process that has ended and been waited for leaves the list, so that the cleanup never signals its number again.
forget_pid() {
  local kept=() pid
  for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  PIDS=("${kept[@]}")
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
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=chat"

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
CHAT_DB=chat_bench # the Chat server's PostgreSQL database
CHAT_SQLITE= # a data directory: the Chat server then runs on its embedded defaults (SQLite there, no PostgreSQL, no Redis)
start_server() { # $1 = chat | signalr | socketio, $2 = log name
  local port store
  port=$(free_port)
  SERVER_URL=http://127.0.0.1:$port
  case "$1" in
    chat)
      store=("ConnectionStrings__Postgres=$PG_CONN;Database=$CHAT_DB" "ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT,abortConnect=false")
      [ -z "$CHAT_SQLITE" ] || store=("Chat__Storage__DataDirectory=$CHAT_SQLITE")
      (cd "$(dirname "$CHAT_DLL")" && Chat__Demo__Seed=true ASPNETCORE_ENVIRONMENT=Production \
        Chat__Security__MaxConnectionsPerAddress=1000000 Chat__Security__HubCallsPerSecond=10000 Chat__Security__HubCallBurst=100000 \
        exec env "${store[@]}" "${CHAT_EXTRA[@]}" dotnet "$CHAT_DLL" --urls "$SERVER_URL") >"$RUN/logs/$2.log" 2>&1 &
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
  forget_pid "$SERVER_PID"
  SERVER_PID=
}

cpu_spec() { # what the load generator meters: the server, and for Chat on PostgreSQL its backends and Redis
  if [ "$1" = chat ] && [ -z "$CHAT_SQLITE" ]; then echo "server=$SERVER_PID,postgres=$PG_PID+,redis=$REDIS_PID"; else echo "server=$SERVER_PID"; fi
}

relay_round() { # $1 scenario, $2 server, $3 round, $4 rounds, $5 pairs, $6 warmup, $7 duration
  local out=$RUN/$1-$2-r$3.json
  start_server "$2" "$1-$2-r$3"
  log "$1 round $3/$4: $2 ($5 pairs, ${7}s after ${6}s warm-up)"
  if [ "$2" = socketio ]; then
    timeout 300 node "$BENCH/socketio/client.js" --url "$SERVER_URL" --pairs "$5" --per-agent $PER_AGENT \
      --warmup "$6" --duration "$7" --cpu "$(cpu_spec "$2")" --out "$out"
  else
    timeout 300 "${LOADGEN[@]}" relay --target "$2" --url "$SERVER_URL" --pairs "$5" --per-agent $PER_AGENT \
      --warmup "$6" --duration "$7" --cpu "$(cpu_spec "$2")" --out "$out"
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
  for p in "${workers[@]}"; do wait "$p" || true; forget_pid "$p"; done
  local failed
  failed=$(cat "$signals"/w*.json | grep -o '"failed":[0-9]*' | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }')
  printf '{"connections":%d,"measured":%d,"rssBeforeKb":%d,"rssAfterKb":%d,"failed":%d}\n' \
    "$ready" $((ready - warm * IDLE_PROCESSES)) "$before" "$after" "$failed" >"$RUN/idle-$1-r$2.json"
  stop_server
}

connect_round() { # $1 server, $2 round
  start_server "$1" "connect-$1-r$2"
  log "connect round $2/$CONNECT_ROUNDS: $1 ($CONNECT_CONNECTIONS visitors, $CONNECT_PARALLEL at a time, after $CONNECT_WARM not measured)"
  timeout 300 "${LOADGEN[@]}" connect --target "$1" --url "$SERVER_URL" --connections $CONNECT_CONNECTIONS --warm $CONNECT_WARM \
    --parallel $CONNECT_PARALLEL --cpu "$(cpu_spec "$1")" --out "$RUN/connect-$1-r$2.json"
  stop_server
}

# Two Chat nodes on one PostgreSQL database of their own and the one Redis, as in production; the widgets load on
# node A, the load generator kills A (SIGKILL) and they reconnect to B. Both nodes have the raised open-file limit.
storm_round() { # $1 round
  local a_pid a_url stored
  CHAT_DB=chat_storm_r$1
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U chat "$CHAT_DB"
  start_server chat "storm-a-r$1"
  a_pid=$SERVER_PID
  a_url=$SERVER_URL
  disown "$a_pid" # its SIGKILL is the scenario, not news
  # Node A makes the data-protection key now, so that B reads it from PostgreSQL when it starts and accepts A's
  # session tokens (in production the key ring is older than the nodes).
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{}' "$a_url/api/visitor/sessions"
  start_server chat "storm-b-r$1"
  log "storm round $1/$STORM_ROUNDS: $STORM_WIDGETS widgets on node A, then A is killed and they reconnect to node B"
  timeout 900 "${LOADGEN[@]}" storm --url "$a_url" --fallback "$SERVER_URL" --widgets $STORM_WIDGETS --kill-pid "$a_pid" \
    --resume-max $STORM_RESUME_MAX --cpu "$(cpu_spec chat)" --out "$RUN/storm-r$1.json"
  stop_pid "$a_pid" # killed by the load generator already; this waits for it
  forget_pid "$a_pid"
  stored=$(psql -h 127.0.0.1 -p "$PG_PORT" -U chat -d "$CHAT_DB" -tAc "SELECT count(*) FROM \"Messages\" WHERE \"Sender\" = 'Visitor'")
  echo "{\"stored\":$stored}" >"$RUN/storm-stored-r$1.json"
  log "storm: visitor messages stored: $stored"
  stop_server
  CHAT_DB=chat_bench
}

# --- reports: a year of data seeded with SQL, then the supervisors' reports over it (issue #17) -------------------------
REPORTS_ADMIN_KEY=bench-reports-admin-key # the admin API's key for this scenario's server (it makes the API keys)
REPORTS_YEAR=(2026-01-01 2026-12-31)
REPORTS_WEEK=(2026-11-23 2026-11-29)

thousands() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }

# Makes an API key with the scope reports:read acting as staff member $1 and prints its secret.
reports_key() {
  curl -fs -H "X-Admin-Key: $REPORTS_ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench $1\",\"staffLogin\":\"$1\",\"scopes\":[\"reports:read\"]}" "$SERVER_URL/api/admin/api-keys" |
    grep -o '"secret":"[^"]*"' | cut -d'"' -f4
}

# On a freshly started server, times GET /api/v1/reports from $4 to $5 with the key $3 (acting as $2): the first call
# (cold: JIT, EF's query cache, the connection pool) and $REPORTS_WARM more; writes $RUN/reports/$1.json.
reports_case() {
  local name=$1 login=$2 key=$3 from=$4 to=$5 i status seconds times=()
  start_server chat "reports-$name"
  for i in $(seq 0 "$REPORTS_WARM"); do
    read -r status seconds < <(curl -s -o "$RUN/reports/$name-answer.json" -w '%{http_code} %{time_total}\n' \
      -H "Authorization: Bearer $key" "$SERVER_URL/api/v1/reports?from=$from&to=$to")
    [ "$status" = 200 ] || { echo "reports $name: HTTP $status" >&2; return 1; }
    times+=("$(awk -v s="$seconds" 'BEGIN { printf "%.0f", s * 1000 }')")
  done
  stop_server
  local cold=${times[0]} warm=("${times[@]:1}") median
  median=$(printf '%s\n' "${warm[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  printf '{"case":"%s","as":"%s","from":"%s","to":"%s","coldMs":%d,"warmMedianMs":%s,"warmMs":[%s],"firstResponseAnswered":%s}\n' \
    "$name" "$login" "$from" "$to" "$cold" "$median" "$(IFS=,; echo "${warm[*]}")" \
    "$(grep -o '"answered":[0-9]*' "$RUN/reports/$name-answer.json" | head -1 | cut -d: -f2)" >"$RUN/reports/$name.json"
  log "reports $name: cold $cold ms, warm median $median ms (${warm[*]})"
}

reports_scenario() {
  local psql_chat supervisor manager data c
  CHAT_DB=chat_reports
  CHAT_EXTRA=(Chat__Admin__ApiKey=$REPORTS_ADMIN_KEY)
  psql_chat=(psql -h 127.0.0.1 -p "$PG_PORT" -U chat -d "$CHAT_DB" -v ON_ERROR_STOP=1 -qtA)
  mkdir -p "$RUN/reports"
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U chat "$CHAT_DB"
  start_server chat reports-migrate # migrates the schema and seeds the demo staff
  supervisor=$(reports_key s.orlov)
  manager=$(reports_key m.petrov)
  stop_server
  log "reports: seeding $(thousands $((REPORTS_CONVERSATIONS * REPORTS_PER_CONVERSATION))) messages in $(thousands $REPORTS_CONVERSATIONS) conversations over 2026"
  "${psql_chat[@]}" -v conversations=$REPORTS_CONVERSATIONS -v per=$REPORTS_PER_CONVERSATION -f "$BENCH/reports-seed.sql"
  data=$("${psql_chat[@]}" -c "SELECT json_build_object('conversations', (SELECT count(*) FROM \"Conversations\"),
    'messages', (SELECT count(*) FROM \"Messages\"), 'handoffs', (SELECT count(*) FROM \"Handoffs\"),
    'offlineItems', (SELECT count(*) FROM \"OfflineItem\"), 'ratings', (SELECT count(*) FROM \"Ratings\"),
    'messagesTable', pg_size_pretty(pg_total_relation_size('\"Messages\"')))")
  log "reports: seeded $data"
  reports_case year-supervisor s.orlov "$supervisor" "${REPORTS_YEAR[@]}"
  reports_case year-manager m.petrov "$manager" "${REPORTS_YEAR[@]}"
  reports_case week-supervisor s.orlov "$supervisor" "${REPORTS_WEEK[@]}"
  reports_case week-manager m.petrov "$manager" "${REPORTS_WEEK[@]}"
  CHAT_EXTRA=()
  CHAT_DB=chat_bench

  {
    printf '{\n  "date": "%s",\n  "mode": "%s",\n  "machine": { "cores": %d, "loadAverageAtStart": "%s", "loadAverageAtEnd": "%s" },\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$MODE" "$(nproc)" "$LOAD_AT_START" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '  "data": %s,\n  "targetMs": 2000,\n  "cases": [\n' "$data"
    for c in year-supervisor year-manager week-supervisor week-manager; do
      printf '    %s%s\n' "$(cat "$RUN/reports/$c.json")" "$([ $c = week-manager ] || echo ,)"
    done
    printf '  ]\n}\n'
  } >"$BENCH/results/reports.json"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1])), d = r.data, n = v => v.toLocaleString("en-US");
    console.log(`# Reports over a year (${r.date.slice(0, 10)}, ${r.mode} mode, load average ${r.machine.loadAverageAtStart})\n`);
    console.log(`Data: ${n(d.conversations)} conversations, ${n(d.messages)} messages (${d.messagesTable}), ${n(d.handoffs)} handoffs, ` +
      `${n(d.offlineItems)} written requests, ${n(d.ratings)} ratings. \`GET /api/v1/reports\`, each case on a freshly started ` +
      `server: the first call (cold), then ${r.cases[0].warmMs.length} more (warm). Target: under ${n(r.targetMs)} ms.\n`);
    console.log("| case | as | period | cold ms | warm median ms | warm ms | first responses counted |\n|---|---|---|---:|---:|---|---:|");
    for (const c of r.cases)
      console.log(`| ${c.case} | ${c.as} | ${c.from} – ${c.to} | ${c.coldMs} | ${c.warmMedianMs} | ${c.warmMs.join(" / ")} | ${n(c.firstResponseAnswered)} |`);
  ' "$BENCH/results/reports.json" >"$BENCH/results/reports.md"
}

# Runs "$2 SERVER ROUND" for the rounds 1…$1, the servers (the other arguments) alternating.
alternate() {
  local rounds=$1 round_of=$2 r s
  shift 2
  for r in $(seq "$rounds"); do
    for s in "$@"; do "$round_of" "$s" "$r"; done
  done
}

# --- scenarios ---------------------------------------------------------------------------------
if wants relay100; then
  for r in $(seq $ROUNDS); do
    for s in chat signalr socketio; do relay_round relay100 $s "$r" $ROUNDS 100 $R100_WARMUP $R100_DURATION; done
  done
fi
if wants relay1000; then
  for r in $(seq $ROUNDS); do
    for s in chat signalr socketio; do relay_round relay1000 $s "$r" $ROUNDS $R1000_PAIRS $R1000_WARMUP $R1000_DURATION; done
  done
fi
if wants relay100 || wants relay1000; then
  stored=$(psql -h 127.0.0.1 -p "$PG_PORT" -U chat -d chat_bench -tAc 'SELECT count(*) FROM "Messages"')
  echo "{\"stored\":$stored}" >"$RUN/persisted.json"
  log "messages stored by Chat: $stored"
fi
if wants sqlite100; then
  for r in $(seq $SQLITE_ROUNDS); do
    CHAT_SQLITE=$TMP/sqlite-r$r # the embedded default, in a fresh data directory each round
    for s in chat signalr; do relay_round sqlite100 $s "$r" $SQLITE_ROUNDS 100 $R100_WARMUP $R100_DURATION; done
  done
  CHAT_SQLITE=
fi
if wants idle; then alternate $IDLE_ROUNDS idle_round chat signalr; fi
if wants connect; then alternate $CONNECT_ROUNDS connect_round chat signalr; fi
if wants storm; then
  for r in $(seq $STORM_ROUNDS); do storm_round "$r"; done
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
if wants reports; then reports_scenario; fi

# --- results -----------------------------------------------------------------------------------
# latest.json and latest.md are rewritten whole from this run's rounds: a run of the reports scenario alone keeps them.
if [[ ",$ONLY," =~ ,(relay100|relay1000|sqlite100|idle|connect|storm|handoff), ]]; then
  log "summarising"
  "${LOADGEN[@]}" summarize --in "$RUN" --json "$BENCH/results/latest.json" --md "$BENCH/results/latest.md" \
    --readme "$BENCH/README.md" --mode "$MODE" --load "$LOAD_AT_START" >"$RUN/summary.log"
  cat "$BENCH/results/latest.md"
fi
if wants reports; then cat "$BENCH/results/reports.md"; fi
log "done in $((SECONDS - STARTED)) s; raw rounds and logs in ${RUN#"$ROOT"/}"
