#!/bin/sh
# Remove Rejuv Desktop's program and menu entry (the same options as install.sh).
# The clinic's data folder (~/.local/share/rejuv-desktop: database, backups, keys, content
# overrides) is kept: delete it yourself only once you have a copy you trust.
set -eu
app_id=org.rejuvdesktop.RejuvDesktop
if [ "${1:-}" = "--system" ]; then
    root=${REJUV_PREFIX:-/opt/rejuv-desktop}; share=/usr/local/share; bin=/usr/local/bin
else
    root=${REJUV_PREFIX:-$HOME/.local/opt/rejuv-desktop}
    share=${XDG_DATA_HOME:-$HOME/.local/share}; bin=$HOME/.local/bin
fi
[ -L "$bin/rejuv-desktop" ] && rm -f "$bin/rejuv-desktop"
rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
find "$share/icons/hicolor" -name "$app_id.*" -type f -delete 2>/dev/null || true
if [ -d "$root" ]; then
    for old in "$root"/*; do
        [ -d "$old" ] && [ -x "$old/rejuv-desktop" ] && rm -rf "$old"
    done
    rm -f "$root/current" "$root/previous"
    rmdir "$root" 2>/dev/null || true
fi
echo "Rejuv Desktop removed. The clinic's data folder was kept."
