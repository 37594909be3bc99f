#!/bin/sh
# Install (or upgrade to) this version of Rejuv Desktop from the unpacked tarball.
#
#   ./install.sh            for you alone: ~/.local/opt/rejuv-desktop, menu entry in ~/.local
#   sudo ./install.sh --system   for every user: /opt/rejuv-desktop, menu entry in /usr/local
#
# Only the program's own folder is written. The clinic's data (database, backups, keys, content
# overrides) lives in each user's data folder (~/.local/share/rejuv-desktop) and is never
# touched: an upgrade installs the new version beside the old, switches the "current" link to
# it, and keeps the version before as a fallback. The new version's first start backs the
# database up before it changes anything in it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
version=$(basename "$here" | sed 's/^rejuv-desktop-//')
app_id=org.rejuvdesktop.RejuvDesktop

if [ "${1:-}" = "--system" ]; then
    root=${REJUV_PREFIX:-/opt/rejuv-desktop}
    share=/usr/local/share
    bin=/usr/local/bin
else
    root=${REJUV_PREFIX:-$HOME/.local/opt/rejuv-desktop}
    share=${XDG_DATA_HOME:-$HOME/.local/share}
    bin=$HOME/.local/bin
fi
# Never inside the clinic's data folder (an upgrade replaces the program's folder).
data=${XDG_DATA_HOME:-$HOME/.local/share}/rejuv-desktop
refuse_data_folder() {
    case "$1/" in
        "$data"/*)
            echo "install.sh: refusing to install into the clinic's data folder ($data)" >&2
            exit 1 ;;
    esac
}
refuse_data_folder "$root"
mkdir -p "$root"
root=$(cd "$root" && pwd)
[ -d "$data" ] && refuse_data_folder "$root" && data=$(cd "$data" && pwd) && refuse_data_folder "$root"

target="$root/$version"
if [ -e "$target" ]; then
    rm -rf "$target.partial"
fi
cp -a "$here/rejuv-desktop" "$target.partial"
"$target.partial/rejuv-desktop" --version >/dev/null   # it runs here before it is switched to
rm -rf "$target"
mv "$target.partial" "$target"

previous=""
if [ -L "$root/current" ]; then
    previous=$(basename "$(readlink "$root/current")")
fi
ln -sfn "$version" "$root/current.new"
mv -T "$root/current.new" "$root/current"
[ -n "$previous" ] && [ "$previous" != "$version" ] && ln -sfn "$previous" "$root/previous"
# Older versions than the previous one are removed (never anything outside $root).
for old in "$root"/*; do
    name=$(basename "$old")
    case "$name" in current|previous|"$version"|"$previous") continue ;; esac
    [ -d "$old" ] && [ -x "$old/rejuv-desktop" ] && rm -rf "$old"
done

mkdir -p "$bin" "$share/applications" "$share/metainfo"
ln -sfn "$root/current/rejuv-desktop" "$bin/rejuv-desktop"
sed "s|^Exec=rejuv-desktop|Exec=\"$root/current/rejuv-desktop\"|; s|^TryExec=rejuv-desktop|TryExec=$root/current/rejuv-desktop|" \
    "$here/share/applications/$app_id.desktop" > "$share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$share/$(dirname "$icon")"
    cp "$here/share/$icon" "$share/$icon"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true

echo "Rejuv Desktop $version installed in $target"
echo "Start it from the applications menu, or run: $bin/rejuv-desktop"
[ -n "$previous" ] && [ "$previous" != "$version" ] && echo "Version $previous is kept in $root/$previous (to go back: ln -sfn $previous $root/current)"
exit 0
