"""Content codings for cached renders: which a client accepts (RFC 9110 12.5.3), and compression done once.

Brotli (Google's ``brotli``) where the client accepts it, else gzip. Both at their strongest settings: a render is
compressed once per content version and served many times, so bytes matter more than the milliseconds.
"""

import gzip

try:
    import brotli
except ImportError:  # optional: gzip alone still serves every client
    brotli = None

IDENTITY, GZIP, BROTLI = "identity", "gzip", "br"
# What the server offers, best first.
OFFERED = (BROTLI, GZIP) if brotli is not None else (GZIP,)
COMPRESSIBLE_TYPES = frozenset({
    "application/json", "application/schedule+json", "application/xml", "text/xml", "text/calendar",
    "application/atom+xml", "application/rss+xml", "application/vnd.oai.openapi", "application/vnd.oai.openapi+json",
    "text/csv", "text/html", "text/plain", "application/geo+json",
})


def compressible(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in COMPRESSIBLE_TYPES


def _weights(accept_encoding: str) -> dict[str, float]:
    weights = {}
    for part in accept_encoding.split(","):
        name, _, parameters = part.strip().partition(";")
        name = name.strip().lower()
        name = {"x-gzip": GZIP}.get(name, name)  # RFC 9110 8.4.1.3: the same coding
        if not name:
            continue
        weight = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name] = max(0.0, min(weight, 1.0))
    return weights


def preferred(accept_encoding: str) -> str:
    """The best coding the client accepts: the highest weight, ties to the server's order; ``identity`` if none.

    ``gzip;q=0`` refuses gzip; ``*`` stands for every coding not named; an absent header accepts only identity (a
    client that never said it accepts compression gets none).
    """
    weights = _weights(accept_encoding)
    default = weights.get("*", 0.0)
    scored = [(weights.get(coding, default), -rank, coding) for rank, coding in enumerate(OFFERED)]
    weight, _rank, coding = max(scored)
    return coding if weight > 0 else IDENTITY


def compress(body: bytes, coding: str) -> bytes:
    if coding == BROTLI:
        return brotli.compress(body, quality=11)
    if coding == GZIP:
        return gzip.compress(body, compresslevel=9, mtime=0)
    raise ValueError(f"unknown content coding {coding!r}")
