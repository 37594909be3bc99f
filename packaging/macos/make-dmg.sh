#!/bin/sh
# The macOS disk image, on a macOS runner after `python3.12 packaging/build.py` has made
# "dist/Rejuv Desktop.app" (the spec wraps the one-folder program as an app bundle):
#
#   packaging/macos/make-dmg.sh 0.1.0
#
# Signing and notarisation need the clinic's distributor's Apple Developer ID: with
# MACOS_SIGN_IDENTITY set, the app is signed (hardened runtime) before it is packed; without,
# the image is unsigned and Gatekeeper asks the user to open it from the context menu.
# The clinic's data (~/Library/Application Support/rejuv-desktop) is outside the app bundle:
# replacing the app in Applications upgrades it without touching the data.
set -eu
version=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
app="$root/dist/Rejuv Desktop.app"
out="$root/dist/rejuv-desktop-$version-macos-arm64.dmg"
[ -d "$app" ] || { echo "no $app: run packaging/build.py first" >&2; exit 1; }
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
fi
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
cp "$root/packaging/macos/README.txt" "$stage/Read me.txt"
rm -f "$out"
hdiutil create -volname "Rejuv Desktop $version" -srcfolder "$stage" -fs HFS+ -format UDZO "$out"
rm -rf "$stage"
echo "$out"
