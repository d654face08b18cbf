#!/usr/bin/env python3
"""Writes the reference files that the data and safetensors tests read.

The expected values come from the reference implementations, not from Stride:
safetensors files are written by the `safetensors` package from PyTorch tensors, and
every PNG's expected pixels are what Pillow decodes. Run from anywhere:

    python3 Tests/StrideEngineTests/Fixtures/data/generate_fixtures.py
"""
import json
import os
import struct
import zlib

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def out(*parts):
    path = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def safetensors_fixtures():
    tensors = {
        "conv.weight": torch.arange(-12, 12, dtype=torch.float32).reshape(2, 3, 2, 2) / 8,
        "conv.bias": torch.tensor([0.5, -1.25], dtype=torch.float32),
        "scalar": torch.tensor(3.75, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
        "double": torch.tensor([[1.0 / 3, -2.5], [1e-30, 12345.678]], dtype=torch.float64),
        # Largest half, smallest normal, smallest subnormal, a value that rounds, negative zero.
        "half": torch.tensor([65504.0, 6.103515625e-05, 5.960464477539063e-08, 0.1, -0.0, -2.5],
                             dtype=torch.float16),
        "brain": torch.tensor([1.0, -3.140625, 1e20, 0.1], dtype=torch.bfloat16),
        "bn.num_batches_tracked": torch.tensor(937, dtype=torch.int64),
        "ints": torch.tensor([-7, 0, 2147483647], dtype=torch.int32),
        "bytes": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
    }
    save_file(tensors, out("reference.safetensors"), metadata={"format": "pt", "note": "é \"quoted\""})
    expected = {
        name: {
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            # The float32 value of each element, as PyTorch converts it.
            "values": [float(v) for v in t.to(torch.float32).flatten().tolist()],
        }
        for name, t in tensors.items()
    }
    with open(out("reference_values.json"), "w") as f:
        json.dump({"metadata": {"format": "pt", "note": "é \"quoted\""}, "tensors": expected}, f, indent=1, sort_keys=True)

    # A float8 tensor: valid safetensors, but a dtype Stride does not read.
    save_file({"f8": torch.zeros(3, dtype=torch.float8_e4m3fn)}, out("float8.safetensors"))


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_rows(pixels, filters):
    """The filtered scanlines of one (sub)image: row r uses filter type filters[r % 5]."""
    height, width, channels = pixels.shape
    bpp = channels
    raw = bytearray()
    previous = np.zeros(width * channels, dtype=np.int64)
    for r in range(height):
        row = pixels[r].reshape(-1).astype(np.int64)
        kind = filters[r % len(filters)]
        line = []
        for i in range(len(row)):
            left = row[i - bpp] if i >= bpp else 0
            up = previous[i]
            upleft = previous[i - bpp] if i >= bpp else 0
            predictor = [0, left, up, (left + up) // 2, paeth(left, up, upleft)][kind]
            line.append((row[i] - predictor) % 256)
        raw.append(kind)
        raw.extend(line)
        previous = row
    return raw


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def filtered_png(path, pixels, filters, interlaced=False):
    """An 8-bit RGB PNG whose rows cycle through the given filter types."""
    height, width, channels = pixels.shape
    if interlaced:
        raw = bytearray()
        for x0, y0, dx, dy in ADAM7:
            sub = pixels[y0::dy, x0::dx]
            if sub.shape[0] and sub.shape[1]:
                raw.extend(filter_rows(sub, filters))
    else:
        raw = filter_rows(pixels, filters)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1 if interlaced else 0)
    # Split IDAT in two so that the decoder must join chunks; an ancillary chunk to skip.
    compressed = zlib.compress(bytes(raw), 9)
    half = len(compressed) // 2
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) \
        + png_chunk(b"tEXt", b"Comment\x00ancillary chunk") + png_chunk(b"IDAT", compressed[:half]) \
        + png_chunk(b"IDAT", compressed[half:]) + png_chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def expected_pixels(path):
    """What Pillow decodes, as (width, height, channels, flat 8-bit values)."""
    image = Image.open(path)
    mode = image.mode
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif mode == "1":
        image = image.convert("L")
    elif mode in ("I;16", "I;16B", "I"):
        values = np.asarray(image, dtype=np.int64)
        array = np.round(values / 257.0).astype(np.uint8)[..., None]
        return image.width, image.height, 1, array.flatten().tolist()
    array = np.asarray(image)
    if array.ndim == 2:
        array = array[..., None]
    return image.width, image.height, array.shape[2], array.flatten().tolist()


