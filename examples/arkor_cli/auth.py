"""``arkor login``, ``logout`` and ``whoami``, and the anonymous bootstrap ``dev`` shares.

The flows follow the arkor CLI: an anonymous login prints the single-device
note, and the persistence nudge only where the deployment is known to offer
OAuth; the OAuth login waits for a (fake) browser callback.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

import messages as m

from .cloud import BASE_URL, CALLBACK_PORTS, CloudApiError, FakeCloud
from .console import CancelledError, Console

CALLBACK_URL = "http://127.0.0.1:{port}/callback"


@dataclass
class Session:
    """Everything a command needs: the console, the cloud, and where credentials live."""

    console: Console
    cloud: FakeCloud
    home: Path

    @property
    def credentials(self) -> Path:
        return self.home / "credentials.json"

    def load(self) -> dict[str, str] | None:
        try:
            data = json.loads(self.credentials.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return {str(k): str(v) for k, v in data.items()}

    def save(self, **fields: str) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.credentials.write_text(json.dumps(fields), encoding="utf-8")


def login(session: Session, *, oauth: bool, anonymous: bool) -> int:
    console = session.console
    if oauth and anonymous:
        return console.fail(m.login_mode_flags_conflict(), m.meta.login_mode_flags_conflict)
    if anonymous:  # the deployment is not asked: nothing is known about OAuth
        return anonymous_login(session, oauth_available=None)
    try:
        config = session.cloud.cli_config()
    except CloudApiError as error:
        text = m.cli_config_fetch_failed(base_url=BASE_URL, status=error.status)
        return console.fail(text, m.meta.cli_config_fetch_failed)
    if oauth:
        if not config:
            return console.fail(m.login_oauth_not_configured_error(), m.meta.login_oauth_not_configured_error)
        if console.ci:
            return console.fail(m.login_oauth_in_ci(), m.meta.login_oauth_in_ci)
        return oauth_login(session)
    if not config:
        console.show(m.login_oauth_not_configured_info(), m.meta.login_oauth_not_configured_info)
        return anonymous_login(session, oauth_available=False)
    try:
        choice = console.select(
            m.login_mode_prompt(),
            [
                ("oauth", m.login_mode_option_oauth_label(), m.login_mode_option_oauth_hint()),
                ("anonymous", m.login_mode_option_anonymous_label(), m.login_mode_option_anonymous_hint()),
            ],
            initial="anonymous",
        )
    except CancelledError:
        return console.fail(m.prompt_cancelled(), m.meta.prompt_cancelled)
    if choice == "oauth":
        return oauth_login(session)
    return anonymous_login(session, oauth_available=True)


def anonymous_login(session: Session, *, oauth_available: bool | None) -> int:
    console = session.console
    console.show(m.login_anon_spinner_start(), m.meta.login_anon_spinner_start)
    try:
        issued = session.cloud.issue_anonymous()
    except CloudApiError as error:
        text = m.anon_token_rejected(status=error.status, body_snippet=error.body[:500])
        return console.fail(text, m.meta.anon_token_rejected)
    session.save(mode="anon", token=issued["token"], anonymousId=issued["anonymousId"])
    console.show(m.login_anon_id_spinner_stop(anonymous_id=issued["anonymousId"]), m.meta.login_anon_id_spinner_stop)
    text = m.login_anon_keep_credentials_info(credentials_path=str(session.credentials))
    console.show(text, m.meta.login_anon_keep_credentials_info)
    single_device_notes(console, oauth_available)
    console.show(m.login_anon_success(org_slug=issued["orgSlug"]), m.meta.login_anon_success)
    return m.meta.login_anon_success.exit_code or 0


def single_device_notes(console: Console, oauth_available: bool | None) -> None:
    """The nudge and the note after an anonymous token is issued; the OAuth hint only where OAuth works."""
    if oauth_available:
        console.show(m.anon_persistence_nudge(), m.meta.anon_persistence_nudge)
        console.show(m.anon_single_device_note_with_oauth(), m.meta.anon_single_device_note_with_oauth)
    else:
        console.show(m.anon_single_device_note(), m.meta.anon_single_device_note)


def oauth_login(session: Session) -> int:
    console, cloud = session.console, session.cloud
    if "loopback-bind" in cloud.failures:
        ports = ", ".join(str(port) for port in CALLBACK_PORTS)
        text = m.oauth_loopback_bind_failed(ports=ports, last_error="EADDRINUSE")
        return console.fail(text, m.meta.oauth_loopback_bind_failed)
    state = secrets.token_hex(4)
    console.show(
        m.login_oauth_browser_url(url=CALLBACK_URL.format(port=CALLBACK_PORTS[0])), m.meta.login_oauth_browser_url
    )
    console.show(m.login_oauth_wait_spinner(), m.meta.login_oauth_wait_spinner)
    query = cloud.callback(state)
    if "error" in query:
        error, description = query["error"], query.get("error_description", "")
        page = m.oauth_callback_error_page(error=error, error_description=description)
        console.serve(400, page, m.meta.oauth_callback_error_page)
        text = m.oauth_callback_error(error=error, error_description=description)
        return _oauth_failed(console, text, m.meta.oauth_callback_error)
    if "code" not in query or "state" not in query:
        console.serve(400, m.oauth_callback_missing_page(), m.meta.oauth_callback_missing_page)
        return _oauth_failed(console, m.oauth_callback_missing(), m.meta.oauth_callback_missing)
    if query["state"] != state:
        return _oauth_failed(console, m.login_oauth_state_mismatch(), m.meta.login_oauth_state_mismatch)
    console.serve(200, m.oauth_callback_success_heading(), m.meta.oauth_callback_success_heading)
    console.serve(200, m.oauth_callback_success_body(), m.meta.oauth_callback_success_body)
    try:
        tokens = cloud.exchange(query["code"])
    except CloudApiError as error:
        text = m.oauth_token_exchange_failed(status=error.status, body=error.body)
        return _oauth_failed(console, text, m.meta.oauth_token_exchange_failed)
    if "refresh_token" not in tokens:
        return _oauth_failed(console, m.oauth_no_refresh_token(), m.meta.oauth_no_refresh_token)
    session.save(mode="auth0", token=tokens["access_token"], refreshToken=tokens["refresh_token"])
    console.show(m.login_oauth_success(), m.meta.login_oauth_success)
    return m.meta.login_oauth_success.exit_code or 0


def _oauth_failed(console: Console, error: str, meta: m.Meta) -> int:
    """The spinner stops with the failure line, then the error itself is printed."""
    console.show(m.login_oauth_failed(), m.meta.login_oauth_failed)
    return console.fail(error, meta)


def logout(session: Session, *, yes: bool) -> int:
    console = session.console
    if session.load() is None:
        console.show(m.logout_no_credentials(), m.meta.logout_no_credentials)
        return m.meta.logout_no_credentials.exit_code or 0
    if not yes:
        try:
            confirmed = console.confirm(m.logout_confirm(credentials_path=str(session.credentials)))
        except CancelledError:
            return console.fail(m.prompt_cancelled(), m.meta.prompt_cancelled)
        if not confirmed:
            console.show(m.logout_aborted(), m.meta.logout_aborted)
            return m.meta.logout_aborted.exit_code or 0
    session.credentials.unlink()
    console.show(m.logout_removed(credentials_path=str(session.credentials)), m.meta.logout_removed)
    return m.meta.logout_removed.exit_code or 0


def whoami(session: Session, *, stderr_is_tty: bool) -> int:
    """The user and orgs; errors from the cloud go up to the command's error handler."""
    console = session.console
    credentials = session.load()
    if credentials is None:
        console.show(m.whoami_not_signed_in(), m.meta.whoami_not_signed_in)
        return m.meta.whoami_not_signed_in.exit_code or 0
    answer = session.cloud.me(credentials["mode"])
    print(json.dumps(answer["user"], indent=2), file=console.out)
    orgs = answer["orgs"]
    slugs = ", ".join(str(org["slug"]) for org in orgs) if isinstance(orgs, list) else ""
    console.show(m.whoami_orgs(org_slugs=slugs), m.meta.whoami_orgs)
    if credentials["mode"] == "anon" and stderr_is_tty:  # whoami puts the note on stderr, after a blank line
        print(file=console.err)
        print(m.anon_single_device_note(), file=console.err)
    return m.meta.whoami_orgs.exit_code or 0
