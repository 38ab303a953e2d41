#!/usr/bin/env bash
# Screenshots of the built site in headless Chromium, to look at by eye.
# Usage: scripts/screenshots.sh [OUTPUT_DIR]   (default: target/screenshots)
# Builds the shipped content into a temporary folder first.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=${1:-target/screenshots}
site=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$site" "$profile"' EXIT
cargo run --quiet --release -- build --output "$site/public" >/dev/null
mkdir -p "$shots"
chromium=${CHROMIUM:-/usr/bin/chromium}
for page in index actielijn-1; do
  for width in 1280 320; do
    # Tall enough for the whole page; the rest stays white.
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --no-first-run --hide-scrollbars \
      --user-data-dir="$profile" --window-size="$width,${HEIGHT:-4200}" \
      --screenshot="$shots/$page-$width.png" "file://$site/public/$page.html" 2>/dev/null
    echo "$shots/$page-$width.png"
  done
done
