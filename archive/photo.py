"""Photo metadata (from headers only) and thumbnails, with Pillow.

Damaged, truncated and oversized files become `Problem` records, never exceptions.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import re
import struct
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tangthu.archive.decode import DecodeError, decode
from tangthu.archive.guard import UnsafeFile, open_regular
from tangthu.archive.model import GPS, PhotoInfo, Problem

# Pillow is imported by the functions that decode: what only names pictures (scanning
# a folder, a search) does not load it.
if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp"})

#: Pictures above this many pixels are not decoded (a decompression bomb guard; the
#: largest camera files are about 100 megapixels).
MAX_PIXELS = 120_000_000
#: The memory one decoded picture may take (thumbnails, the viewer, PDF pages): a JPEG
#: decodes at a reduced scale first, other formats whole.
DECODE_BYTES = 256 * 1024 * 1024
#: The same for the small copies perceptual hashes are made of while indexing (two
#: indexing processes run at once, and a folder may hold nothing but bombs).
HASH_DECODE_BYTES = 48 * 1024 * 1024
#: Bytes per pixel of Pillow's modes in memory (RGB is kept in 4 bytes).
_MODE_BYTES = {
    "1": 1,
    "L": 1,
    "P": 1,
    "LA": 4,
    "La": 4,
    "PA": 4,
    "I;16": 2,
    "I;16B": 2,
    "I;16L": 2,
    "I;16N": 2,
    "RGB": 4,
    "RGBA": 4,
    "RGBa": 4,
    "RGBX": 4,
    "CMYK": 4,
    "YCbCr": 4,
    "LAB": 4,
    "HSV": 4,
    "I": 4,
    "F": 4,
}


def decoded_bytes(im: Image.Image) -> int:
    """The memory *im* takes once decoded, as Pillow keeps it (RGB in four bytes, a
    pixel of black and white in one)."""
    return im.width * im.height * _MODE_BYTES.get(im.mode, 4)


class PictureRefused(ValueError):
    """A picture that is not decoded: too many pixels, or more memory than allowed."""

    kind = "huge-photo"


@contextmanager
def open_picture(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    trusted: Iterable[str] = (),
    draft: tuple[str, tuple[int, int]] | None = None,
    budget: int = DECODE_BYTES,
) -> Iterator[Image.Image]:
    """The one way to decode a picture: a regular file (inside *root*, when given), its
    size checked from the header before a pixel is decoded.

    Args:
        draft: (mode, size) for a JPEG to decode at a reduced scale (``Image.draft``).
        budget: bytes the decoded picture may take.

    Raises:
        PictureRefused: too many pixels for *budget* or for `MAX_PIXELS`.
        UnsafeFile, OSError: the file cannot be opened safely.
        UnidentifiedImageError, ValueError, SyntaxError, EOFError: not a picture.
    """
    from PIL import Image

    f = open_regular(path, root, trusted=trusted)
    try:
        try:
            im = Image.open(f)
        except Image.DecompressionBombError:
            raise PictureRefused("too many pixels to open safely") from None
        with im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise PictureRefused(f"{width}×{height} pixels is too many to open safely")
            if draft is not None and im.format == "JPEG":
                im.draft(*draft)
            need = decoded_bytes(im)
            if need > budget:
                raise PictureRefused(
                    f"{width}×{height} pixels would take {need // (1024 * 1024):,} MB to "
                    f"decode; the limit is {budget // (1024 * 1024):,} MB"
                )
            yield im
    finally:
        f.close()


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
    """A caption or tag's text: UTF-8, else a legacy Vietnamese or Western encoding
    (`tangthu.archive.decode`); UTF-8 that a reader took for Latin-1 is mended."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            try:
                value = decode(value.replace(b"\x00", b""))[0]
            except DecodeError:
                value = value.decode("cp1252", "replace")
    if isinstance(value, list):
        value = " ".join(v for v in (_text(x) for x in value) if v)
    if not isinstance(value, str):
        return None
    if not value.isascii():
        try:  # EXIF's ASCII fields hold UTF-8 from many cameras and programs
            value = value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    value = unicodedata.normalize("NFC", value.replace("\x00", "").strip())
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


#: An embedded caption longer than this is cut at a word (IPTC allows 2,000 bytes; a
#: picture claiming a caption of megabytes would fill every search and index).
MAX_CAPTION = 4000
#: An XMP packet larger than this is not parsed (real ones hold a few kilobytes, up to
#: some hundreds with a thumbnail or an editor's history).
MAX_XMP = 4 * 1024 * 1024


