"""Draw every icon file from the SVG master, ``resources/icons/rejuv-desktop.svg``.

Run after changing the master (the results are committed, so a build needs neither Qt's SVG
renderer nor Pillow at build time)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Writes ``resources/icons/rejuv-desktop-<N>.png`` (the sizes desktops ask for),
``resources/icons/rejuv-desktop.png`` (256 px, the window icon) and, for the installers,
``packaging/icons/rejuv-desktop.ico`` (Windows) and ``packaging/icons/rejuv-desktop.icns``
(macOS). Qt renders the SVG at each size (small sizes are drawn, not scaled down); Pillow packs
the .ico and .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "resources" / "icons" / "rejuv-desktop.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> bytes:
    """The master drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        raise SystemExit(f"{MASTER} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, SVG
    icons = ROOT / "resources" / "icons"
    rendered = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        (icons / f"rejuv-desktop-{size}.png").write_bytes(rendered[size])
    (icons / "rejuv-desktop.png").write_bytes(rendered[256])
    out = ROOT / "packaging" / "icons"
    out.mkdir(exist_ok=True)
    images = {size: Image.open(io.BytesIO(rendered[size])).convert("RGBA")
              for size in rendered}
    largest = images[max(ICO_SIZES)]
    largest.save(out / "rejuv-desktop.ico", format="ICO",
                 sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[1024].save(out / "rejuv-desktop.icns", format="ICNS",
                      append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    for path in sorted([*icons.glob("rejuv-desktop*.png"), *out.iterdir()]):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
