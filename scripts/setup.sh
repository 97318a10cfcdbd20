#!/usr/bin/env bash
# Installs the Debian packages isnad builds with, then configures and builds
# it in build/ (Release). Safe to run again: apt and cmake skip what is done.
#   ISNAD_WERROR=ON scripts/setup.sh   # warnings as errors (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libicu-dev zlib1g-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev libcpp-httplib-dev liblinear-dev
          libgtest-dev libgmock-dev libbenchmark-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DISNAD_WERROR="${ISNAD_WERROR:-OFF}" >/dev/null
cmake --build build -j"$(nproc)"
