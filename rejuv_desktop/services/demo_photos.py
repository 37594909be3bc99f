"""Illustrations of hands for the demo clinic, so its galleries and comparisons show something.

They are drawings, not photographs of anyone, and say so on the image itself and in the record
(``illustration``). "Before" hands show their tendons and veins; "after" hands are fuller. The
later drawing is framed a little differently (moved, closer), as a real follow-up photograph
would be, so the comparison's alignment has work to do.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
BOARD = (34, 33, 40)
SKIN = (222, 186, 160)
SKIN_PALM = (232, 196, 176)
ILLUSTRATION_WARNING = "ILLUSTRATION - drawn by the demo, not a photograph of a patient"
"""Written across the top of every drawing, in the pixels themselves."""


def _hand(fullness: float, palm: bool = False) -> Image.Image:
    """One right hand, back up, fingers up, on a transparent layer (500 x 700)."""
    layer = Image.new("RGBA", (500, 700), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    skin = SKIN_PALM if palm else SKIN
    width = 250 + 30 * fullness  # fuller hands are a little wider across the back
    left = 250 - width / 2
    d.rounded_rectangle([left, 300, left + width, 560], 70, fill=skin)  # back of the hand
    d.rectangle([185, 540, 315, 700], fill=skin)  # wrist
    finger_w = width / 4 - 6
    for i, length in enumerate((190, 225, 210, 160)):
        x = left + 3 + i * (finger_w + 8)
        d.rounded_rectangle([x, 320 - length, x + finger_w, 360], int(finger_w / 2), fill=skin)
        if not palm:  # knuckle creases
            for y in (320 - length * 0.55, 320 - length * 0.2):
                d.arc([x + 8, y - 8, x + finger_w - 8, y + 8], 200, 340,
                      fill=(196, 160, 140), width=3)
    # Thumb, angled out on the left (the right hand seen from the back).
    d.polygon([(left + 10, 470), (left - 95, 330), (left - 60, 300), (left + 55, 400)],
              fill=skin)
    d.ellipse([left - 112, 280, left - 48, 345], fill=skin)
    if not palm:
        # Tendons and veins on a layer of their own, blended over the skin.
        details = Image.new("RGBA", layer.size, (0, 0, 0, 0))
        d = ImageDraw.Draw(details)
        shade = int(70 * (1 - fullness))
        tendon = (min(255, skin[0] + 18), min(255, skin[1] + 14), min(255, skin[2] + 12))
        for i in range(4):  # extensor tendons, clearer in a thin hand
            x = left + 3 + i * (finger_w + 8) + finger_w / 2
            d.line([(250 + (x - 250) * 0.35, 600), (x, 335)], fill=tendon + (90 + shade * 2,),
                   width=int(9 - 5 * fullness))
        vein = (120, 130, 175, 40 + shade * 2)
        d.line([(200, 640), (215, 520), (260, 470), (300, 400)], fill=vein,
               width=int(10 - 6 * fullness), joint="curve")
        d.line([(300, 650), (290, 540), (330, 470)], fill=vein, width=int(9 - 6 * fullness),
               joint="curve")
        # Only where there is skin: the layer's own shape cuts the details.
        details.putalpha(Image.composite(details.getchannel("A"), Image.new("L", layer.size),
                                         layer.getchannel("A")))
        layer = Image.alpha_composite(layer, details)
    return layer


def _label(image: Image.Image, when: str) -> None:
    d = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=26)
    except TypeError:  # pragma: no cover - Pillow older than 10.1
        font = ImageFont.load_default()
    d.rectangle([0, 0, image.width, 44], fill=(120, 20, 20))
    d.text((16, 8), f"{ILLUSTRATION_WARNING} ({when})", fill=(255, 255, 255), font=font)


def draw(view: str, fullness: float, when: str, shift: tuple[float, float] = (0, 0),
         zoom: float = 1.0) -> bytes:
    """A JPEG drawing of ``view`` (see resources/photos/views.toml) with hands of the given
    fullness (0 thin, 1 full), framed with ``shift`` (fractions of the size) and ``zoom``."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BOARD)
    palm = view == "palms"
    right = _hand(fullness, palm)
    left = right.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    scale = 0.8 * zoom
    placed: list[tuple[Image.Image, float]] = []
    if view in ("both_dorsal", "palms"):
        placed = [(left if not palm else right, 0.27), (right if not palm else left, 0.73)]
    elif view.startswith("left"):
        placed, scale = [(left, 0.5)], 1.05 * zoom
    else:
        placed, scale = [(right, 0.5)], 1.05 * zoom
    for hand, cx in placed:
        w, h = int(hand.width * scale), int(hand.height * scale)
        if view.endswith("oblique"):
            w = int(w * 0.72)  # seen at 45 degrees: narrower across
        hand = hand.resize((w, h), Image.Resampling.BILINEAR)
        x = int(WIDTH * (cx + shift[0]) - w / 2)
        y = int(HEIGHT * (0.56 + shift[1]) - h / 2)
        image.paste(hand, (x, y), hand)
    _label(image, when)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


BASELINE_VIEWS = ("both_dorsal", "left_dorsal", "right_dorsal", "left_oblique", "right_oblique")


def add_demo_photos(store, patient_id: int, shots: list[tuple[date, float, dict]]) -> int:
    """Take drawings into a demo patient's record: for each (day, fullness, link) the baseline
    views (the first) or the graded views (the others). Returns how many."""
    from rejuv_desktop.services import photos as sph

    if store.path is None and getattr(store, "engine", "sqlite") != "postgresql":
        return 0  # photographs live beside a database file or on a clinic server
    sph.record_clinical_consent(store, patient_id, True, "Demo clinic")
    made = 0
    for n, (day, fullness, link) in enumerate(shots):
        views = BASELINE_VIEWS if n == 0 else ("both_dorsal", "left_dorsal", "right_dorsal")
        shift = (0.0, 0.0) if n == 0 else (0.03 * n, -0.02 * n)
        zoom = 1.0 if n == 0 else 1.0 + 0.04 * n
        for view in views:
            data = draw(view, fullness, day.strftime("%d/%m/%Y"), shift, zoom)
            taken = datetime.combine(day, time(9, 30), store.clock().tzinfo)
            sph.import_photo(store, patient_id, view, data, taken_at=taken, source="demo",
                             illustration=True, **link)
            made += 1
    return made
