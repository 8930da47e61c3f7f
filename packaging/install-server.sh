#!/bin/sh
# Install the Kezek hall server on Debian 12 from this source tree, as root:
#   sudo packaging/install-server.sh [--catalogue /path/hall.toml]
# Needs Debian's python3 and python3-venv (apt-get install python3-venv).
# Creates the kezek user, /opt/kezek/venv, /usr/local/bin/kezek (packaging/kezek-server.sh: it
# runs every command on the installed hall, as kezek), /etc/kezek/kezek.env, the systemd units
# (server, daily backup), and starts them where systemd runs.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
catalogue=""
usage="usage: install-server.sh [--catalogue /path/hall.toml]"
case $# in
  0) ;;
  2) [ "$1" = "--catalogue" ] || { echo "$usage" >&2; exit 2; }
     catalogue=$2 ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
if [ -n "$catalogue" ] && { [ ! -f "$catalogue" ] || [ ! -r "$catalogue" ]; }; then
  echo "install-server.sh: no catalogue file to read at $catalogue" >&2
  exit 2
fi
[ "$(id -u)" = 0 ] || { echo "install-server.sh: run as root" >&2; exit 1; }

id kezek >/dev/null 2>&1 || useradd --system --home-dir /var/lib/kezek --shell /usr/sbin/nologin kezek
install -d -o kezek -g kezek -m 0750 /var/lib/kezek /var/backups/kezek
install -d -m 0755 /opt/kezek /etc/kezek /usr/local/lib/kezek
# Debian's own Python: the service user must be able to run it (not a Python under /root)
"${PYTHON:-/usr/bin/python3}" -m venv --clear /opt/kezek/venv
/opt/kezek/venv/bin/pip install --quiet --upgrade pip
/opt/kezek/venv/bin/pip install --quiet "${src}[server]"
# not a link: every command acts on the installed hall, as its user (packaging/kezek-server.sh)
rm -f /usr/local/bin/kezek
install -m 0755 "$src/packaging/kezek-server.sh" /usr/local/bin/kezek
install -m 0755 "$src/packaging/kezek-backup.sh" /usr/local/lib/kezek/kezek-backup.sh
install -m 0644 "$src/README.md" /opt/kezek/README.md # the units' Documentation=
if [ ! -e /etc/kezek/kezek.env ]; then
  printf '%s\n' "# KEZEK_DB=postgresql+psycopg://kezek:PASSWORD@localhost/kezek" \
    "# KEZEK_PORT=8470" > /etc/kezek/kezek.env
  chmod 0640 /etc/kezek/kezek.env
  chgrp kezek /etc/kezek/kezek.env
fi
if [ -n "$catalogue" ]; then
  install -m 0644 "$catalogue" /etc/kezek/hall.toml
  /usr/local/bin/kezek hall --catalogue /etc/kezek/hall.toml --check
fi
install -m 0644 "$src"/packaging/systemd/kezek-*.service "$src"/packaging/systemd/kezek-*.timer \
  /etc/systemd/system/
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now kezek-hall.service kezek-backup.timer
  echo "kezek-hall is running: systemctl status kezek-hall"
else
  echo "systemd is not running here: start it with: KEZEK_HOST=0.0.0.0 kezek hall"
fi
