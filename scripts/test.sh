#!/usr/bin/env bash
# Install what is missing, build with warnings as errors (also the widget-free
# configuration), and run every test. Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# model/ + CLI must build without Qt at all.
cmake -S . -B build-nogui -G Ninja -DCMAKE_BUILD_TYPE=Release -DBREAKEVEN_GUI=OFF \
      -DBREAKEVEN_TESTS=OFF -DBREAKEVEN_BENCHMARKS=OFF -DBREAKEVEN_WERROR=ON
cmake --build build-nogui --parallel "$(nproc)"
bash scripts/build.sh -DBREAKEVEN_WERROR=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
