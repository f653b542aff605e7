#!/usr/bin/env bash
# The main job: install what is missing, build Release, run the bundled demo
# scenario and print its summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build/app/cli/breakeven-cli simulate resources/demo/demo-scenario.json
