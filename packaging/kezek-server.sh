#!/bin/sh
# /usr/local/bin/kezek on a hall server (installed by install-server.sh). Every command acts on
# the installed hall whoever types it: as the kezek user (root is switched to it, so no file in
# the hall's folder ends up root's), on /var/lib/kezek, with the settings of
# /etc/kezek/kezek.env (KEZEK_DB, KEZEK_PORT, ...), as the service itself runs. A variable
# already set, or --data-dir / --db on the command line, wins.
set -eu
user=${KEZEK_USER:-kezek}
if [ "$(id -u)" = 0 ] && id "$user" >/dev/null 2>&1; then
  exec runuser -u "$user" -- "$0" "$@"
fi
env_file=${KEZEK_ENV_FILE:-/etc/kezek/kezek.env}
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      KEZEK_*=*) ;;
      *) continue ;;  # comments, blank lines, anything not ours
    esac
    name=${line%%=*}
    case $name in *[!A-Z0-9_]*) continue ;; esac
    # shellcheck disable=SC2163 # exports NAME=value as the line has it
    if eval "[ -z \"\${$name+set}\" ]"; then export "$line"; fi
  done <"$env_file"
fi
export KEZEK_DATA_DIR="${KEZEK_DATA_DIR:-/var/lib/kezek}"
exec "${KEZEK_REAL_BIN:-/opt/kezek/venv/bin/kezek}" "$@"
