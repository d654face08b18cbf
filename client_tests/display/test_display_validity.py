"""Checks the pictures StrideDisplay renders, from outside Swift.

The Swift test `SampleWriterTests` writes every sample output (PNG files, SVG, HTML and the
text/plain fallbacks) into the folder named by STRIDE_DISPLAY_OUT, or `.build/display-samples`
in the package when that is not set. These tests read the same folder: every PNG decodes with Pillow at the expected size, every SVG parses as XML with its
embedded PNGs intact and nothing fetched from elsewhere, every HTML table parses, and
imshow's colours match matplotlib's own colormaps.

    swift test --filter StrideDisplayTests
    python3 -m pytest client_tests/display
"""
import base64
import html.parser
import io
import os
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

PIL = pytest.importorskip("PIL.Image")

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ROOT = pathlib.Path(__file__).resolve().parents[2]


def output_dir() -> pathlib.Path:
    configured = os.environ.get("STRIDE_DISPLAY_OUT", "")
    folder = pathlib.Path(configured) if configured else ROOT / ".build" / "display-samples"
    if not folder.is_dir() or not any(folder.glob("*.svg")):
        pytest.skip(f"no sample outputs in {folder}: run `swift test --filter StrideDisplayTests` "
                    "first (with STRIDE_DISPLAY_OUT set to the same folder, if any)")
    return folder


def files(ext: str) -> list:
    found = sorted(output_dir().glob(f"*.{ext}"))
    assert found, f"no .{ext} samples were written"
    return found


def decode_png(data: bytes):
    image = PIL.open(io.BytesIO(data))
    image.load()  # decodes every pixel, verifying zlib data and CRCs
    return image


# imshow samples are 28×28 or 32×32 images scaled up by whole factors to at least 224 px.
EXPECTED_PNG_SIZES = {
    "imshow-viridis": (224, 224), "imshow-gray": (224, 224), "imshow-magma": (224, 224),
    "imshow-coolwarm": (224, 224), "imshow-rgb": (224, 224),
}


def test_every_png_decodes_at_expected_size():
    pngs = files("png")
    assert {p.stem for p in pngs} == set(EXPECTED_PNG_SIZES)
    for path in pngs:
        image = decode_png(path.read_bytes())
        assert image.format == "PNG"
        assert image.size == EXPECTED_PNG_SIZES[path.stem], path.name


def test_every_svg_parses_and_is_self_contained():
    for path in files("svg"):
        text = path.read_text(encoding="utf-8")
        root = ET.fromstring(text)
        assert root.tag == SVG_NS + "svg", path.name
        assert float(root.get("width")) > 0 and float(root.get("height")) > 0
        assert not root.findall(f".//{SVG_NS}script"), path.name
        assert not root.findall(f".//{SVG_NS}foreignObject"), path.name
        for element in root.iter():
            for key, value in element.attrib.items():
                assert "http:" not in value and "https:" not in value, (path.name, key)
                assert "url(" not in value, (path.name, key)
                if key.endswith("href"):
                    assert value.startswith("data:image/png;base64,"), (path.name, key)
        for image in root.iter(SVG_NS + "image"):
            payload = image.get(XLINK_HREF) or image.get("href")
            png = decode_png(base64.b64decode(payload.split(",", 1)[1], validate=True))
            assert png.size == (int(float(image.get("width"))), int(float(image.get("height"))))
        # Text escaping survives parsing: what the chart shows is the raw text.
        texts = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
        assert all("&amp;" not in t and "&lt;" not in t for t in texts), path.name


def test_escaped_text_round_trips():
    root = ET.parse(output_dir() / "plot-loss.svg").getroot()
    texts = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
    assert 'validation <& "quotes">' in texts
    root = ET.parse(output_dir() / "confusion-3.svg").getroot()
    texts = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
    for name in ["cat & dog", "<bird>", 'fish "f"']:
        assert texts.count(name) == 2, name  # on both axes


