"""The list page's first view transfers under 60 kB: compressed HTML plus every asset."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

LIMIT = 60 * 1024


def static_file(url: str) -> Path:
    return Path(settings.BASE_DIR) / "static" / url.removeprefix(settings.STATIC_URL)


@pytest.mark.django_db
def test_the_list_pages_first_view_is_under_60_kb(client: Client, make_method) -> None:
    for _ in range(20):  # a full first page of results
        make_method(summary_fi="Menetelmän tiivistelmä kertoo, mitä se on. " * 6)
    response = client.get("/menetelmat/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    asset_bytes = sum(len(gzip.compress(static_file(url).read_bytes())) for url in assets)
    assert assets, "the page should load its stylesheet"
    assert len(response.content) + asset_bytes < LIMIT
