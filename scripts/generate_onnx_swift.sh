#!/usr/bin/env bash
# Regenerates Sources/ONNXProto/onnx.pb.swift from ONNX's onnx.proto. Run by hand only when
# ONNX's messages change (CI and builds use the committed file): it needs protoc (Debian's
# protobuf-compiler) and builds swift-protobuf's protoc-gen-swift, which takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# onnx.proto as the onnx wheel ships it.
pip download --no-deps -q -d "$work/wheel" onnx
unzip -q -o "$work"/wheel/onnx-*.whl onnx/onnx.proto -d "$work"
git clone -q --depth 1 --branch 1.39.0 https://github.com/apple/swift-protobuf "$work/swift-protobuf"
swift build --package-path "$work/swift-protobuf" --product protoc-gen-swift
protoc --plugin=protoc-gen-swift="$work/swift-protobuf/.build/debug/protoc-gen-swift" \
       --swift_opt=Visibility=Public --swift_out=Sources/ONNXProto -I "$work/onnx" "$work/onnx/onnx.proto"
echo "wrote Sources/ONNXProto/onnx.pb.swift"
