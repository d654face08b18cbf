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
  # Executed in place in out/notebooks/, so the files a tutorial writes land there too.
  cp "$nb" out/notebooks/
  python3 -m jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.kernel_name=stride --ExecutePreprocessor.timeout=1800 \
    "out/notebooks/$(basename "$nb")"
  echo "    done in $(( $(date +%s) - start )) s"
done