def cap_caption(text: str | None) -> str | None:
    """*text*, cut at a word near `MAX_CAPTION` characters (with an ellipsis)."""
    if text is None or len(text) <= MAX_CAPTION:
        return text
    cut = text.rfind(" ", 0, MAX_CAPTION)
    return text[: cut if cut > MAX_CAPTION // 2 else MAX_CAPTION].rstrip() + "…"


def _xmp_size(im: Image.Image) -> int:
    packet = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b""
    return len(packet)


@dataclass(frozen=True, slots=True)
class PressFields:
    """What a press photo's own metadata says of it, reconciled as the Metadata Working
    Group's guidelines say: EXIF first; then IPTC-IIM when it was changed after the XMP
    was written (its digest does not match) or there is no XMP; then XMP; then IIM."""

    caption: str | None = None
    #: IPTC Headline / XMP photoshop:Headline, else dc:title / IIM Object Name, else
    #: XMP pdf:Title (the main XMP packet and its extended part alike)
    headline: str | None = None
    #: EXIF Artist / IIM By-line / XMP dc:creator, else XMP pdf:Author
    creator: str | None = None
    #: IIM Keywords / XMP dc:subject
    keywords: tuple[str, ...] = ()
    #: XMP photoshop:DateCreated / IIM Date Created (+ Time Created), ISO 8601
    created: str | None = None


#: EXIF's Artist tag.
_TAG_ARTIST = 0x013B
#: IPTC-IIM datasets (record 2).
_IIM = {"object": (2, 5), "keywords": (2, 25), "date": (2, 55), "time": (2, 60),
        "byline": (2, 80), "headline": (2, 105), "caption": (2, 120)}  # fmt: skip
_IIM_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_XMP_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


#: What opens an APP1 segment holding a part of a JPEG's extended XMP packet.
_EXTENDED_XMP = b"http://ns.adobe.com/xmp/extension/\x00"


def _extended_xmp(im: Image.Image, guid: str) -> bytes | None:
    """The extended XMP packet of a JPEG: the part of its XMP too large for one segment
    (XMP Specification Part 3, 1.1.3.1), in chunks of APP1 segments, each holding the
    packet's GUID (the one its main packet names in xmpNote:HasExtendedXMP), the
    packet's length and the chunk's offset; None when a chunk is missing."""
    chunks: dict[int, bytes] = {}
    length = None
    for marker, data in getattr(im, "applist", ()):
        if marker != "APP1" or not data.startswith(_EXTENDED_XMP):
            continue
        head = data[len(_EXTENDED_XMP) :]
        if len(head) < 40 or head[:32] != guid.encode("ascii", "replace"):
            continue
        length = int.from_bytes(head[32:36], "big")
        chunks[int.from_bytes(head[36:40], "big")] = head[40:]
    if length is None or length > MAX_XMP:
        return None
    packet = b""
    for offset in sorted(chunks):
        if offset != len(packet):
            return None
        packet += chunks[offset]
    return packet if len(packet) == length else None


def _parse_xmp(packet: bytes) -> dict[str, Any]:
    """An XMP packet as nested dictionaries by local name, as Pillow's ``getxmp`` gives
    the main packet: an element's attributes and children, its text under ``text``
    when it has attributes, a name met twice as a list."""
    from defusedxml import ElementTree

    def local(tag: str) -> str:
        return tag.rpartition("}")[2]

    def value(element: Any) -> Any:
        out: dict[str, Any] = {local(k): v for k, v in element.attrib.items()}
        children = list(element)
        if not children and not out:
            return element.text
        for child in children:
            name, got = local(child.tag), value(child)
            if name not in out:
                out[name] = got
            elif isinstance(out[name], list):
                out[name].append(got)
            else:
                out[name] = [out[name], got]
        if not children and element.text:
            out["text"] = element.text
        return out

    try:
        root = ElementTree.fromstring(packet)
    except Exception:  # malformed XML, or defusedxml refusing it
        return {}
    return {local(root.tag): value(root)}


def _xmp_fields(xmp: Any) -> dict[str, Any]:
    """The properties of an XMP packet's ``rdf:Description`` blocks, by local name (the
    first block naming one wins)."""
    try:
        found = xmp["xmpmeta"]["RDF"]["Description"]
    except (KeyError, TypeError):
        return {}
    out: dict[str, Any] = {}
    for block in found if isinstance(found, list) else [found]:
        if isinstance(block, dict):
            for key, value in block.items():
                out.setdefault(key, value)
    return out


def _xmp_values(node: Any) -> list[str]:
    """The texts of an XMP value: a plain one, or a language alternative's, a sequence's
    or a bag's items (``x-default`` first)."""
    if isinstance(node, str):
        return [node.strip()] if node.strip() else []
    if isinstance(node, list):
        return [v for item in node for v in _xmp_values(item)]
    if isinstance(node, dict):
        if "text" in node:
            return _xmp_values(node["text"])
        for kind in ("Alt", "Seq", "Bag", "li"):
            if kind in node:
                return _xmp_values(node[kind])
    return []


def _iim_values(iptc: dict[Any, Any] | None, key: str) -> list[str]:
    value = iptc.get(_IIM[key]) if iptc else None
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [t for t in (_text(v) for v in items) if t]


def _iim_changed(im: Image.Image) -> bool | None:
    """Whether the IIM block was changed after its digest was written (a program that
    knows only IIM edited the caption): True, False, or None without a digest."""
    resources = im.info.get("photoshop")
    if not isinstance(resources, dict):
        return None
    iim, digest = resources.get(0x0404), resources.get(0x0425)
    if not isinstance(iim, bytes) or not isinstance(digest, bytes):
        return None
    return digest not in (hashlib.md5(iim).digest(), hashlib.md5(iim.rstrip(b"\0")).digest())


def _iso_created(date: str | None, time: str | None = None) -> str | None:
    """A DateCreated as ISO 8601 (``2006-10-29``, ``2017-05-29T17:19:21``), as
    precise as it is written."""
    if not date:
        return None
    m = _IIM_DATE.match(date) or _XMP_DATE.match(date)
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        datetime(y or 0, mo or 1, d or 1)
    except ValueError:
        return None
    iso = f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if d and mo else "")
    clock = re.match(r"^.{10}T(\d{2}):(\d{2})(?::(\d{2}))?", date)
    if clock and d:
        iso += f"T{clock.group(1)}:{clock.group(2)}:{clock.group(3) or '00'}"
    elif time and d and re.match(r"^\d{6}", time):
        iso += f"T{time[:2]}:{time[2:4]}:{time[4:6]}"
    return iso


