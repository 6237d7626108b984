"""``{{ speaker.photo|thumbnail:"320x320" }}`` (fit inside) and ``|thumbnail:"320x320 crop"`` (fill and crop).

The value is the thumbnail's URL, with ``.width`` and ``.height``: its real size, for the <img> attributes.
"""

from django import template

from core import images

register = template.Library()


@register.filter
def thumbnail(image_file, spec: str) -> str:
    size, _, mode = spec.partition(" ")
    width, _, height = size.partition("x")
    return images.thumbnail(image_file, int(width), int(height or width), crop=mode == "crop")
