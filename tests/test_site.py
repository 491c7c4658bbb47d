"""The docs site: real `mkdocs build --strict` runs, the built HTML, a browser and `mkdocs serve`.

Every message must appear in the built pages character for character, as the
program prints it (placeholders as their example): in English on the English
pages, in Japanese on the Japanese ones.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
import yaml
from conftest import REPO, require_tool
from html_text import PageText, read_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import placeholders
from generator.model import Catalogue, Message
from generator.pipeline import load_inputs
from generator.project import load_project
from generator.translations import LocaleTranslations

pytestmark = pytest.mark.slow

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
SITE_CONFIG = REPO / "site" / "mkdocs.yml"


def mkdocs(*args: str, cwd: Path = REPO, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout
    )


def read_site(folder: Path) -> dict[str, PageText]:
    """Every built page by its path in the site (``ja/authentication/index.html``)."""
    return {p.relative_to(folder).as_posix(): read_page(p.read_text(encoding="utf-8")) for p in folder.rglob("*.html")}


def texts_of(pages: dict[str, PageText], japanese: bool) -> set[str]:
    found: set[str] = set()
    for path, page in pages.items():
        if path.startswith("ja/") == japanese:
            found |= page.cells | set(page.blocks)
    return found


# -- what the program prints, computed independently of the renderer --------------------


def printed(catalogue: Catalogue, translations: LocaleTranslations | None) -> dict[str, set[str]]:
    """Every text each message can print: all bool and choice values, other params as their example."""
    result = {}
    for message in catalogue.messages:
        finite = [
            (p.name, (False, True) if p.type == "bool" else p.choices)
            for p in message.params
            if p.type in ("bool", "choice")
        ]
        texts: set[str] = set()
        for combo in itertools.product(*(values for _, values in finite)):
            chosen = dict(zip([name for name, _ in finite], combo, strict=True))
            texts.update(_render(catalogue, message, chosen, _examples(message), translations))
        result[message.id] = texts
    return result


def _examples(message: Message) -> dict[str, str]:
    return {p.name: p.example if p.example is not None else f"<{p.name}>" for p in message.params}


def _render(
    catalogue: Catalogue,
    message: Message,
    chosen: dict[str, object],
    shown: dict[str, str],
    translations: LocaleTranslations | None,
) -> list[str]:
    key, text = None, message.text
    if text is None:
        variant = next(
            v
            for v in message.variants
            if all(name not in chosen or chosen[name] in values for name, values in v.condition)
        )
        key, text = variant.key, variant.text
    bodies = [body for _, body in text.forms]
    if translations is not None:
        context = message.id if key is None else f"{message.id}|{key}"
        one = translations.text(context)
        translated = translations.forms(context) if text.is_plural else (None if one is None else (one,))
        bodies = list(translated) if translated else bodies
    out = []
    for body in bodies:
        pieces = []
        for segment in placeholders.parse(body)[0]:
            if isinstance(segment, placeholders.Literal):
                pieces.append(segment.text)
            elif isinstance(segment, placeholders.Field):
                pieces.append(shown[segment.name])
            else:
                target = catalogue.message(segment.message_id)
                assert target is not None
                pieces.append(_render(catalogue, target, chosen, {**_examples(target), **shown}, translations)[-1])
        out.append("".join(pieces))
    return out


# -- the bundled site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "build"
    result = mkdocs("build", "--strict", "-f", str(SITE_CONFIG), "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_bundled_site_builds_strict_with_both_languages(bundled_site: Path) -> None:
    pages = read_site(bundled_site)
    assert pages["authentication/index.html"].lang == "en"
    assert pages["ja/authentication/index.html"].lang == "ja"
    for page in ("index", "authentication", "dev", "troubleshooting", "reference", "reference/rules"):
        for prefix in ("", "ja/"):
            assert f"{prefix}{page}/index.html".replace("index/index.html", "index.html") in pages


def test_hand_written_pages_got_their_tables(bundled_site: Path) -> None:
    # a marker that an engine silently skips leaves no table: count them
    pages = read_site(bundled_site)
    for page, least in (("authentication", 6), ("dev", 3), ("troubleshooting", 7)):
        assert len(pages[f"{page}/index.html"].headers) >= least, page
        assert len(pages[f"ja/{page}/index.html"].headers) >= least, page
    assert pages["ja/troubleshooting/index.html"].headers[0][:2] == ["メッセージ", "英語の原文"]
    assert pages["troubleshooting/index.html"].headers[0][0] == "Message"


def test_every_message_appears_in_english_on_english_pages(bundled_site: Path) -> None:
    inputs = load_inputs(load_project(REPO))
    assert inputs.catalogue is not None
    shown = texts_of(read_site(bundled_site), japanese=False)
    missing = {mid: sorted(t - shown) for mid, t in printed(inputs.catalogue, None).items() if t - shown}
    assert missing == {}


def test_every_message_appears_in_japanese_on_japanese_pages(bundled_site: Path) -> None:
    inputs = load_inputs(load_project(REPO))
    assert inputs.catalogue is not None
    ja = inputs.translations.get("ja")
    shown = texts_of(read_site(bundled_site), japanese=True)
    expected = printed(inputs.catalogue, ja)
    missing = {mid: sorted(t - shown) for mid, t in expected.items() if t - shown}
    assert missing == {}
    if ja is not None and ja.text("anon-single-device-note") is not None:
        assert ja.text("anon-single-device-note") in shown


# -- small sites made for one test ---------------------------------------------------------


def site_config_without_nav() -> str:
    """site/mkdocs.yml with the same theme, extensions and plugins, and an automatic nav."""
    text = SITE_CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n(?:[ #].*\n|\n)*", "", text, flags=re.M)
    return re.sub(r"^not_in_nav:.*\n(?:[ ].*\n)*", "", text, flags=re.M).replace("site_dir: ../build/site", "")


def make_site(root: Path, texts: list[str], page_extra: str = "") -> Path:
    """A project whose catalogue holds ``texts`` as messages (and as their when), translated as "訳 <text>"."""
    messages = {
        f"m{index}": {"group": "awkward", "text": text.replace("{", "{{").replace("}", "}}"), "when": text}
        for index, text in enumerate(texts)
    }
    catalogue = {"domain": "demo", "locales": ["ja"], "groups": {"awkward": {"title": "Awkward"}}, "messages": messages}
    (root / "messages").mkdir(parents=True)
    (root / "messages" / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.msgbook]\n", encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "mkdocs.yml").write_text(site_config_without_nav(), encoding="utf-8")
    shutil.copytree(REPO / "site" / "docs" / "assets", root / "site" / "docs" / "assets")
    markers = "\n\n".join(f"<!-- msgbook:message {mid} -->" for mid in messages)
    for lang in ("en", "ja"):
        page = root / "site" / "docs" / lang / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"# Demo\n\n<!-- msgbook:group awkward -->\n\n{markers}\n{page_extra}", encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True, timeout=120
    )
    assert build.returncode == 0, build.stdout + build.stderr
    po_path = root / "locales" / "ja" / "LC_MESSAGES" / "demo.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgctxt in messages:
            entry.msgstr = "訳 " + entry.msgid
    po.save(str(po_path))
    return root


def shown_prose(text: str) -> str:
    from generator.emit.markdown import code_spans

    return "\n".join("".join(piece for _, piece in code_spans(line)) for line in text.split("\n"))


FIXED = [
    "Run `arkor login --oauth` | or ``a `b` c``",
    "<id> & <script>alert(1)</script> {{ jinja }} {% raw %}",
    "#!python print(1)",
    ":::note",
    "  indented\n\ttab and trailing  ",
    "line one\n\n--8<-- 'x'\n<!-- not a comment -->",
    "*em* _u_ ~~s~~ ==m== ^^c^^ (c) --> :smile: www.example.com {: .x}",
]
_CHARS = st.one_of(
    st.sampled_from(list("`|<>&{}%#!:*_~^=+-[]()\\\"' \n\t.;/@$")),
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
)
AWKWARD = st.text(_CHARS, min_size=1, max_size=40).filter(lambda t: t.strip() != "")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.lists(AWKWARD, min_size=3, max_size=8))
def test_awkward_texts_survive_a_real_build_exactly(tmp_path: Path, extra: list[str]) -> None:
    with contextlib.ExitStack() as stack:
        root = Path(stack.enter_context(_fresh(tmp_path)))
        texts = FIXED + extra
        make_site(root, texts)
        out = root / "out"
        result = mkdocs("build", "--strict", "-f", str(root / "site" / "mkdocs.yml"), "-d", str(out))
        assert result.returncode == 0, result.stderr
        pages = read_site(out)
        english, japanese = pages["index.html"], pages["ja/index.html"]
        for text in texts:
            assert text in english.cells, text
            assert text in english.blocks or text in english.cells, text
            assert shown_prose(text) in {row[1] for row in english.rows}, text
            assert "訳 " + text in japanese.cells, text
            assert text in {row[1] for row in japanese.rows}, text  # the English original beside it
        article = (out / "index.html").read_text(encoding="utf-8").split("<article", 1)[1].split("</article>")[0]
        assert "<script>" not in article


@contextlib.contextmanager
def _fresh(tmp_path: Path) -> Iterator[Path]:
    """A new folder per hypothesis example (tmp_path is shared by all of them)."""
    folder = tmp_path / f"example-{time.monotonic_ns()}"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_unknown_marker_fails_strict_build_with_page_and_line(tmp_path: Path) -> None:
    root = make_site(tmp_path / "p", ["A text."], page_extra="\nSome prose.\n\n<!-- msgbook:group awkwerd -->\n")
    source = root / "site" / "docs" / "en" / "index.md"  # front matter: lines still count from the file's top
    source.write_text(
        "---\ndescription: A page with front matter\n---\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = mkdocs("build", "--strict", "-f", str(root / "site" / "mkdocs.yml"), "-d", str(tmp_path / "out"))
    assert result.returncode != 0
    page = (root / "site" / "docs" / "en" / "index.md").read_text(encoding="utf-8")
    line = page.split("\n").index("<!-- msgbook:group awkwerd -->")
    assert f"site/docs/en/index.md:{line + 1}:1: error: docs marker names unknown group 'awkwerd'" in result.stderr
    assert "did you mean 'awkward'?" in result.stderr


def test_a_page_of_a_removed_group_fails_strict_build(tmp_path: Path) -> None:
    """A reference page ``msgbook build`` has not deleted yet must not be published as if current."""
    root = make_site(tmp_path / "p", ["A text."])
    reference = root / "site" / "docs" / "en" / "reference"
    (reference / "gone.md").write_bytes((reference / "awkward.md").read_bytes())
    result = mkdocs("build", "--strict", "-f", str(root / "site" / "mkdocs.yml"), "-d", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "site/docs/en/reference/gone.md: generated from messages/catalogue.yaml, which no longer makes it" in (
        result.stderr
    )


# -- the site in a browser -------------------------------------------------------------------

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running(command: list[str], url: str, cwd: Path = REPO, timeout: float = 60) -> Iterator[Path]:
    """Start a server process and wait until ``url`` answers; stop it afterwards. Yields its log file."""
    log = cwd / f".server-{time.monotonic_ns()}.log" if cwd != REPO else Path(tempfile.mkstemp(suffix=".log")[1])
    with log.open("w", encoding="utf-8") as output:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not come up at {url}:\n{log.read_text(encoding='utf-8')}")
            time.sleep(0.3)
        yield log
    finally:
        # Ctrl-C, as a user stops it: mkdocs serve then removes its temporary site folder (SIGTERM would leave it)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if cwd == REPO:
            log.unlink(missing_ok=True)


def test_japanese_page_in_a_browser_switches_language_and_finds_by_japanese_search(
    bundled_site: Path, tmp_path: Path
) -> None:
    chromium = require_tool("chromium")
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed; CI must install it (pip install -r requirements-dev.txt)")
        pytest.skip("playwright is not installed (pip install -r requirements-dev.txt)")
    inputs = load_inputs(load_project(REPO))
    ja = inputs.translations.get("ja")
    expected = ja.text("anon-single-device-note") if ja is not None else None
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(bundled_site)]
    with running(server, f"{base}/ja/authentication/"), sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="ja-JP")
            page.goto(f"{base}/ja/authentication/", wait_until="load")
            assert page.get_attribute("html", "lang") == "ja"
            headers = page.locator("article table thead th").all_inner_texts()
            assert headers[:2] == ["メッセージ", "英語の原文"]
            cells = page.locator("article table td:first-child").all_inner_texts()
            assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", cell) for cell in cells)
            if expected is not None:
                assert any(expected in cell for cell in cells)
            page.screenshot(path=str(tmp_path / "ja-authentication.png"), full_page=True)

            page.locator(".md-header__option .md-select").hover()
            page.locator('a.md-select__link[hreflang="en"]').click()
            page.wait_for_url(f"{base}/authentication/")
            assert page.get_attribute("html", "lang") == "en"
            assert page.locator("article table thead th").first.inner_text() == "Message"

            page.goto(f"{base}/ja/authentication/", wait_until="load")
            page.wait_for_timeout(1500)  # the search index loads in a worker
            query = "匿名"
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            box.press("End")  # search listens for key events; fill() sends none
            results = page.locator(".md-search-result__item")
            deadline = time.monotonic() + 30  # the Japanese index is segmented in the browser first
            while time.monotonic() < deadline and not (results.count() and query in results.first.inner_text()):
                page.wait_for_timeout(300)
            assert results.count() > 0, "no search result for a Japanese word"
            assert query in results.first.inner_text()
            page.screenshot(path=str(tmp_path / "ja-search.png"))
        finally:
            browser.close()
    assert (tmp_path / "ja-authentication.png").stat().st_size > 10_000


# -- live reload ---------------------------------------------------------------------------


def test_serve_shows_catalogue_and_po_edits(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("pyproject.toml", "messages/catalogue.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / "locales", root / "locales", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(REPO / "site", root / "site", ignore=shutil.ignore_patterns("build"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/msgbook"  # serve mounts the site at the path of site_url
    url = f"{base}/authentication/"
    config = str(root / "site" / "mkdocs.yml")
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}", "--livereload"]
    old = "Note: anonymous accounts work on this machine only."
    new = "Note: anonymous accounts work on this one machine only (edited)."
    with running(command, url, cwd=root, timeout=120) as log:
        _wait_for(old, url, log)
        catalogue = root / "messages" / "catalogue.yaml"
        catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        _wait_for(new, url, log)
        _wait_for(new, f"{base}/reference/auth-notes/", log)
        # a translator saves the .po: the Japanese page follows
        po_path = next((root / "locales" / "ja" / "LC_MESSAGES").glob("*.po"))
        po = polib.pofile(str(po_path))
        entry = next(e for e in po if e.msgctxt == "anon-persistence-nudge")
        _wait_for(entry.msgstr, f"{base}/ja/authentication/", log)
        entry.msgstr = entry.msgstr.replace("保証されない", "保証されない（編集済み）")
        assert "（編集済み）" in entry.msgstr
        po.save()
        _wait_for(entry.msgstr, f"{base}/ja/authentication/", log)
    # serve keeps the generated pages on disk in step (update_pages: serve)
    assert new in (root / "site" / "docs" / "en" / "reference" / "auth-notes.md").read_text(encoding="utf-8")


def _wait_for(text: str, url: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in _cells(url):
        assert time.monotonic() < deadline, f"{url} never showed {text!r}:\n{log.read_text(encoding='utf-8')}"
        time.sleep(0.5)


def _cells(url: str) -> set[str]:
    """The texts of a served page; nothing while the server is busy rebuilding."""
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            page = read_page(answer.read().decode())
    except OSError:
        return set()
    return page.cells | set(page.blocks)


def test_site_config_asks_for_what_the_notes_require() -> None:
    text = SITE_CONFIG.read_text(encoding="utf-8")
    assert "font: false" in text
    assert "navigation.instant\n" not in text.replace("# not navigation.instant", "")
    plugins = text.split("\nplugins:\n", 1)[1]
    assert plugins.index("- search") < plugins.index("- msgbook") < plugins.index("- i18n")
    assert "lang: [en, ja]" in plugins
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}" in text