#: What ends each record of a FotoStation trailer (FotoWare's photo-desk program keeps
#: its IPTC-IIM after the picture's end, a record at a time: the data, then a 16-bit
#: kind, a 32-bit length that counts these 10 bytes, and this signature).
_FOTOSTATION = 0xA1B2C3D4
#: The most records of such a trailer read, and the most bytes of its IIM record.
_TRAILER_RECORDS = 16
_TRAILER_IIM = 256 * 1024


def trailer_iim(f: Any, size: int) -> dict[tuple[int, int], Any] | None:
    """The IPTC-IIM datasets a FotoStation trailer at the end of *f* (*size* bytes)
    holds, as Pillow gives those of a JPEG's own block (a list where one repeats); None
    without one. *f* is left where it was."""
    where = f.tell()
    try:
        end = size
        for _ in range(_TRAILER_RECORDS):
            if end < 10:
                return None
            f.seek(end - 10)
            kind, length, signature = struct.unpack(">HII", f.read(10))
            if signature != _FOTOSTATION or not 10 <= length <= end:
                return None
            if kind == 1:
                if length - 10 > _TRAILER_IIM:
                    return None
                f.seek(end - length)
                return _iim_datasets(f.read(length - 10))
            end -= length
        return None
    except (OSError, struct.error):
        return None
    finally:
        f.seek(where)


def _iim_datasets(data: bytes) -> dict[tuple[int, int], Any]:
    """The datasets of IPTC-IIM *data* (``0x1C``, record, dataset, 16-bit length, value);
    it stops at what is not one (an extended length: no caption is that long)."""
    found: dict[tuple[int, int], Any] = {}
    at = 0
    while at + 5 <= len(data) and data[at] == 0x1C:
        record, dataset, length = (
            data[at + 1],
            data[at + 2],
            int.from_bytes(data[at + 3 : at + 5], "big"),
        )
        if length & 0x8000:
            break
        value = data[at + 5 : at + 5 + length]
        key = (record, dataset)
        if key in found:
            before = found[key]
            found[key] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            found[key] = value
        at += 5 + length
    return found


