"""The Redactor on its own: every escaped form masked, redaction before the excerpt is cut, short secrets withheld."""

from __future__ import annotations

import html
import json
import re
import unicodedata
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


# -- found from outside: servers that echo a secret after decoding it, in their own escape dialect -------------
def _gson(text: str) -> str:
    """JSON as Gson and Go's encoding/json write it: ``<``, ``>``, ``&``, ``=``, ``'`` as ``\\u00XX``."""
    escaped = json.dumps(text)[1:-1]
    for char in "<>&='":
        escaped = escaped.replace(char, f"\\u{ord(char):04x}")
    return escaped


ECHOED = [
    # (secret, the body a server answers): the secret decoded and echoed raw, HTML not escaped, other dialects
    ("tab\tand  two spaces", "Bad credentials: password=tab\tand  two spaces realm=acme"),
    ("line\nbreak-secret", "Internal error for value line\nbreak-secret, see logs"),
    ('pa"ss\\wo\trd-Ünï', 'bad password pa"ss\\wo\trd-Ünï refused'),
    ("pass<x>word-long", "<html><body><h1>Bad</h1><p>password pass<x>word-long refused</p></body></html>"),
    ("abc=def'ghi<jk", "<html><body><p>password abc=def'ghi<jk refused</p></body></html>"),
    ("pass<x>word-long", '{"message":"bad password \\"' + _gson("pass<x>word-long") + '\\""}'),
    ("abc=def'ghi<jk", '{"message":"' + _gson("abc=def'ghi<jk") + '"}'),
    ("http://a/b/c/secret", '{"message":"bad ' + json.dumps("http://a/b/c/secret")[1:-1].replace("/", "\\/") + '"}'),
    ("tab\tand  two spaces", '{"message":"bad ' + json.dumps("tab\tand  two spaces")[1:-1] + '"}'),
    ("Ünïcödé-pässwörd", "bad password " + unicodedata.normalize("NFD", "Ünïcödé-pässwörd")),
    ("Secret-Ü-0123456", '{"m":"' + "".join(f"\\u{ord(c):04X}" for c in "Secret-Ü-0123456") + '"}'),
]


def _pieces(secret: str) -> list[str]:
    """The secret, its halves, and the same with whitespace collapsed (what a text reduced to words shows)."""
    half = len(secret) // 2
    found = {secret, secret[:half], secret[half:]}
    found |= {" ".join(piece.split()) for piece in list(found)}
    return [piece for piece in found if len(piece.strip()) >= 4]


@pytest.mark.parametrize(("secret", "body"), ECHOED)
def test_a_secret_echoed_raw_or_in_another_escape_dialect_never_shows(secret: str, body: str) -> None:
    redact = Redactor(secret)
    for shown in (redact(body), redact.excerpt(body), json.dumps(redact.scrub({"m": body}))):
        views = {shown}
        for _ in range(2):
            views |= {decode(view) for view in list(views) for decode in (html.unescape, _json_unescaped)}
        views |= {" ".join(unicodedata.normalize("NFC", view).split()) for view in list(views)}
        leaks = [piece for piece in _pieces(secret) for view in views if piece in view]
        assert leaks == [], (shown, leaks)


_JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", '"': '"', "\\": "\\"}


def _json_unescaped(text: str) -> str:
    """Every JSON escape of ``text`` decoded, wherever it is (an oracle apart from the SDK's)."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if code[0] == "u" else _JSON_ESCAPES[code]

    return re.sub(r'\\(u[0-9a-fA-F]{4}|[ntrbf/"\\])', one, text)


def test_a_text_without_the_secret_is_kept_readable() -> None:
    redact = Redactor("tab\tand  two spaces", "pass<x>word-long")
    body = '<html><head><title>Bad Gateway</title></head><body><p>upstream "timed" out</p></body></html>'
    assert redact.excerpt(body) == 'Bad Gateway: upstream "timed" out'
    assert redact('{"message":"bad request \\u003c1\\u003e"}') == '{"message":"bad request \\u003c1\\u003e"}'
