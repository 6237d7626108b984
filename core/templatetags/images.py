"""``{{ speaker.photo|thumbnail:"320x320" }}`` (fit inside) and ``|thumbnail:"320x320 crop"`` (fill and crop)."""

from django import template

from core.images import thumbnail_url

register = template.Library()


@register.filter
def thumbnail(image_file, spec: str) -> str:
    size, _, mode = spec.partition(" ")
    width, _, height = size.partition("x")
    return thumbnail_url(image_file, int(width), int(height or width), crop=mode == "crop")
