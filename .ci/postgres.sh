#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on localhost:5433 and export its URL for the tests.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "no PostgreSQL binaries"; exit 1; }
dir=/tmp/rules-ci-pg
# a cluster left running by an earlier run in this folder would hold the port: stop it first
[ -f "$dir/data/postmaster.pid" ] && su postgres -c "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null 2>&1 || true
rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres >/dev/null"
su postgres -c "$bin/pg_ctl -D $dir/data -o '-p 5433 -k /tmp' -l $dir/log -w start >/dev/null"
echo "PostgreSQL running on port 5433"
