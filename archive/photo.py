"""Photo metadata (from headers only) and thumbnails, with Pillow.

Damaged, truncated and oversized files become `Problem` records, never exceptions.
"""

from __future__ import annotations

import io
import logging
import os
import re
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

from tangthu.archive.model import GPS, PhotoInfo, Problem

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp"})

#: Pictures above this many pixels are not opened (a decompression bomb guard;
#: the largest camera files are about 100 megapixels).
MAX_PIXELS = 120_000_000

# Opening reads only the header; every caller checks MAX_PIXELS before decoding, so
# Pillow's own global guard (a warning, or an error at twice its limit) is replaced
# by ours, which works the same in every thread.
Image.MAX_IMAGE_PIXELS = None
# Pillow warns about damaged metadata it then skips (an MPO header read as a plain
# JPEG, corrupt EXIF); we already treat such metadata as absent, and the warning
# would only reach a librarian's terminal.
for _message in (
    "Image appears to be a malformed MPO file",
    "Corrupt EXIF data",
    "Possibly corrupt EXIF",
):
    warnings.filterwarnings("ignore", message=_message, category=UserWarning)

_TAG_ORIENTATION = 0x0112
_TAG_DATETIME = 0x0132
_TAG_MAKE = 0x010F
_TAG_MODEL = 0x0110
_TAG_DESCRIPTION = 0x010E
_IFD_EXIF = 0x8769
_IFD_GPS = 0x8825
_TAG_DATETIME_ORIGINAL = 0x9003
_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def is_image_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        for enc in ("utf-8", "cp1252"):
            try:
                value = value.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    if isinstance(value, list):
        value = " ".join(v for v in (_text(x) for x in value) if v)
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def exif_date(value: Any) -> str | None:
    """An EXIF ``YYYY:MM:DD HH:MM:SS`` value as ISO 8601, or None when invalid."""
    text = _text(value)
    if not text:
        return None
    m = _EXIF_DATE.match(text)
    if not m:
        return None
    try:
        y, mo, d, h, mi, s = (int(g) for g in m.groups())
        return datetime(y, mo, d, h, mi, s).isoformat()
    except ValueError:
        return None


def _rational(v: Any) -> float:
    if isinstance(v, tuple) and len(v) == 2:
        return float(v[0]) / float(v[1])
    return float(v)


def _gps(ifd: Any) -> GPS | None:
    try:
        lat, lon = ifd.get(2), ifd.get(4)
        if not lat or not lon:
            return None
        la = sum(_rational(x) / 60**i for i, x in enumerate(lat))
        lo = sum(_rational(x) / 60**i for i, x in enumerate(lon))
        if str(ifd.get(1, "N")).upper().startswith("S"):
            la = -la
        if str(ifd.get(3, "E")).upper().startswith("W"):
            lo = -lo
        if not (-90 <= la <= 90 and -180 <= lo <= 180):
            return None
        return GPS(round(la, 6), round(lo, 6))
    except (TypeError, ValueError, ZeroDivisionError, IndexError):
        return None


