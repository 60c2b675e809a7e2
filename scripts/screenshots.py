#!/usr/bin/env python3
"""Copies the README's screenshots from the browser suite's artifacts/ to docs/screenshots/,
made small: at most 256 colours (exactly the picture's own when it has no more, otherwise a
median cut), written as an indexed PNG at zlib's best compression. Standard library only.

    python3 scripts/screenshots.py [ARTIFACTS_DIR] [DEST_DIR]     (make screenshots)

The acceptance suite's screenshot test writes artifacts/readme-<width>-<page>.png (the viewport,
not the whole page); each lands as docs/screenshots/<page>-<width>.png. A file over 300 KB after
this fails the run, so a bloated picture never reaches the README unnoticed.
"""
import os
import struct
import sys
import zlib
from collections import Counter

SHOTS = [(f"readme-{width}-{page}.png", f"{page}-{width}.png") for page in ("share", "rules") for width in ("desktop", "phone")]
LIMIT = 300 * 1024
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    with open(path, "rb") as handle:
        data = handle.read()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a PNG")
    offset, idat, header = len(SIGNATURE), bytearray(), None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit non-interlaced RGB(A) PNGs are handled")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        unfilter(kind, line, previous, channels)
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows


def unfilter(kind, line, previous, bpp):
    if kind == 0:
        return
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + previous[i]) & 0xFF
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    else:
        raise ValueError(f"unknown PNG filter {kind}")


def median_cut(counts, size=256):
    """A palette of at most `size` colours for `counts` ({colour: pixels}), and each colour's index."""
    boxes = [list(counts)]
    while len(boxes) < size:
        # Split the box holding the most pixels along its widest channel, at its pixel median.
        splittable = [box for box in boxes if len(box) > 1]
        if not splittable:
            break
        box = max(splittable, key=lambda b: sum(counts[c] for c in b))
        spans = [max(c[k] for c in box) - min(c[k] for c in box) for k in range(3)]
        channel = spans.index(max(spans))
        box.sort(key=lambda c: c[channel])
        half, running, cut = sum(counts[c] for c in box) / 2, 0, 1
        for index, colour in enumerate(box):
            running += counts[colour]
            if running >= half:
                cut = min(max(index, 1), len(box) - 1)
                break
        boxes.remove(box)
        boxes += [box[:cut], box[cut:]]
    palette, index = [], {}
    for number, box in enumerate(boxes):
        total = sum(counts[c] for c in box)
        palette.append(tuple(round(sum(c[k] * counts[c] for c in box) / total) for k in range(3)))
        for colour in box:
            index[colour] = number
    return palette, index


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def write_indexed(path, width, height, rows):
    counts = Counter(colour for row in rows for colour in row)
    if len(counts) <= 256:
        palette = list(counts)
        index = {colour: number for number, colour in enumerate(palette)}
    else:
        palette, index = median_cut(counts)
    raw = bytearray()
    for row in rows:
        raw.append(0)
        raw += bytes(index[colour] for colour in row)
    body = SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
    body += chunk(b"PLTE", b"".join(bytes(colour) for colour in palette))
    body += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as handle:
        handle.write(body)
    return len(counts), len(palette)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    artifacts = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "artifacts")
    dest = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "docs", "screenshots")
    missing = [source for source, _ in SHOTS if not os.path.exists(os.path.join(artifacts, source))]
    if missing:
        sys.exit(f"screenshots: {', '.join(missing)} not in {artifacts}: run the browser suite first (make acceptance)")
    os.makedirs(dest, exist_ok=True)
    too_big = []
    for source, target in SHOTS:
        width, height, rows = read_png(os.path.join(artifacts, source))
        path = os.path.join(dest, target)
        colours, used = write_indexed(path, width, height, rows)
        size = os.path.getsize(path)
        print(f"screenshots: {target} {width}x{height}, {colours} colours -> {used}, {size // 1024} KB")
        if size > LIMIT:
            too_big.append(target)
    if too_big:
        sys.exit(f"screenshots: over {LIMIT // 1024} KB: {', '.join(too_big)}")


if __name__ == "__main__":
    main()
