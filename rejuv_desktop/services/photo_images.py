"""Preparing a clinical photograph for storage, its thumbnail, and aligning two of them.

What is stored is pixels only: the orientation a camera wrote in EXIF is applied to the pixels
first (or a phone's portrait photo comes out sideways), then every metadata field goes (EXIF
with GPS and serial numbers, maker notes, XMP, IPTC, comments, trailers after the image), and
colours are converted to sRGB. A JPEG that is already upright and sRGB keeps its compressed
image data byte for byte, with only its metadata segments dropped: nothing is lost to a second
compression, and a 24-megapixel file is stored in the time it takes to copy it. Any other file
is decoded, turned upright, converted and encoded again.

No Qt and no database here: bytes in, bytes out. HEIC (the iPhone's format) needs
``pillow-heif``; without it such a file is refused with a clear message.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from rejuv_desktop.errors import UserError

THUMB_SIZE = 320
"""Longest side of a cached thumbnail, in pixels (a gallery tile at two pixels per point)."""

JPEG_QUALITY = 92
MAX_PIXELS = 120_000_000
"""Larger images are refused (Pillow's guard against decompression bombs)."""

try:  # HEIC from phones: an optional plug-in (see the README)
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the installation
    HEIC_SUPPORTED = False

_EXIF_ORIENTATION = 0x0112
_EXIF_DATETIME_ORIGINAL = 0x9003
_EXIF_IFD = 0x8769


class PhotoError(UserError):
    """A photograph cannot be taken in. ``code`` says why (the UI words it), ``params`` the
    details; the message is the English default used by the command line."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Prepared:
    """A photograph ready to store: bytes free of metadata, upright, in sRGB."""

    data: bytes
    width: int
    height: int
    taken_at: datetime | None  # from the camera's EXIF, read before it was dropped
    re_encoded: bool  # False when the JPEG's image data was kept as it was


def _open(data: bytes) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypmsf1") \
            and not HEIC_SUPPORTED:
        raise PhotoError("heic_unsupported",
                         "This is a HEIC photo (from a phone), which this installation cannot "
                         "read: install pillow-heif, or export the photo as JPEG.")
    try:
        image = Image.open(io.BytesIO(data))
        image.size  # noqa: B018 - read the header now
    except Image.DecompressionBombError as exc:
        raise PhotoError("too_large", "This image is too large to be a photograph.") from exc
    except Exception as exc:
        raise PhotoError("not_an_image", "This file is not a photograph the app can read "
                         "(JPEG, PNG or HEIC).") from exc
    if image.format not in ("JPEG", "PNG", "HEIF", "MPO", "TIFF", "WEBP"):
        raise PhotoError("not_an_image", "This file is not a photograph the app can read "
                         "(JPEG, PNG or HEIC).")
    return image


def _taken_at(image: Image.Image) -> datetime | None:
    try:
        exif = image.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_EXIF_DATETIME_ORIGINAL) or exif.get(0x0132)
        return datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S") if raw else None
    except (ValueError, TypeError, KeyError, OSError):
        return None


def _is_srgb(icc: bytes | None) -> bool:
    if not icc:
        return True  # no profile: sRGB is what viewers assume
    try:
        from PIL import ImageCms

        name = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except Exception:  # noqa: BLE001 - an unreadable profile is treated as not sRGB
        return False
    return "srgb" in name.lower().replace(" ", "")


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if image.mode not in ("RGB", "L"):
        if image.mode in ("RGBA", "LA", "P", "PA"):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            image = flat
        elif image.mode != "CMYK" or not icc:
            image = image.convert("RGB")
    if icc and not _is_srgb(icc):
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
        except Exception:  # noqa: BLE001 - a broken profile: keep the pixels as they are
            image = image.convert("RGB")
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return image


# JPEG markers kept when only the metadata is dropped: the image data itself.
_KEEP = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF,
         0xC4, 0xCC, 0xDB, 0xDD}


def strip_jpeg(data: bytes) -> bytes | None:
    """The JPEG's image data with every metadata segment dropped (APP0-APP15 and comments,
    wherever they are, and whatever follows the end of the image), or None when the file is
    not a plain JPEG this can rewrite safely (an Adobe colour transform, an unknown marker,
    a cut file)."""
    if data[:2] != b"\xff\xd8":
        return None
    out = [b"\xff\xd8"]
    i, n = 2, len(data)
    while i + 1 < n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image: anything after it (a phone's trailer) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if i + 4 > n:
            return None
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > n:
            return None
        if marker == 0xEE:  # Adobe: its colour transform cannot be dropped safely
            return None
        if marker == 0xDA:  # a scan: its header, then entropy-coded data up to the next marker
            scan_end = _entropy_end(data, end)
            if scan_end is None:
                return None
            out.append(data[i:scan_end])
            i = scan_end
            continue
        if marker in _KEEP:
            out.append(data[i:end])
        elif not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            return None
        i = end
    return None


def _entropy_end(data: bytes, start: int) -> int | None:
    """Where a scan's entropy-coded data ends: at the first 0xFF that is neither a stuffed
    zero (0xFF00), a restart marker (0xFFD0-0xFFD7) nor a fill byte."""
    i = start
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            return None
        following = data[i + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            i += 2
        elif following == 0xFF:
            i += 1
        else:
            return i


def _pixels_only(image: Image.Image) -> Image.Image:
    """The image with nothing but its pixels: Pillow writes some of ``info`` back when it
    saves (a JPEG comment, for one), so the saved file starts from an empty ``info``."""
    clean = image.copy()
    clean.info = {}
    return clean


def _save_jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile=, comment= or xmp=: the new file carries pixels only; even the
    # JFIF header the encoder writes (a version and a pixel density) is dropped.
    _pixels_only(image).save(out, "JPEG", quality=quality)
    data = out.getvalue()
    return strip_jpeg(data) or data


def prepare(data: bytes) -> Prepared:
    """Turn a file's bytes into what is stored (see the module doc). Raises ``PhotoError``."""
    image = _open(data)
    taken = _taken_at(image)
    orientation = image.getexif().get(_EXIF_ORIENTATION, 1) if image.format in (
        "JPEG", "MPO", "TIFF", "WEBP", "HEIF") else 1
    if image.format in ("JPEG", "MPO") and orientation in (1, None) \
            and image.mode in ("RGB", "L") and _is_srgb(image.info.get("icc_profile")):
        stripped = strip_jpeg(data)
        if stripped is not None:
            return Prepared(stripped, image.width, image.height, taken, False)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
        upright = _to_srgb(upright)
    except Image.DecompressionBombError as exc:
        raise PhotoError("too_large", "This image is too large to be a photograph.") from exc
    except OSError as exc:
        raise PhotoError("not_an_image", "This photograph is damaged and cannot be read.") \
            from exc
    return Prepared(_save_jpeg(upright), upright.width, upright.height, taken, True)


