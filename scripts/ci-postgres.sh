#!/usr/bin/env bash
# Make a PostgreSQL reachable at 127.0.0.1:$PGPORT (default 5432) with trust auth and print the
# base DATABASE_URL. Reuses a server already running there; otherwise starts a throwaway cluster
# from Debian's binaries (installing them if needed) as the 'postgres' user (initdb refuses root).
# Not needed by .ci/run (npm test falls back to an embedded PostgreSQL); handy on a bare machine:
#   export DATABASE_URL="$(bash scripts/ci-postgres.sh)/bpc_dev"
# Stop it: runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D /tmp/ci-pg-5432 -m fast stop
set -euo pipefail
PGPORT="${PGPORT:-5432}"
if pg_isready -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  echo "postgresql://postgres@127.0.0.1:$PGPORT"
  exit 0
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql) >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
DATA="${PGDATA_DIR:-/tmp/ci-pg-$PGPORT}"
rm -rf "$DATA"
mkdir -p "$DATA"
chown postgres: "$DATA"
runuser -u postgres -- "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-p $PGPORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2
echo "postgresql://postgres@127.0.0.1:$PGPORT"