def png_fixtures():
    rng = np.random.default_rng(7)
    expected = {}

    def record(name):
        w, h, c, values = expected_pixels(out("png", name))
        expected[name] = {"width": w, "height": h, "channels": c, "pixels": values}

    Image.fromarray(rng.integers(0, 256, (5, 7), dtype=np.uint8), "L").save(out("png", "gray.png"))
    Image.fromarray(rng.integers(0, 256, (4, 6, 3), dtype=np.uint8), "RGB").save(out("png", "rgb.png"))
    Image.fromarray(rng.integers(0, 256, (3, 5, 4), dtype=np.uint8), "RGBA").save(out("png", "rgba.png"))
    Image.fromarray(rng.integers(0, 256, (4, 3, 2), dtype=np.uint8), "LA").save(out("png", "gray_alpha.png"))
    palette = Image.fromarray(rng.integers(0, 256, (6, 6, 3), dtype=np.uint8), "RGB").quantize(colors=5)
    palette.save(out("png", "palette.png"))
    Image.fromarray(rng.integers(0, 2, (5, 9), dtype=np.uint8) * 255, "L").convert("1").save(out("png", "bits.png"))
    sixteen = Image.fromarray(rng.integers(0, 65536, (3, 4), dtype=np.uint16))
    sixteen.save(out("png", "gray16.png"))
    pixels = rng.integers(0, 256, (10, 6, 3), dtype=np.uint8)
    filtered_png(out("png", "filters.png"), pixels, [0, 1, 2, 3, 4, 4, 3, 2, 1, 0])
    filtered_png(out("png", "interlaced.png"), rng.integers(0, 256, (11, 13, 3), dtype=np.uint8),
                 [4, 3, 2, 1, 0], interlaced=True)
    for name in ["gray.png", "rgb.png", "rgba.png", "gray_alpha.png", "palette.png", "bits.png",
                 "gray16.png", "filters.png", "interlaced.png"]:
        record(name)

    # An image folder: two classes of 4×4 grayscale images.
    folder = {}
    for label, cls in enumerate(["circle", "square"]):
        for index in range(2 + label):
            name = f"{cls}/{index}.png"
            Image.fromarray(rng.integers(0, 256, (4, 4), dtype=np.uint8), "L").save(out("folder", name))
            w, h, c, values = expected_pixels(out("folder", name))
            folder[name] = values
    expected["folder"] = folder
    # A 4×4 RGB image, the size of the folder's gray images, for mixing gray and color.
    Image.fromarray(rng.integers(0, 256, (4, 4, 3), dtype=np.uint8), "RGB").save(out("png", "small_rgb.png"))
    record("small_rgb.png")

    # Palette variants: alpha from a tRNS chunk, and 4-bit indices packed two per byte.
    more = np.random.default_rng(8)
    palette.save(out("png", "palette_alpha.png"), transparency=bytes([0, 128, 255, 40, 7]))
    small = Image.fromarray(more.integers(0, 256, (5, 7, 3), dtype=np.uint8), "RGB").quantize(colors=12)
    small.save(out("png", "palette4.png"), bits=4)
    record("palette_alpha.png")
    record("palette4.png")
    with open(out("png_expected.json"), "w") as f:
        json.dump(expected, f, sort_keys=True)


if __name__ == "__main__":
    safetensors_fixtures()
    png_fixtures()