def thumbnail(data: bytes, size: int = THUMB_SIZE) -> bytes:
    """A small JPEG of a stored photograph (decoded at a reduced scale, so it is quick)."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (size, size))
    image = image.convert("RGB")
    image.thumbnail((size, size), Image.Resampling.BILINEAR)
    return _save_jpeg(image, 85)


def preview(data: bytes, size: int = THUMB_SIZE) -> bytes:
    """A thumbnail straight from the file taken in, upright, before the photograph itself is
    prepared (decoded at a reduced scale: a few tens of milliseconds for a camera JPEG), so the
    practitioner sees it at once while the rest is done."""
    image = _open(data)
    image.draft("RGB", (size, size))
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    image.thumbnail((size, size), Image.Resampling.BILINEAR)
    return _save_jpeg(image, 85)


def anonymous_copy(data: bytes, max_side: int | None = None) -> bytes:
    """A copy for teaching or marketing: pixels only, encoded afresh, optionally smaller."""
    image = Image.open(io.BytesIO(data))
    image = _to_srgb(ImageOps.exif_transpose(image))
    if max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _save_jpeg(image)


# -- alignment ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Alignment:
    """How to draw the later photo over the earlier one: scale it by ``scale`` about the
    top-left corner, then shift it by (``dx``, ``dy``) fractions of the earlier photo's width
    and height. ``score``: the mean difference left (0-255, lower is better)."""

    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    score: float = 0.0


WORK_WIDTH = 96
"""Width of the grey images the alignment searches on (then refined at twice that)."""


def _grey(data: bytes, width: int) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.draft("L", (width * 2, width * 2))
    image = image.convert("L")
    height = max(1, round(image.height * width / image.width))
    image = image.resize((width, height), Image.Resampling.BILINEAR)
    # Edges and shapes, not lighting: a blurred gradient image, then contrast stretched.
    image = image.filter(ImageFilter.GaussianBlur(1)).filter(ImageFilter.FIND_EDGES)
    return ImageOps.autocontrast(image.filter(ImageFilter.GaussianBlur(1)))


def _difference(earlier: Image.Image, later: Image.Image, dx: float, dy: float,
                scale: float, box: tuple[int, int, int, int]) -> float:
    w, h = earlier.size
    moved = later.transform((w, h), Image.Transform.AFFINE,
                            (1 / scale, 0, -dx * w / scale, 0, 1 / scale, -dy * h / scale),
                            Image.Resampling.BILINEAR)
    diff = ImageChops.difference(earlier.crop(box), moved.crop(box))
    return ImageStat.Stat(diff).mean[0]


def register(earlier: bytes, later: bytes, max_shift: float = 0.15,
             scales: tuple[float, ...] = (0.88, 0.92, 0.96, 1.0, 1.04, 1.08, 1.12)) -> Alignment:
    """Find the shift and scale that lay the later photo best over the earlier one.

    A coarse search over shifts (up to ``max_shift`` of the width and height) and scales on
    small edge images, then a finer one around the best. Works with Pillow alone (no numpy);
    a few hundred milliseconds for two camera photos.
    """
    e1, l1 = _grey(earlier, WORK_WIDTH), _grey(later, WORK_WIDTH)
    step = 2 / WORK_WIDTH
    count = int(max_shift / step)
    coarse = [i * step for i in range(-count, count + 1)]
    best = _centred_search(e1, l1, Alignment(), coarse, list(scales))
    e2, l2 = _grey(earlier, WORK_WIDTH * 2), _grey(later, WORK_WIDTH * 2)
    fine_step = 1 / (WORK_WIDTH * 2)
    fine = [i * fine_step for i in range(-3, 4)]
    best = _centred_search(e2, l2, best, fine, [best.scale * f for f in (0.985, 1.0, 1.015)],
                           absolute_scales=True)
    return best


def _centred_search(earlier, later, start: Alignment, shifts: list[float], scales: list[float],
                    absolute_scales: bool = False) -> Alignment:
    """Search shifts around ``start`` for each scale; the scale is taken about the image's
    centre, so a change of scale does not also move the hands."""
    w, h = earlier.size
    box = (int(w * 0.2), int(h * 0.2), int(w * 0.8), int(h * 0.8))
    # ``start`` as a centre-based shift: what it moves the centre by.
    cx0 = start.dx + (start.scale - 1) / 2
    cy0 = start.dy + (start.scale - 1) / 2
    best: Alignment | None = None
    for sc in scales:
        for ox in shifts:
            for oy in shifts:
                cx, cy = cx0 + ox, cy0 + oy
                dx, dy = cx - (sc - 1) / 2, cy - (sc - 1) / 2
                score = _difference(earlier, later, dx, dy, sc, box)
                if best is None or score < best.score - 1e-9:
                    best = Alignment(dx, dy, sc, score)
    assert best is not None
    return best
