#!/usr/bin/env bash
# Installs the missing build dependencies (Debian 12 packages) and builds attn
# with CMake + Ninja into build/. Idempotent: packages already installed are
# not touched (and apt-get update runs only when something is missing), and a
# second run only rebuilds what changed.
#
# Environment:
#   ATTN_JOBS          ninja -j value (default: ninja's own choice)
#   ATTN_CMAKE_ARGS    extra arguments for the first CMake configure
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="$ROOT/build"

PACKAGES=(
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libhalide14-0-dev
  cmake ninja-build g++
  python3-numpy pybind11-dev python3-dev
  # OpenCL on the CPU (PoCL): the GPU schedules run in the test suite
  pocl-opencl-icd ocl-icd-libopencl1
)

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for package in "${PACKAGES[@]}"; do
  is_installed "$package" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      SUDO=(sudo)
    else
      echo "setup: missing packages (${missing[*]}) and not root; install them first" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all build dependencies are installed"
fi

# Configure once; afterwards ninja re-runs CMake by itself when a
# CMakeLists.txt changes.
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  if [[ -f "$BUILD_DIR/CMakeCache.txt" ]] &&
     ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$BUILD_DIR/CMakeCache.txt"; then
    echo "setup: $BUILD_DIR was configured with another generator; remove it first" >&2
    exit 1
  fi
  # shellcheck disable=SC2086  # ATTN_CMAKE_ARGS is a list of words
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" \
    -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ ${ATTN_CMAKE_ARGS:-}
fi

ninja -C "$BUILD_DIR" ${ATTN_JOBS:+-j "$ATTN_JOBS"}
echo "setup: build is up to date in $BUILD_DIR"
