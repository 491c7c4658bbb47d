"""A fake Arkor Cloud: the answers the CLI reacts to, chosen by command-line switches.

It holds data only (statuses, error codes, ids, bodies), never a sentence for
the user: every text the CLI prints comes from the generated ``messages`` module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

Deployment = Literal["oauth", "anon-only", "unknown"]

# failures the fake cloud (or the machine) can be told to produce
FAILURES = (
    "config-http",  # GET /v1/auth/cli/config answers 503
    "anon-rejected",  # POST /v1/auth/anonymous answers 403
    "anon-unreachable",  # POST /v1/auth/anonymous: fetch failed
    "single-device",  # any authenticated call: 401 anonymous_token_single_device
    "account-not-found",  # any authenticated call: 401 anonymous_account_not_found
    "upgrade",  # any authenticated call: 426 without upgrade details
    "server-error",  # any authenticated call: 500 with an empty body
    "loopback-bind",  # no OAuth callback port can be bound
    "callback-error",  # the OAuth redirect carries ?error=
    "callback-missing",  # the OAuth redirect lacks code or state
    "state-mismatch",  # the OAuth redirect carries another state
    "token-exchange",  # POST /oauth/token answers 403
    "no-refresh-token",  # the token answer has no refresh_token
    "studio-token",  # ~/.arkor/studio-token cannot be written
    "commit-signing",  # git cannot sign the initial commit
)
Failure = str

ANONYMOUS_ID = "anon_7f3a91"
ORG_SLUG = "anon-7f3a91"
BASE_URL = "https://api.arkor.example"
CALLBACK_PORTS = (52110, 52111, 52112)
UPGRADE_COMMAND = "pnpm add -g arkor@latest"
SDK_VERSION = "0.3.0"


class CloudApiError(Exception):
    """A non-2xx answer: its status, the error code it carries, and its raw body."""

    def __init__(self, status: int, code: str | None = None, body: str = "") -> None:
        super().__init__(status, code)
        self.status = status
        self.code = code
        self.body = body


class FetchFailedError(Exception):
    """The transport failed before any answer (undici's TypeError)."""

    MESSAGE = "fetch failed"


@dataclass
class FakeCloud:
    """What the cloud answers, and what it said about deprecation during the run."""

    deployment: Deployment = "oauth"
    failures: frozenset[Failure] = frozenset()
    deprecated: bool = False
    sunset: str | None = None
    deprecation_seen: bool = field(default=False, init=False)

    def cli_config(self) -> dict[str, str]:
        """GET /v1/auth/cli/config: the Auth0 settings, empty on a deployment without OAuth."""
        if "config-http" in self.failures:
            raise CloudApiError(503)
        if self.deployment == "unknown":
            raise FetchFailedError(FetchFailedError.MESSAGE)
        if self.deployment == "anon-only":
            return {}
        return {"auth0Domain": "auth.arkor.example", "clientId": "cli", "audience": BASE_URL}

    def probe_oauth(self) -> bool | None:
        """Whether the deployment offers OAuth; ``None`` when the probe could not tell."""
        try:
            return bool(self.cli_config())
        except (CloudApiError, FetchFailedError):
            return None

    def issue_anonymous(self) -> dict[str, str]:
        """POST /v1/auth/anonymous."""
        if "anon-unreachable" in self.failures:
            raise FetchFailedError(FetchFailedError.MESSAGE)
        if "anon-rejected" in self.failures:
            raise CloudApiError(403, body=json.dumps({"error": "forbidden"}))
        return {"token": "t0k3n", "anonymousId": ANONYMOUS_ID, "orgSlug": ORG_SLUG}

    def me(self, mode: str) -> dict[str, object]:
        """GET /v1/me with the stored credentials."""
        self._mark_deprecation()
        if mode == "anon" and "single-device" in self.failures:
            raise CloudApiError(401, "anonymous_token_single_device")
        if mode == "anon" and "account-not-found" in self.failures:
            raise CloudApiError(401, "anonymous_account_not_found")
        if "upgrade" in self.failures:
            raise CloudApiError(426)
        if "server-error" in self.failures:
            raise CloudApiError(500)
        user = {"id": ANONYMOUS_ID if mode == "anon" else "user_42", "mode": mode}
        return {"user": user, "orgs": [{"slug": ORG_SLUG}, {"slug": "team-arkor"}]}

    def callback(self, state: str) -> dict[str, str]:
        """The query string the browser brings back to the loopback server."""
        if "callback-error" in self.failures:
            return {"error": "access_denied", "error_description": "user cancelled"}
        if "callback-missing" in self.failures:
            return {"state": state}
        if "state-mismatch" in self.failures:
            return {"code": "c0de", "state": "stale-" + state}
        return {"code": "c0de", "state": state}

    def exchange(self, code: str) -> dict[str, str]:
        """POST https://<auth0Domain>/oauth/token."""
        if "token-exchange" in self.failures:
            raise CloudApiError(403, body=json.dumps({"error": "invalid_grant"}))
        tokens = {"access_token": "a-" + code, "refresh_token": "r-" + code}
        if "no-refresh-token" in self.failures:
            del tokens["refresh_token"]
        return tokens

    def _mark_deprecation(self) -> None:
        if self.deprecated:
            self.deprecation_seen = True
