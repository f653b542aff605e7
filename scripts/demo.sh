#!/usr/bin/env bash
# The main job: install what is missing, build Release, and open the bundled
# demo workspace in the desktop app (its first scenario runs at once). With
# no display the same app runs the demo headless and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec build/app/gui/breakeven resources/demo.breakeven.json