def press_fields(
    im: Image.Image,
    exif: Any,
    trailer: Callable[[], dict[tuple[int, int], Any] | None] | None = None,
) -> PressFields:
    """The caption, headline, creator, keywords and creation date *im* carries
    (`PressFields`): a photo desk's fields, read from EXIF, IPTC-IIM and XMP; the IIM
    of a FotoStation trailer (*trailer*: reads it, `trailer_iim`) where the picture has
    none of its own."""
    from PIL import IptcImagePlugin

    try:
        iptc = IptcImagePlugin.getiptcinfo(im)  # type: ignore[arg-type]
    except Exception:  # malformed IPTC blocks raise many kinds of error
        iptc = None
    if not iptc and trailer is not None:  # (the file's end is read only then)
        iptc = trailer()
    try:
        xmp = im.getxmp() if hasattr(im, "getxmp") and _xmp_size(im) <= MAX_XMP else {}
    except Exception:  # bad XMP packets: malformed XML, or defusedxml refusing it
        xmp = {}
    props = _xmp_fields(xmp)
    guid = next(iter(_xmp_values(props.get("HasExtendedXMP"))), None)
    extended = _extended_xmp(im, guid) if guid else None
    if extended:
        for key, found in _xmp_fields(_parse_xmp(extended)).items():
            props.setdefault(key, found)
    changed = _iim_changed(im)
    iim_first = bool(changed) or not props  # IIM edited since, or no XMP at all

    def pick(iim: list[str], from_xmp: list[str]) -> list[str]:
        return (iim or from_xmp) if iim_first else (from_xmp or iim)

    description = _text(exif.get(_TAG_DESCRIPTION)) if exif else None
    if description is not None and _is_boilerplate(description):
        description = None
    caption = description or next(
        iter(pick(_iim_values(iptc, "caption"), _xmp_values(props.get("description")))), None
    )
    artist = _text(exif.get(_TAG_ARTIST)) if exif else None
    creators = (
        [artist] if artist else pick(_iim_values(iptc, "byline"), _xmp_values(props.get("creator")))
    )
    # a document's fields (pdf:Author, pdf:Title) when the photo's own fields name none
    creators = creators or _xmp_values(props.get("Author"))
    headline = pick(_iim_values(iptc, "headline"), _xmp_values(props.get("Headline")))
    headline = headline or pick(_iim_values(iptc, "object"), _xmp_values(props.get("title")))
    headline = headline or _xmp_values(props.get("Title"))
    keywords = pick(_iim_values(iptc, "keywords"), _xmp_values(props.get("subject")))
    iim_date = _iim_values(iptc, "date")
    iim_created = _iso_created(
        iim_date[0] if iim_date else None, next(iter(_iim_values(iptc, "time")), None)
    )
    xmp_created = _iso_created(next(iter(_xmp_values(props.get("DateCreated"))), None))
    created = (iim_created or xmp_created) if iim_first else (xmp_created or iim_created)
    return PressFields(
        caption=cap_caption(_text(caption)),
        headline=cap_caption(_text(headline[0])) if headline else None,
        creator="; ".join(dict.fromkeys(c for c in creators if c))[:500] or None,
        keywords=tuple(dict.fromkeys(k for k in keywords if k))[:200],
        created=created,
    )


#: What cameras write into the EXIF description by themselves: not a caption.
_BOILERPLATE = re.compile(
    r"^(?:<[^>]*>|[\w .-]*digital (?:still )?camera|sony dsc|default|image description|"
    r"description|untitled|no description|[\W_]*)$",
    re.IGNORECASE,
)


def _is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(text.strip()))


def _is_truncated(f: Any, size: int, fmt: str | None) -> bool:
    """Whether a JPEG or PNG file stops before its end marker (the rest is not there)."""
    marker = {"JPEG": b"\xff\xd9", "PNG": b"IEND"}.get(fmt or "")
    if marker is None:
        return False
    f.seek(max(0, size - 4096))
    return marker not in f.read()


def _exif(im: Image.Image) -> tuple[Any, Any, Any]:
    if im.format == "PNG" and "exif" not in im.info:
        # Pillow decodes a whole PNG to look for an EXIF chunk after its pixels: headers
        # only here (cameras write EXIF into JPEG files, not PNG).
        return {}, {}, {}
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


