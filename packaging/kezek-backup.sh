#!/bin/sh
# Make one backup file in $KEZEK_BACKUP_DIR and keep the newest $KEZEK_KEEP of them.
set -eu
dir=${KEZEK_BACKUP_DIR:-/var/backups/kezek}
keep=${KEZEK_KEEP:-30}
kezek=${KEZEK_BIN:-/usr/local/bin/kezek}
mkdir -p "$dir"
file="$dir/kezek-$(date +%Y%m%d-%H%M%S-%N).kezek-backup.gz"
"$kezek" backup "$file"
# shellcheck disable=SC2012 # names are ours (a timestamp): newest sorts last
ls -1 "$dir"/kezek-*.kezek-backup.gz | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f -- "$old"
done
