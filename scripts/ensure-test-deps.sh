#!/usr/bin/env bash
# npm's `pretest` step: makes a machine set up as the README says ready for `npm test`, so that
# the test command passes with nothing done by hand. It needs the Debian packages listed in
# .ci/apt-packages (slapd, Chromium, the CJK font, PHP for the interoperability suite) and a
# MariaDB answering on 127.0.0.1:3306 as root without password, with a database `test`.
# Run as root, it installs and starts what is missing; otherwise it stops at once and prints
# the one command to run. Nothing is done when everything is there (a fraction of a second).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'ensure-test-deps: %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }
apt_install() {
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "$@"
}
mariadb_up() { mysqladmin --host=127.0.0.1 --user=root --connect-timeout=2 ping >/dev/null 2>&1; }

missing=()
while read -r pkg; do
  case "$pkg" in '' | \#*) continue ;; esac
  installed "$pkg" || missing+=("$pkg")
done < .ci/apt-packages

# MariaDB only matters when the MariaDB half runs against the local server: not with
# CAS_TEST_DATABASES=sqlite, nor when MYSQL_TEST_URL names another server.
need_mariadb=false
case ",${CAS_TEST_DATABASES:-sqlite,mysql}," in *,mysql,*) need_mariadb=true ;; esac
[ -n "${MYSQL_TEST_URL:-}" ] && need_mariadb=false
mariadb_down=false
if $need_mariadb && ! mariadb_up; then mariadb_down=true; fi

if ! is_root && { [ "${#missing[@]}" -gt 0 ] || $mariadb_down; }; then
  [ "${#missing[@]}" -gt 0 ] && say "missing Debian packages: ${missing[*]}"
  $mariadb_down && say 'MariaDB does not answer on 127.0.0.1:3306'
  say 'run this once as root, then npm test again:'
  printf '\n  sudo %s\n\n' "$PWD/scripts/ensure-test-deps.sh" >&2
  if $mariadb_down && [ "${#missing[@]}" -eq 0 ]; then
    say '(or run the SQLite half only: CAS_TEST_DATABASES=sqlite npm test)'
  fi
  exit 1
fi

[ "${#missing[@]}" -gt 0 ] && apt_install "${missing[@]}"

if $mariadb_down; then
  [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
  say 'starting MariaDB'
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    mariadb_up && break
    sleep 1
  done
  mariadb_up || { say 'MariaDB did not start within 60 s (see /var/log/mysql/ or journalctl)'; exit 1; }
fi

if $need_mariadb; then
  mysql --host=127.0.0.1 --user=root -e 'CREATE DATABASE IF NOT EXISTS test' ||
    { say "cannot create the database 'test' as root@127.0.0.1 (set MYSQL_TEST_URL to another server)"; exit 1; }
fi
