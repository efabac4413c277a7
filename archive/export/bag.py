"""BagIt export (RFC 8493) with the Library of Congress ``bagit`` library."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

from tangthu.archive.export.common import ExportError, Progress, Resolved, dublin_core, tick
from tangthu.archive.export.files import write_folder
from tangthu.archive.export.registry import ExportFormat
from tangthu.archive.model import CancelToken
from tangthu.archive.photo import is_image_name


def write_bag(
    resolved: Resolved,
    out: Path,
    *,
    multi_root: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    organization: str = "",
    description: str = "",
) -> list[str]:
    """Copy the payload into *out*, make it a bag with sha256 and sha512 manifests, validate it."""
    import bagit  # (it takes a while to import: only when a bag is made)

    staging = out / "payload"
    staging.mkdir()
    written = write_folder(
        resolved, staging, multi_root=multi_root, progress=progress, cancel=cancel
    )
    for name in os.listdir(staging):
        shutil.move(str(staging / name), str(out / name))
    staging.rmdir()
    tick(progress, cancel, 0, 1)
    info = {
        "Bagging-Date": date.today().isoformat(),
        "External-Description": description
        or (
            f"{len(resolved.articles)} articles and "
            f"{sum(is_image_name(w) for w in written)} photos exported from a press archive"
        ),
        "Bag-Software-Agent": "Tàng Thư",
    }
    if organization.strip():  # the library that made the bag (the program is its agent)
        info["Source-Organization"] = organization.strip()
    tags = sorted(
        {t for item, art in resolved.articles for t in resolved.marks(item.root, art.id)[0]}
    )
    if tags:  # the user's tags on the articles, as the bag's keywords
        info["Keywords"] = "; ".join(tags)
    corrected = [art for _item, art in resolved.articles if art.corrected]
    if corrected:  # records that say other than their files: which, and where
        fields = sorted({f for art in corrected for f, _was in art.corrected})
        info["Corrected-Records"] = (
            f"{len(corrected)} of {len(resolved.articles)} articles: {', '.join(fields)} "
            "corrected by the library (the files say otherwise; see metadata/dc.json)"
        )
    try:
        bag = bagit.make_bag(str(out), bag_info=info, checksums=["sha256", "sha512"])
        meta = out / "metadata"
        meta.mkdir()
        records = [
            dublin_core(art, *resolved.marks(item.root, art.id)) for item, art in resolved.articles
        ]
        (meta / "dc.json").write_text(
            json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        bag = bagit.Bag(str(out))
        bag.save()  # rewrites the tag manifests, now covering metadata/dc.json
        bag.validate()
    except (bagit.BagError, bagit.BagValidationError) as exc:
        raise ExportError(
            f"The bag did not validate ({exc}); nothing was written.",
            code="bag-invalid",
            reason=str(exc),
        ) from exc
    tick(progress, cancel, 1, 1)
    return [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "metadata/dc.json",
        *(f"data/{w}" for w in written),
    ]


EXPORT_FORMATS = (
    ExportFormat(
        "bagit",
        "BagIt bag (for repositories)",
        True,
        "",
        write_bag,
        options=("organization", "description"),
        order=30,
    ),
)
