"""``arkor dev``: bootstrap an anonymous session when there is none, then run the Studio.

The Studio answers requests given with ``--request HOST/PATH`` (``?token=`` for
the Studio token), so each of its refusals can be seen without a browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import messages as m

from .auth import Session, single_device_notes
from .cloud import BASE_URL, CloudApiError, FetchFailedError

STUDIO_PORT = 4000
LOOPBACK = ("127.0.0.1", "localhost")


def dev(session: Session, *, requests: list[str], auto_anonymous: bool = True) -> int:
    console, cloud = session.console, session.cloud
    credentials = session.load()
    if credentials is None and auto_anonymous:
        failed = _bootstrap(session)
        if failed is not None:
            return failed
        credentials = session.load()
    elif credentials is not None:
        cloud.me(credentials["mode"])  # a dead-end answer goes up to the command's error handler
    token = "studio-" + (credentials or {}).get("token", "none")
    token_path = session.home / "studio-token"
    if "studio-token" in cloud.failures:
        error = "EACCES: permission denied"
        text = m.dev_studio_token_write_failed(studio_token_path=str(token_path), error_message=error, port=STUDIO_PORT)
        console.show(text, m.meta.dev_studio_token_write_failed)
    else:
        token_path.parent.mkdir(parents=True, exist_ok=True)
        token_path.write_text(token, encoding="utf-8")
    console.show(m.dev_studio_running(url=f"http://localhost:{STUDIO_PORT}"), m.meta.dev_studio_running)
    studio = Studio(token, has_credentials=credentials is not None, project=Path.cwd())
    for request in requests:
        status, body, meta = studio.handle(request)
        console.serve(status, body, meta)
    return 0


def _bootstrap(session: Session) -> int | None:
    """Issue an anonymous token as ``arkor dev`` does; an exit code when that ends the command."""
    console, cloud = session.console, session.cloud
    oauth_available = cloud.probe_oauth()
    if oauth_available:
        console.show(m.dev_bootstrap_notice_oauth(), m.meta.dev_bootstrap_notice_oauth)
    else:
        console.show(m.dev_bootstrap_notice_anon(), m.meta.dev_bootstrap_notice_anon)
    try:
        issued = cloud.issue_anonymous()
    except FetchFailedError as error:
        text = m.dev_anon_unreachable(base_url=BASE_URL, error_message=str(error))
        console.show(text, m.meta.dev_anon_unreachable)
        return None  # the Studio still starts
    except CloudApiError as error:
        if oauth_available and 400 <= error.status < 500:
            return console.fail(m.dev_anon_bootstrap_rejected(status=error.status), m.meta.dev_anon_bootstrap_rejected)
        text = m.anon_token_rejected(status=error.status, body_snippet=error.body[:500])
        return console.fail(text, m.meta.anon_token_rejected)
    session.save(mode="anon", token=issued["token"], anonymousId=issued["anonymousId"])
    path = str(session.credentials)
    console.show(m.dev_anon_id_info(anonymous_id=issued["anonymousId"], credentials_path=path), m.meta.dev_anon_id_info)
    single_device_notes(console, oauth_available)
    console.show(m.dev_anon_success(org_slug=issued["orgSlug"]), m.meta.dev_anon_success)
    return None


@dataclass
class Studio:
    """The local Studio server: loopback only, a per-launch token, project state on disk."""

    token: str
    has_credentials: bool
    project: Path

    def handle(self, request: str) -> tuple[int, str, m.Meta]:
        """(status, body, message metadata) for ``HOST/PATH?token=...``."""
        url = urlsplit("http://" + request)
        api = url.path.startswith("/api/")
        if url.hostname not in LOOPBACK:
            if api:
                return 403, _json_error(m.studio_api_loopback_only()), m.meta.studio_api_loopback_only
            return 403, m.studio_page_loopback_only(), m.meta.studio_page_loopback_only
        if not api:
            return 200, "", m.meta.dev_studio_running
        if parse_qs(url.query).get("token") != [self.token]:
            return 403, _json_error(m.studio_invalid_token()), m.meta.studio_invalid_token
        if not self.has_credentials:
            return 401, _json_error(m.studio_no_credentials()), m.meta.studio_no_credentials
        if not (self.project / ".arkor" / "state.json").exists():
            return 400, _json_error(m.studio_no_project_state()), m.meta.studio_no_project_state
        return 200, json.dumps({"jobs": []}), m.meta.dev_studio_running


def _json_error(text: str) -> str:
    return json.dumps({"error": text}, ensure_ascii=False)
