#!/usr/bin/env bash
# Executes every tutorial notebook on the Stride kernel; the executed copies, with all their
# outputs, go to out/notebooks/ (the originals in notebooks/ are left as they are).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out/notebooks
for nb in notebooks/*.ipynb; do
  [ -e "$nb" ] || continue
  echo "==> executing $nb"
  start=$(date +%s)
  python3 -m jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=stride --ExecutePreprocessor.timeout=1800 \
    --output-dir out/notebooks "$nb"
  echo "    done in $(( $(date +%s) - start )) s"
done
