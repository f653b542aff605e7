#!/usr/bin/env bash
# The one list of system packages Breakeven needs (Debian 12). Installs only
# what is missing, so a second run costs nothing and needs no network.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # model/, pricing/, CLI
  nlohmann-json3-dev libfast-float-dev libfmt-dev libsqlite3-dev sqlite3
  # model/io: embedded trace copies in workspaces are gzip (zlib)
  zlib1g-dev
  # tests and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  # GUI (BREAKEVEN_GUI=ON): Qt Charts is not found by CMake without libqt6opengl6-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libgl1-mesa-dev xvfb xauth
  # text in offscreen screenshots (QT_QPA_PLATFORM=offscreen) needs a font
  fonts-dejavu-core
  # report tests read the PDF back (pdftotext, pdftoppm)
  poppler-utils
  # scale-out: sharded sweeps under mpirun (BREAKEVEN_MPI)
  libopenmpi-dev openmpi-bin
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
