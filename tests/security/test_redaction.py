"""The Redactor on its own: every escaped form masked, redaction before the excerpt is cut, short secrets withheld."""

from __future__ import annotations

import html
import json
from urllib.parse import quote, quote_plus

import pytest

from saagieapi._http import EXCERPT_LENGTH, WITHHELD, Redactor, sent_secrets

SECRET = 'a"b\\c\td/e+f&g<h>é%-0123'


@pytest.mark.parametrize(
    "form",
    [
        SECRET,
        json.dumps(SECRET)[1:-1],
        json.dumps(SECRET, ensure_ascii=False)[1:-1],
        json.dumps(json.dumps(SECRET))[1:-1],
        quote(SECRET, safe=""),
        quote(SECRET, safe="").lower(),
        quote_plus(SECRET),
        html.escape(SECRET),
    ],
)
def test_every_form_of_a_secret_is_masked(form: str) -> None:
    text = Redactor(SECRET)(f"before {form} after")
    # Every form ends with "0123" (the secret's tail): none of it may remain around the mask.
    assert text.startswith("before ") and text.endswith(" after") and "***" in text and "0123" not in text
    assert text.replace("\\", "").replace('"', "") == "before *** after"


@pytest.mark.parametrize("offset", range(EXCERPT_LENGTH - 30, EXCERPT_LENGTH + 5))
def test_a_secret_across_the_cut_leaks_no_prefix(offset: int) -> None:
    secret = "Zq8-very-secret-Password"
    excerpt = Redactor(secret).excerpt("x" * offset + secret + " tail" * 100)
    assert len(excerpt) <= EXCERPT_LENGTH
    for size in range(3, len(secret) + 1):
        assert secret[:size] not in excerpt


@pytest.mark.parametrize("secret", ["x", "Error", "pw", "1234567"])
def test_a_short_secret_withholds_the_text_instead_of_masking_it(secret: str) -> None:
    redact = Redactor(secret)
    text = f"<html><h1>{secret} response</h1><p>explanation of the {secret}</p></html>"
    assert redact(text) == WITHHELD and redact.excerpt(text) == WITHHELD
    assert redact("nothing of it here: ok") in ("nothing of it here: ok", WITHHELD)


def test_html_bodies_become_short_plain_excerpts() -> None:
    page = "<html><head><title>Bad Gateway</title><style>p{}</style></head><body>" + "<p>line</p>\n" * 400
    excerpt = Redactor("a-long-password").excerpt(page)
    assert excerpt.startswith("Bad Gateway: ") and "<" not in excerpt and len(excerpt) <= EXCERPT_LENGTH


def test_scrub_redacts_errors_extensions_and_data() -> None:
    redact = Redactor("tok-secret-123456")
    errors = [{"message": "bad tok-secret-123456", "extensions": {"echo": {"h": ["Bearer tok-secret-123456"]}}}]
    assert "tok-secret" not in json.dumps(redact.scrub(errors))
    assert redact.scrub({"tok-secret-123456": 1}) == {"***": 1}


def test_secrets_sent_in_payloads_are_found() -> None:
    payload = {
        "variables": {
            "envVar": {"name": "DB", "value": "v-secret", "isPassword": True},
            "other": {"name": "X", "value": "public", "isPassword": False},
            "credentials": {"username": "bot", "password": "d-secret"},
        },
        "newPassword": "n-secret",
        "oldPassword": "o-secret",
    }
    assert sorted(sent_secrets(payload)) == ["d-secret", "n-secret", "o-secret", "v-secret"]