class TableParser(html.parser.HTMLParser):
    """Tracks nesting (every tag closed in order) and collects table cells."""

    VOID = {"br", "img", "hr", "meta", "input", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.header = []
        self.body_rows = []
        self.footer = []
        self.section = None
        self.cell = None
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if value and ("http:" in value or "https:" in value or "javascript:" in value):
                self.errors.append(f"external reference in {tag} {name}")
            if name.startswith("on"):
                self.errors.append(f"event handler {name} on {tag}")
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.body_rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> with open {self.stack}")
            return
        self.stack.pop()
        if tag in ("td", "th") and self.cell is not None:
            if self.section == "thead":
                self.header.append(self.cell)
            elif self.section == "tbody":
                self.body_rows[-1].append(self.cell)
            elif self.section == "tfoot":
                self.footer.append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def parse_html(path):
    parser = TableParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    assert not parser.errors, (path.name, parser.errors)
    assert not parser.stack, (path.name, parser.stack)
    assert "script" not in parser.tags and "iframe" not in parser.tags, path.name
    return parser


def test_every_html_parses_without_scripts():
    for path in files("html"):
        parse_html(path)


def test_summary_table_structure():
    table = parse_html(output_dir() / "summary.html")
    assert table.header == ["Layer", "Type", "Output shape", "Parameters", "Activations",
                            "Receptive field", "Flags"]
    assert len(table.body_rows) == 7 and all(len(r) == 7 for r in table.body_rows)
    by_name = {row[0]: row for row in table.body_rows}
    assert by_name["conv1"][3] == "156" and by_name["conv1"][5] == "5×5"
    assert "NaN/Inf" in by_name["conv2"][6]
    assert "zero" in by_name["fc"][6]
    # Top-level layers only: 156 + 0 + 2416 + 2320 + 0 + 16010.
    assert any("20,902" in line for line in table.footer)
    plain = (output_dir() / "summary.txt").read_text(encoding="utf-8").splitlines()
    assert plain[0] == "Sequential"
    # Parameter counts are right-aligned: their last digits share one column.
    rows = [line for line in plain if line.startswith(("conv1", "pool1", "flatten", "fc "))]
    assert len(rows) == 4
    # Columns are separated by at least two spaces; the fourth column is the count.
    fields = [list(re.finditer(r"\S+(?: \S+)*", line)) for line in rows]
    assert [f[3].group() for f in fields] == ["156", "0", "0", "16,010"]
    assert len({f[3].end() for f in fields}) == 1


def test_generic_table_escapes_cells():
    table = parse_html(output_dir() / "table.html")
    assert table.header == ["name", "value", "note"]
    assert table.body_rows[0] == ["loss", "0.1723", "<lower> & better"]


def test_colormap_tables_match_matplotlib():
    matplotlib = pytest.importorskip("matplotlib")
    from matplotlib import colormaps

    source = (ROOT / "Sources" / "StrideDisplay" / "ColormapTables.swift").read_text()
    for name in ["viridis", "gray", "magma", "coolwarm"]:
        match = re.search(rf'static let {name}: String = """(.*?)"""', source, re.S)
        assert match, name
        digits = re.sub(r"\s", "", match.group(1))
        assert len(digits) == 256 * 6, name
        cmap = colormaps[name].resampled(256)
        for i in range(256):
            ours = [int(digits[6 * i + 2 * k: 6 * i + 2 * k + 2], 16) for k in range(3)]
            theirs = [c * 255 for c in cmap(i)[:3]]
            assert all(abs(a - b) <= 0.5 + 1e-9 for a, b in zip(ours, theirs)), (name, i)


def test_imshow_colours_match_matplotlib():
    pytest.importorskip("matplotlib")
    import numpy as np
    from matplotlib import colormaps

    # The sample image of SampleOutputs.all(): value i = ((i * 7919) % 1000) / 1000.
    values = np.array([((i * 7919) % 1000) / 1000 for i in range(28 * 28)],
                      dtype=np.float32).reshape(28, 28)
    normalized = (values - values.min()) / (values.max() - values.min())
    for name in ["viridis", "magma", "coolwarm", "gray"]:
        image = decode_png((output_dir() / f"imshow-{name}.png").read_bytes()).convert("RGB")
        pixels = np.asarray(image)
        factor = pixels.shape[0] // 28
        # Nearest-neighbour upscaling: every factor × factor block is one colour.
        blocks = pixels.reshape(28, factor, 28, factor, 3)
        assert (blocks == blocks[:, :1, :, :1, :]).all(), name
        expected = np.rint(colormaps[name](normalized)[..., :3] * 255)
        diff = np.abs(blocks[:, 0, :, 0, :].astype(float) - expected)
        assert diff.max() <= 1, (name, diff.max())


def test_plain_text_fallbacks_describe_the_picture():
    out = output_dir()
    assert (out / "imshow-viridis.txt").read_text().startswith("<Image 28×28, viridis")
    assert (out / "confusion.txt").read_text().startswith("Confusion matrix — accuracy")
    assert (out / "progress.txt").read_text().startswith("Epoch 3/10 · step 45/63")
    for path in out.glob("*.svg"):
        assert (out / f"{path.stem}.txt").read_text().strip(), path.stem