def read_photo_info(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    trusted: Iterable[str] = (),
) -> PhotoInfo:
    """Read size, EXIF, GPS and embedded caption of a photo without decoding pixels.

    With *root*, a photo that is a link out of the archive is not read (a problem).
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        f = open_regular(path, root, trusted=trusted)
    except UnsafeFile as exc:
        return PhotoInfo(problem=Problem(exc.kind, str(path), exc.detail))
    except OSError as exc:
        kind = "symlink-loop" if exc.errno == errno.ELOOP else "unreadable-file"
        return PhotoInfo(problem=Problem(kind, str(path), _os_reason(exc)))
    with f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            return PhotoInfo(problem=Problem("broken-photo", str(path), "the photo file is empty"))
        try:
            im = Image.open(f)
        except Image.DecompressionBombError:
            return PhotoInfo(
                problem=Problem("huge-photo", str(path), "too many pixels to open safely")
            )
        except UnidentifiedImageError:
            return PhotoInfo(
                problem=Problem(
                    "broken-photo", str(path), "not a picture in a format Tàng Thư reads"
                )
            )
        except (SyntaxError, ValueError, EOFError) as exc:
            return PhotoInfo(
                problem=Problem("broken-photo", str(path), f"not a readable image ({exc})")
            )
        except OSError as exc:  # Pillow's word for a picture cut short, among others
            if "truncated" in str(exc).lower():
                return PhotoInfo(
                    problem=Problem(
                        "truncated-photo", str(path), "the picture's data ends before its end"
                    )
                )
            return PhotoInfo(
                problem=Problem("broken-photo", str(path), f"not a readable image ({exc})")
            )
        with im:
            return _info(im, f, size, str(path))


def _os_reason(exc: OSError) -> str:
    return str(exc.strerror or exc)


def _info(im: Image.Image, f: Any, size: int, path: str) -> PhotoInfo:
    width, height = im.size
    fmt = im.format
    if width * height > MAX_PIXELS:
        return PhotoInfo(
            width=width,
            height=height,
            format=fmt,
            problem=Problem(
                "huge-photo", path, f"{width}×{height} pixels is too many to open safely"
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
    press = press_fields(im, exif, (lambda: trailer_iim(f, size)) if fmt == "JPEG" else None)
    problem = None
    if _is_truncated(f, size, fmt):
        problem = Problem("truncated-photo", path, f"the {fmt} data ends before its end marker")
    return PhotoInfo(
        width=width,
        height=height,
        format=fmt,
        taken=taken,
        camera=camera.strip() or None,
        orientation=orientation,
        gps=_gps(gps_ifd),
        embedded_caption=press.caption,
        headline=press.headline,
        creator=press.creator,
        keywords=press.keywords,
        created=press.created,
        problem=problem,
    )


def make_thumbnail(
    path: str | os.PathLike[str],
    px: int,
    *,
    quality: int = 82,
    root: str | os.PathLike[str] | None = None,
    budget: int = DECODE_BYTES,
    trusted: Iterable[str] = (),
) -> bytes:
    """A JPEG thumbnail no larger than *px* on its long side, EXIF orientation applied.

    Raises:
        PictureRefused: too large to decode within *budget*.
        OSError, ValueError: the picture cannot be read or decoded (callers report it).
    """
    from PIL import Image, ImageOps

    with open_picture(
        path, root=root, trusted=trusted, draft=("RGB", (px * 2, px * 2)), budget=budget
    ) as im:
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
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        if im.width * im.height * 4 > DECODE_BYTES:
            raise PictureRefused(f"{im.width}×{im.height} pixels is too many to open safely")
        rgb = im.convert("RGB")
    return rgb.width, rgb.height, rgb.tobytes()


def perceptual_hash(
    path: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None
) -> int | None:
    """Two 64-bit perceptual hashes of the photo (imagehash's DCT hash, then its
    gradient hash) in one 128-bit number, from a small decoded copy: the same picture
    re-saved, resized or lightly retouched hashes within a few bits of each; pictures
    that only look alike in their broad shapes differ in the second. None for a file
    that cannot be read as a picture, or that would take more than `HASH_DECODE_BYTES`
    to decode (a JPEG decodes at 1/8 of its size, ~1 ms a photo)."""
    import imagehash

    try:
        with open_picture(path, root=root, draft=("L", (64, 64)), budget=HASH_DECODE_BYTES) as im:
            im.load()
            dct, gradient = imagehash.phash(im), imagehash.dhash(im)
    except Exception:  # any broken, truncated, refused or hostile file: no hash, no crash
        return None
    return (int(str(dct), 16) << 64) | int(str(gradient), 16)
