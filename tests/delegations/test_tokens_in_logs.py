"""The focal point's and members' links carry a key to personal data in their path: the access logs (gunicorn's,
through core.access_log, and nginx's, through deploy/nginx/wic.conf) keep the route and drop the token."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.access_log import redact_tokens

PATHS = [
    ("/en/summits/2024/delegation/WzEsMV0:1t6g:abc/", "/en/summits/2024/delegation/{}/"),
    ("/zh-hans/summits/2024/delegation-member/WzIsMV0:1t6g:xyz/", "/zh-hans/summits/2024/delegation-member/{}/"),
]


@pytest.mark.parametrize(("path", "logged"), PATHS)
def test_gunicorn_and_runserver_logs_replace_the_token(path, logged):
    line = f'"GET {path} HTTP/1.1" 200 512 "https://wic.example{path}"'

    assert redact_tokens(line) == f'"GET {logged.format("[token]")} HTTP/1.1" 200 512 ' \
                                  f'"https://wic.example{logged.format("[token]")}"'
    # The admin's pages of delegations keep their ids.
    assert redact_tokens("/admin/delegations/delegation/12/change/") == "/admin/delegations/delegation/12/change/"


@pytest.mark.parametrize(("path", "logged"), PATHS)
def test_nginx_log_maps_replace_the_token(path, logged):
    conf = (Path(settings.BASE_DIR) / "deploy/nginx/wic.conf").read_text()
    # The maps' first regex each: PCRE's (?<name>...) is Python's (?P<name>...).
    uri = re.search(r'map \$request_uri \$wic_log_uri \{\s*default \$request_uri;\s*"~(.+?)"\s*\n', conf).group(1)
    match = re.match(uri.replace("(?<", "(?P<"), path)

    assert match is not None and f"{match['wic_uri_head']}-redacted-{match['wic_uri_tail']}" == logged.format(
        "-redacted-")
