#!/usr/bin/env bash
# Private PostgreSQL server for the journal tests and benchmarks, on loopback port 54329.
#
#   bash .ci/postgres.sh start   # installs Debian's postgresql if missing, starts the cluster,
#                                # creates database zab_test, prints the export line for ZAB_TEST_PG
#   bash .ci/postgres.sh stop    # stops the cluster and removes its directory
#   eval "$(bash .ci/postgres.sh start)"
#
# Only the export line goes to stdout; progress goes to stderr. Both commands are idempotent:
# start reuses a running cluster, stop does nothing when none runs. PostgreSQL refuses to run as
# root, so when run as root the cluster belongs to the `postgres` user. fsync and
# synchronous_commit stay on: the journal tests and benchmarks measure durable commits.
set -euo pipefail

PORT="${ZAB_PG_PORT:-54329}"
DIR="${ZAB_PG_DIR:-${TMPDIR:-/tmp}/zab-postgres-$PORT}"
DATABASE=zab_test
SUPERUSER=postgres

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

install_postgres() {
  [ "$(id -u)" -eq 0 ] || { log "PostgreSQL is not installed and installing needs root"; exit 1; }
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

print_export() {
  echo "export ZAB_TEST_PG='Host=127.0.0.1;Port=$PORT;Username=$SUPERUSER;Database=$DATABASE'"
}

ensure_database() {
  local exists
  exists=$(as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")
  if [ "$exists" != "1" ]; then
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DATABASE"
    log "created database $DATABASE"
  fi
}

init_cluster() {
  rm -rf "$DIR"
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; fi
  chmod 700 "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --no-locale >"$DIR.initdb.log" 2>&1 \
    || { cat "$DIR.initdb.log" >&2; exit 1; }
  rm -f "$DIR.initdb.log"
  as_owner tee -a "$DIR/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
EOF
}

start() {
  BIN=$(find_bindir)
  if [ -z "$BIN" ]; then
    install_postgres
    BIN=$(find_bindir)
    [ -n "$BIN" ] || { log "postgresql installed but initdb not found under /usr/lib/postgresql"; exit 1; }
  fi
  if [ -f "$DIR/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    log "reusing the running cluster in $DIR"
  else
    [ -f "$DIR/data/PG_VERSION" ] || init_cluster
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >&2 \
      || { log "server failed to start; log follows"; cat "$DIR/server.log" >&2 || true; exit 1; }
    log "started PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') in $DIR on 127.0.0.1:$PORT"
  fi
  ensure_database
  print_export
}

stop() {
  BIN=$(find_bindir)
  if [ -n "$BIN" ] && [ -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 2>/dev/null || true
  fi
  rm -rf "$DIR"
  log "stopped; removed $DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
