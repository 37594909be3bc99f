"""Test photographs made on the spot: a camera JPEG with GPS, a serial number, maker notes and
an orientation, and simple drawn hands for comparisons."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

SERIAL = "SN-4815162342"
GPS_LATITUDE = (48.0, 51.0, 24.0)


def scene(width=600, height=400, dx=0.0, dy=0.0, scale=1.0, seed=0) -> Image.Image:
    """Two 'hands' (pale shapes) on a dark board; moved by (dx, dy) of the size, scaled."""
    im = Image.new("RGB", (width, height), (32, 30, 36))
    d = ImageDraw.Draw(im)
    cx, cy = width / 2 + dx * width, height / 2 + dy * height
    k = scale * width / 600
    for ox, oy, r in ((-150, 0, 80), (130, -30, 65), (60, 110, 35), (-40, -130, 28),
                      (200 + seed, 90, 20)):
        x, y, rr = cx + ox * k, cy + oy * k, r * k
        d.ellipse([x - rr, y - rr * 1.4, x + rr, y + rr * 1.4], fill=(222, 184, 160))
    d.rectangle([cx - 260 * k, cy + 150 * k, cx - 220 * k, cy + 185 * k], fill=(205, 170, 150))
    return im


def camera_jpeg(image: Image.Image | None = None, orientation: int = 6,
                serial: str = SERIAL) -> bytes:
    """A JPEG as a camera writes it: orientation, make and model, body serial number, maker
    notes, the time it was taken, GPS position, and a comment."""
    image = image or scene()
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R5"
    exif[0x0131] = "Firmware 1.8.1"
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0xA431] = serial  # BodySerialNumber
    exif_ifd[0x9003] = "2026:11:20 09:15:00"  # DateTimeOriginal
    exif_ifd[0x927C] = b"MAKERNOTE-" + serial.encode()  # MakerNote
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "W"
    gps[4] = (3.0, 12.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif, comment=b"Patient Jane Doe " + serial.encode())
    return out.getvalue()


def png(image: Image.Image | None = None) -> bytes:
    out = io.BytesIO()
    (image or scene()).save(out, "PNG")
    return out.getvalue()
