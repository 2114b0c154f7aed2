#!/usr/bin/env bash
# Makes a machine ready to build, test and demo the project: dependencies, PostgreSQL and RabbitMQ.
# Safe to run again: every step checks first and only acts when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[bootstrap] %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port seconds name
  local i
  for ((i = 0; i < $2 * 2; i++)); do port_open "$1" && return 0; sleep 0.5; done
  log "$3 did not open port $1 within $2 s"; return 1
}
APT_UPDATED=
apt_install() {
  if ! is_root || ! command -v apt-get >/dev/null; then
    log "missing: $* — install it (Debian: sudo apt-get install -y $*) and run again"; return 1
  fi
  [ -n "$APT_UPDATED" ] || { log 'apt-get update'; apt-get update -qq >/dev/null; APT_UPDATED=1; }
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install` rather than `npm ci`: npm 11 writes optional platform bindings (Jest's resolver)
    # into the lock in a form its own `npm ci` then rejects; install still follows the lock.
    log 'installing npm dependencies (npm install)'
    npm install --no-audit --no-fund --loglevel=error
  fi
}

ensure_postgres() {
  port_open 5432 && return 0
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { log 'PostgreSQL is installed but has no cluster'; return 1; }
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_port 5432 60 PostgreSQL
  # A fresh Debian cluster asks TCP clients for a password: give the postgres role the documented one.
  if is_root && command -v su >/dev/null; then
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
  fi
}

start_rabbitmq() {
  log 'starting RabbitMQ'
  if is_root; then rabbitmq-server -detached >/dev/null 2>&1 || true; else rabbitmq-server -detached; fi
  wait_port 5672 120 RabbitMQ
}

ensure_rabbitmq() {
  if ! port_open 5672; then
    if ! command -v rabbitmq-server >/dev/null; then apt_install rabbitmq-server; fi
    start_rabbitmq
  fi
  # The port can be open while the broker no longer answers; restart it once if so.
  local i
  for ((i = 0; i < 3; i++)); do
    node scripts/amqp-probe.js && return 0
    sleep 2
  done
  if ! is_root || ! command -v rabbitmqctl >/dev/null; then
    log 'RabbitMQ accepts connections but does not answer: restart it (rabbitmqctl stop; rabbitmq-server -detached)'
    return 1
  fi
  log 'RabbitMQ does not answer the AMQP handshake; restarting it'
  timeout 30 rabbitmqctl stop >/dev/null 2>&1 || pkill -9 -f beam.smp || true
  for ((i = 0; i < 30; i++)); do port_open 5672 || break; sleep 1; done
  start_rabbitmq
  for ((i = 0; i < 30; i++)); do
    node scripts/amqp-probe.js && return 0
    sleep 2
  done
  log 'RabbitMQ still does not answer after a restart'
  return 1
}

# Issue 9: the broker refuses messages over 512 KiB (twice the contract's 256 KiB, so the hub still
# receives and dead-letters a TOO_LARGE message; nobody pushes 100 MB through it). max_message_size
# is a node setting: set at runtime (rabbit_channel reads it when a channel opens, so it applies to
# channels opened from now on, no restart) and persisted in rabbitmq.conf for the next start.
limit_rabbitmq_message_size() {
  local limit=524288 conf="${RABBITMQ_CONFIG_FILE_PATH:-/etc/rabbitmq/rabbitmq.conf}"
  if ! is_root || ! command -v rabbitmqctl >/dev/null; then
    log "not root: set max_message_size = $limit in rabbitmq.conf yourself"
    return 0
  fi
  if timeout 30 rabbitmqctl eval "application:set_env(rabbit, max_message_size, $limit)." >/dev/null 2>&1; then
    log "RabbitMQ max_message_size $limit (channels opened from now on)"
  else
    log 'could not set RabbitMQ max_message_size at runtime'
  fi
  mkdir -p "$(dirname "$conf")"
  if ! grep -Eq '^[[:space:]]*max_message_size[[:space:]]*=' "$conf" 2>/dev/null; then
    printf 'max_message_size = %s\n' "$limit" >>"$conf"
    log "max_message_size = $limit added to $conf"
  fi
}

# The hub creates each party's broker account through the management API (DESIGN §5). The plugin is
# bundled with RabbitMQ (no download) and can be enabled on a running node.
ensure_rabbitmq_management() {
  local url=${RABBITMQ_MANAGEMENT_URL:-http://guest:guest@127.0.0.1:15672}
  local port
  port=$(node -e 'process.stdout.write(new URL(process.argv[1]).port || "15672")' "$url")
  if ! port_open "$port"; then
    if ! command -v rabbitmq-plugins >/dev/null; then
      log "RabbitMQ management API not on port $port and rabbitmq-plugins not found; enable rabbitmq_management by hand"
      return 0
    fi
    if is_root || [ "$(id -un)" = rabbitmq ]; then
      log 'enabling the rabbitmq_management plugin'
      rabbitmq-plugins enable rabbitmq_management >/dev/null
    else
      log 'skipping: enabling rabbitmq_management needs root or the rabbitmq user (sudo rabbitmq-plugins enable rabbitmq_management)'
      return 0
    fi
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    node -e '
      const u = new URL(process.argv[1]);
      const auth = Buffer.from(decodeURIComponent(u.username || "guest") + ":" + decodeURIComponent(u.password || "guest")).toString("base64");
      fetch(u.origin + "/api/whoami", { headers: { authorization: "Basic " + auth }, signal: AbortSignal.timeout(2000) })
        .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));
    ' "$url" && return 0
    sleep 1
  done
  log "RabbitMQ management API on port $port does not answer"
  return 1
}

ensure_tool() { # command package
  command -v "$1" >/dev/null || apt_install "$2" || log "continuing without $1"
}

ensure_node_modules
ensure_postgres
ensure_rabbitmq
limit_rabbitmq_message_size
ensure_rabbitmq_management
for want in "$@"; do
  case "$want" in
    xmllint) ensure_tool xmllint libxml2-utils ;;
    chromium) ensure_tool chromium chromium ;;
    *) log "unknown extra: $want"; exit 2 ;;
  esac
done
log 'ready: node_modules, PostgreSQL :5432, RabbitMQ :5672 (management :15672)'
