"""Images: checked by opening them, re-encoded, and shrunk to two thumbnail sizes (Pillow).

Re-encoding is the defence against polyglots: a file that is both a valid
image and something else (a PHP script or a ZIP appended to a PNG, HTML in a
GIF's comment) is decoded to pixels and written anew, so only the picture is
kept; metadata (EXIF: places, camera serial numbers) goes too, after the
orientation it records was applied. Decompression bombs are refused before
decoding, from the declared size.
"""

from __future__ import annotations

import io
import warnings
from typing import IO

import attrs
from PIL import Image, ImageOps, UnidentifiedImageError

from pnyx.attachments.kinds import Kind

#: Thumbnail widths (pixels): cards in lists, and hero banners / wide cards.
THUMBNAIL_WIDTHS = {"small": 480, "medium": 1200}
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}


class ImageError(ValueError):
    """The file claims to be an image but is not a readable one (``reason`` says why)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@attrs.frozen
class ProcessedImage:
    data: bytes
    width: int
    height: int
    #: ``{"small": webp bytes, "medium": webp bytes}``
    thumbnails: dict[str, bytes]


def process_image(file: IO[bytes], kind: Kind, max_pixels: int) -> ProcessedImage:
    """The image re-encoded in its own format, its size, and its thumbnails (WebP)."""
    image = _open(file, kind, max_pixels)
    image = ImageOps.exif_transpose(image)
    data = _encode(image, kind)
    thumbnails = {size: _thumbnail(image, width) for size, width in THUMBNAIL_WIDTHS.items()}
    return ProcessedImage(data, image.width, image.height, thumbnails)


def _open(file: IO[bytes], kind: Kind, max_pixels: int) -> Image.Image:
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(file)
            if probe.format != _PILLOW_FORMATS[kind.name]:
                raise ImageError("format")
            if probe.width * probe.height > max_pixels:
                raise ImageError("pixels")
            probe.verify()  # the structure (checksums of PNG chunks...)
            file.seek(0)
            image = Image.open(file)
            image.load()  # every pixel decodes
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageError("broken") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageError("pixels") from error
    return image


def _encode(image: Image.Image, kind: Kind) -> bytes:
    output = io.BytesIO()
    pillow_format = _PILLOW_FORMATS[kind.name]
    if pillow_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=88, optimize=True)
    elif pillow_format == "GIF":
        image.save(output, "GIF")  # the first frame: an animation is not needed on cards
    elif pillow_format == "WEBP":
        image.save(output, "WEBP", quality=88)
    else:
        image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _thumbnail(image: Image.Image, width: int) -> bytes:
    copy = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if copy.width > width:
        height = max(1, round(copy.height * width / copy.width))
        copy = copy.resize((width, height), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    copy.save(output, "WEBP", quality=82)
    return output.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
