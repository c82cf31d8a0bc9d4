"""Checking an uploaded image before it is stored: real raster image, sane size (pure logic)."""

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MAX_PIXELS = 24_000_000
# Raster formats only: an SVG is a document that can carry scripts and fetch URLs.
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


class ImageRefused(ValueError):
    """`reason` is one of the keys of the views' message table."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedImage:
    sha256: str
    media_type: str
    width: int
    height: int
    size: int


def check_image(data: bytes) -> CheckedImage:
    """Accept PNG, JPEG, GIF or WebP bytes of bounded size; raise ImageRefused otherwise."""
    if not data:
        raise ImageRefused("empty")
    if len(data) > MAX_BYTES:
        raise ImageRefused("too_large")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<!doctype", b"<html")):
        raise ImageRefused("svg")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, OSError, SyntaxError, ValueError):
        raise ImageRefused("not_image") from None
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageRefused("too_many_pixels")
    return CheckedImage(hashlib.sha256(data).hexdigest(), FORMATS[fmt], width, height, len(data))