def _xmp_description(node: Any) -> str | None:
    """Find ``dc:description`` in Pillow's nested XMP dictionary."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description":
                found = _xmp_text(value)
                if found:
                    return found
            found = _xmp_description(value)
            if found:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _xmp_description(item)
            if found:
                return found
    return None


def _xmp_text(node: Any) -> str | None:
    if isinstance(node, str):
        return node.strip() or None
    if isinstance(node, dict):
        if "text" in node:
            return _xmp_text(node["text"])
        for value in node.values():
            found = _xmp_text(value)
            if found:
                return found
    if isinstance(node, list):
        for item in node:
            found = _xmp_text(item)
            if found:
                return found
    return None


def _embedded_caption(im: Image.Image, exif: Any) -> str | None:
    try:
        iptc = IptcImagePlugin.getiptcinfo(im)  # type: ignore[arg-type]
    except Exception:  # malformed IPTC blocks raise many kinds of error
        iptc = None
    if iptc:
        caption = _text(iptc.get((2, 120)))
        if caption:
            return caption
    try:
        xmp = im.getxmp() if hasattr(im, "getxmp") else {}
    except Exception:  # bad XMP packets: malformed XML, or defusedxml refusing it
        xmp = {}
    caption = _xmp_description(xmp)
    if caption:
        return caption
    description = _text(exif.get(_TAG_DESCRIPTION)) if exif else None
    return None if description is None or _is_boilerplate(description) else description


#: What cameras write into the EXIF description by themselves: not a caption.
_BOILERPLATE = re.compile(
    r"^(?:<[^>]*>|[\w .-]*digital (?:still )?camera|sony dsc|default|image description|"
    r"description|untitled|no description|[\W_]*)$",
    re.IGNORECASE,
)


def _is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(text.strip()))


def _is_truncated_jpeg(path: Path, size: int) -> bool:
    with path.open("rb") as f:
        f.seek(max(0, size - 4096))
        tail = f.read()
    return b"\xff\xd9" not in tail


def _exif(im: Image.Image) -> tuple[Any, Any, Any]:
    try:
        exif = im.getexif()
    except Exception:  # malformed EXIF: the picture is still usable
        return {}, {}, {}
    try:
        sub = exif.get_ifd(_IFD_EXIF)
    except Exception:
        sub = {}
    try:
        gps = exif.get_ifd(_IFD_GPS)
    except Exception:
        gps = {}
    return exif, sub, gps


def read_photo_info(path: str | os.PathLike[str]) -> PhotoInfo:
    """Read size, EXIF, GPS and embedded caption of a photo without decoding pixels."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return PhotoInfo(problem=Problem("unreadable-file", str(path), str(exc.strerror or exc)))
    if size == 0:
        return PhotoInfo(problem=Problem("broken-photo", str(path), "the photo file is empty"))
    try:
        im = Image.open(path)
    except (UnidentifiedImageError, SyntaxError, ValueError, EOFError) as exc:
        return PhotoInfo(
            problem=Problem("broken-photo", str(path), f"not a readable image ({exc})")
        )
    except OSError as exc:
        return PhotoInfo(problem=Problem("unreadable-file", str(path), str(exc.strerror or exc)))
    with im:
        width, height = im.size
        fmt = im.format
        if width * height > MAX_PIXELS:
            return PhotoInfo(
                width=width,
                height=height,
                format=fmt,
                problem=Problem(
                    "huge-photo", str(path), f"{width}×{height} pixels is too many to open safely"
                ),
            )
        exif, sub, gps_ifd = _exif(im)
        taken = exif_date(sub.get(_TAG_DATETIME_ORIGINAL)) or exif_date(exif.get(_TAG_DATETIME))
        make = _text(exif.get(_TAG_MAKE)) or ""
        model = _text(exif.get(_TAG_MODEL)) or ""
        camera = model if model.lower().startswith(make.lower()) else f"{make} {model}"
        orientation = exif.get(_TAG_ORIENTATION)
        if not isinstance(orientation, int) or not 1 <= orientation <= 8:
            orientation = None
        caption = _embedded_caption(im, exif)
        problem = None
        if fmt == "JPEG" and _is_truncated_jpeg(path, size):
            problem = Problem(
                "truncated-photo", str(path), "the JPEG data ends before its end marker"
            )
        return PhotoInfo(
            width=width,
            height=height,
            format=fmt,
            taken=taken,
            camera=camera.strip() or None,
            orientation=orientation,
            gps=_gps(gps_ifd),
            embedded_caption=caption,
            problem=problem,
        )


def make_thumbnail(path: str | os.PathLike[str], px: int, *, quality: int = 82) -> bytes:
    """A JPEG thumbnail no larger than *px* on its long side, EXIF orientation applied.

    Raises:
        OSError, ValueError: the picture cannot be decoded (callers report it).
    """
    im = Image.open(path)
    with im:
        if im.width * im.height > MAX_PIXELS:
            raise ValueError(f"{im.width}×{im.height} pixels is too many to open safely")
        if im.format == "JPEG":
            im.draft("RGB", (px * 2, px * 2))
        exif_orientation = im.getexif().get(_TAG_ORIENTATION) if im.format == "JPEG" else None
        im.load()
        out = ImageOps.exif_transpose(im) if exif_orientation not in (None, 1) else im
        out = out.convert("RGB")
        out.thumbnail((px, px), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=quality)
        return buf.getvalue()


def rgb_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and packed 8-bit RGB pixels of encoded picture *data* (a thumbnail).

    Raises:
        OSError, ValueError: the bytes are not a readable picture.
    """
    with Image.open(io.BytesIO(data)) as im:
        if im.width * im.height > MAX_PIXELS:
            raise ValueError(f"{im.width}×{im.height} pixels is too many to open safely")
        rgb = im.convert("RGB")
    return rgb.width, rgb.height, rgb.tobytes()


def perceptual_hash(path: str | os.PathLike[str]) -> int | None:
    """Two 64-bit perceptual hashes of the photo (imagehash's DCT hash, then its
    gradient hash) in one 128-bit number, from a small decoded copy: the same picture
    re-saved, resized or lightly retouched hashes within a few bits of each; pictures
    that only look alike in their broad shapes differ in the second. None for a file
    that cannot be read as a picture."""
    import imagehash

    try:
        with Image.open(path) as im:
            im.draft("L", (64, 64))  # a JPEG decodes at 1/8 size: ~1 ms a photo
            im.load()
            dct, gradient = imagehash.phash(im), imagehash.dhash(im)
    except Exception:  # any broken, truncated or hostile file: no hash, no crash
        return None
    return (int(str(dct), 16) << 64) | int(str(gradient), 16)
