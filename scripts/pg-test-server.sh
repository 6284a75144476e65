#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage contract suite, without touching the system's
# clusters or config: initdb into a private directory, trust auth, 127.0.0.1 on a free port.
#
#   export DATELINE_PG_URL="$(scripts/pg-test-server.sh)"   # start (or reuse) and print the URL
#   scripts/pg-test-server.sh stop                           # stop it and delete its directory
#   scripts/pg-test-server.sh status                         # print the URL if it is running
#
# Only the URL goes to stdout; progress and logs go to stderr. Running it again while the server
# is up prints the same URL. DATELINE_PG_DIR picks the directory (default
# ${TMPDIR:-/tmp}/dateline-pg-test-<uid>), DATELINE_PG_PORT the first port to try (54329).
# As root it runs the server as the `postgres` user, because initdb and postgres refuse root.
set -euo pipefail

command_name="${1:-start}"
dir="${DATELINE_PG_DIR:-${TMPDIR:-/tmp}/dateline-pg-test-$(id -u)}"
data="$dir/data"
db=dateline_test
user=dateline

log() { printf 'pg-test-server: %s\n' "$*" >&2; }

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir
    return
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
    printf '%s\n' "$candidate"
    return
  fi
  log "no PostgreSQL server binaries found (Debian: apt-get install postgresql)"
  exit 1
}

bindir="$(find_bindir)"

# Run a server binary as the owner of the data directory.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_in_use() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_running() { [[ -f "$data/PG_VERSION" ]] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

url() { printf 'postgres://%s@127.0.0.1:%s/%s\n' "$user" "$(cat "$dir/port")" "$db"; }

stop_server() {
  if is_running; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2
  fi
  # Only delete a directory this script made (it holds our marker file).
  if [[ -f "$dir/.dateline-pg-test" ]]; then
    rm -rf "$dir"
  fi
}

start_server() {
  if is_running; then
    log "already running in $dir"
    url
    return
  fi
  if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
    log "running as root needs the 'postgres' user (Debian's postgresql package creates it)"
    exit 1
  fi
  mkdir -p "$dir"
  touch "$dir/.dateline-pg-test"
  if [[ "$(id -u)" == 0 ]]; then
    chown -R postgres: "$dir"
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    rm -rf "$data"
    log "initdb into $data"
    # Trust auth on the loopback only; fsync off: a crash loses a test database, nothing else.
    as_owner "$bindir/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  local port="${DATELINE_PG_PORT:-54329}"
  while port_in_use "$port"; do
    port=$((port + 1))
  done
  printf '%s\n' "$port" >"$dir/port"
  log "starting on 127.0.0.1:$port"
  # The socket goes in our directory, not /var/run/postgresql (which may not exist or be ours).
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -Atqc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db"
  fi
  url
}

case "$command_name" in
  start) start_server ;;
  stop) stop_server ;;
  status)
    if is_running; then url; else log "not running ($dir)"; exit 1; fi
    ;;
  *)
    log "usage: $0 [start|stop|status]"
    exit 2
    ;;
esac
