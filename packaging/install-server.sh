#!/bin/sh
# Install the Kezek hall server on Debian 12 from this source tree, as root:
#   sudo packaging/install-server.sh [--catalogue /path/hall.toml]
# Needs Debian's python3 and python3-venv (apt-get install python3-venv).
# Creates the kezek user, the venv /opt/kezek/venv, /usr/local/bin/kezek
# (packaging/kezek-server.sh: it runs every command on the installed hall, as kezek),
# /etc/kezek/kezek.env, the systemd units (server, daily backup), and starts them where systemd
# runs, once the database holds a hall (--catalogue saves one).
# Run again from a newer tree, it upgrades: the new version is installed beside the running one
# (a failed download changes nothing), then the hall restarts on it. The database,
# /etc/kezek/kezek.env and the units' drop-ins are kept.
set -eu
umask 022 # the venv is the kezek user's to read: a root umask of 077 had made it root's alone
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
# One install at a time: a second one beside it would remove the venv the first switched to
install -d -m 0755 /opt/kezek
exec 9>/opt/kezek/.install-lock
flock -n 9 || {
  echo "install-server.sh: another install-server.sh is running; run this again once it has finished" >&2
  exit 1
}

id kezek >/dev/null 2>&1 || useradd --system --home-dir /var/lib/kezek --shell /usr/sbin/nologin kezek
install -d -o kezek -g kezek -m 0750 /var/lib/kezek /var/backups/kezek
install -d -m 0755 /opt/kezek /etc/kezek /usr/local/lib/kezek
# Debian's own Python: the service user must be able to run it (not a Python under /root).
# A new venv of its own: the running server's stays whole until it restarts on the new one.
venv=$(mktemp -d "/opt/kezek/venv-$(date +%Y%m%d)-XXXXXX")
trap 'rm -rf "$venv"' EXIT
chmod 0755 "$venv"
"${PYTHON:-/usr/bin/python3}" -m venv "$venv"
if ! "$venv/bin/pip" install --quiet --upgrade pip \
  || ! "$venv/bin/pip" install --quiet "${src}[server]"; then
  echo "install-server.sh: pip could not install Kezek (above); the installed hall is unchanged" >&2
  exit 1
fi
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
  [ ! -e /etc/kezek/hall.toml ] || cp -p /etc/kezek/hall.toml /etc/kezek/hall.toml.before
  install -m 0644 "$catalogue" /etc/kezek/hall.toml
  # checked by the new version, before the hall is switched to it
  if ! KEZEK_REAL_BIN="$venv/bin/kezek" /usr/local/bin/kezek hall --catalogue /etc/kezek/hall.toml --check; then
    # the catalogue file the hall runs on stays as it was
    if [ -e /etc/kezek/hall.toml.before ]; then
      mv /etc/kezek/hall.toml.before /etc/kezek/hall.toml
    else
      rm -f /etc/kezek/hall.toml
    fi
    echo "install-server.sh: the catalogue was not saved (above); the installed hall and" \
      "/etc/kezek/hall.toml are as they were" >&2
    exit 1
  fi
  rm -f /etc/kezek/hall.toml.before
fi
# The switch: /opt/kezek/venv is a link to the new venv (an older install made it a folder)
previous=$(readlink -e /opt/kezek/venv || true) # kept until the hall runs on the new one
if [ -d /opt/kezek/venv ] && [ ! -L /opt/kezek/venv ]; then
  rm -rf /opt/kezek/venv-before
  mv /opt/kezek/venv /opt/kezek/venv-before
  previous=/opt/kezek/venv-before
fi
ln -sfn "$venv" /opt/kezek/venv.new
mv -T /opt/kezek/venv.new /opt/kezek/venv
trap - EXIT
install -m 0644 "$src"/packaging/systemd/kezek-*.service "$src"/packaging/systemd/kezek-*.timer \
  /etc/systemd/system/
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now kezek-backup.timer
  running="is running"
  if systemctl is-active --quiet kezek-hall.service; then
    systemctl restart kezek-hall.service # the upgrade: the new version (and catalogue) from now
    running="restarted on this version and runs"
  else
    systemctl stop kezek-hall.service # a start failing again and again stops here
    # enabled and started once it can run: a server without a hall would restart forever
    if ! checked=$(/usr/local/bin/kezek hall --check 2>&1); then
      printf '%s\n' "$checked" >&2
      for old in /opt/kezek/venv-*; do [ "$old" = "$venv" ] || rm -rf "$old"; done
      case $checked in
        *"has no hall yet"*)
          # nor at the next boot: the previous install-server.sh enabled it without a hall
          systemctl disable kezek-hall.service
          echo "kezek-hall is installed, not started (the line above says why). Put the" \
            "hall's catalogue in /etc/kezek/hall.toml and save it: kezek hall --catalogue" \
            "/etc/kezek/hall.toml --check (or run this again with --catalogue FILE); then:" \
            "systemctl enable --now kezek-hall"
          exit 0 ;;
      esac
      # a hall whose database cannot be reached now (PostgreSQL down, a disk): it stays
      # enabled, and comes back at the next boot or start once the database answers
      echo "install-server.sh: this version is installed, but the hall could not be checked" \
        "(above), so kezek-hall is stopped; once that is fixed: systemctl start kezek-hall" >&2
      exit 1
    fi
  fi
  systemctl enable --now kezek-hall.service
  sleep 3
  if ! systemctl is-active --quiet kezek-hall.service; then
    echo "install-server.sh: kezek-hall did not start on this version: journalctl -u" \
      "kezek-hall" >&2
    if [ -n "$previous" ] && [ -d "$previous" ]; then
      echo "The version before is kept in $previous; unless this one has upgraded the" \
        "database already (the journal says so), it runs again with: ln -sfn $previous" \
        "/opt/kezek/venv && systemctl restart kezek-hall" >&2
    fi
    exit 1
  fi
  for old in /opt/kezek/venv-*; do [ "$old" = "$venv" ] || rm -rf "$old"; done
  echo "kezek-hall $running: systemctl status kezek-hall"
else
  for old in /opt/kezek/venv-*; do [ "$old" = "$venv" ] || rm -rf "$old"; done
  echo "systemd is not running here: start it with: KEZEK_HOST=0.0.0.0 kezek hall" \
    "(a hall server running here already: stop it and start it again, on this version)"
fi
