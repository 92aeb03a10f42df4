#!/usr/bin/env bash
# A throwaway PostgreSQL server, the team state backend of docs/team-backend.md, for the tests and the CI example.
#
#   scripts/postgres.sh install    installs Debian's `postgresql` package when no initdb is found (run by `make test`)
#   scripts/postgres.sh start      initdb + start on 127.0.0.1 at a random free port, in a new temp directory; prints
#                                  `export` lines for PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and
#                                  OKTA_IAC_PG_DIR (eval them; the password is random and never written to a log)
#   scripts/postgres.sh stop DIR   stops the server started in DIR and removes DIR
#
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged user `nobody`, in a directory
# that user owns.
set -euo pipefail

# The directory with initdb and pg_ctl: on PATH (other distributions), else Debian's newest /usr/lib/postgresql/*/bin.
postgres_bindir() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  if dir=$(postgres_bindir); then
    echo "postgres: using $dir ($("$dir/initdb" --version))"
    return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "postgres: initdb not found; install PostgreSQL (Debian: apt-get install -y postgresql) and rerun" >&2
      exit 1
    fi
    sudo="sudo"
  fi
  echo "postgres: initdb not found; installing Debian's postgresql package"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  dir=$(postgres_bindir) || { echo "postgres: installed, but no initdb found" >&2; exit 1; }
  echo "postgres: installed $("$dir/initdb" --version)"
}

# Runs a command as the server's owner: `nobody` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bindir dir password port
  bindir=$(postgres_bindir) || { echo "postgres: initdb not found; run 'scripts/postgres.sh install'" >&2; exit 1; }
  dir=$(mktemp -d "${TMPDIR:-/tmp}/okta-iac-pg.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  # initdb reads the password from a file the owner can read; it is removed right after.
  (umask 077 && echo "$password" > "$dir/pwfile")
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir/pwfile"
  as_owner "$bindir/initdb" -D "$dir/data" -U pulumi --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  # A random port; another process may hold it, so a failed start tries another.
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null; then
      printf 'export PGHOST=127.0.0.1 PGPORT=%s PGUSER=pulumi PGPASSWORD=%s PGDATABASE=postgres OKTA_IAC_PG_DIR=%s\n' \
        "$port" "$password" "$dir"
      return
    fi
  done
  echo "postgres: the server did not start; see $dir/server.log" >&2
  exit 1
}

stop_postgres() {
  local dir=$1 bindir
  bindir=$(postgres_bindir)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install_postgres ;;
  start) start_postgres ;;
  stop) stop_postgres "${2:?usage: scripts/postgres.sh stop DIR}" ;;
  *) echo "usage: scripts/postgres.sh install | start | stop DIR" >&2; exit 2 ;;
esac
