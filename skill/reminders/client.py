"""The HTTP client ask-sdk's service clients call: a timeout, and plain HTTP only to this machine.

ask-sdk-core's DefaultApiClient uses ``requests`` with no timeout (a slow API would hold the
skill past Alexa's eight seconds) and refuses plain HTTP, which the local stand-in on 127.0.0.1
speaks. This one uses the standard library and is imported only when a reminder is touched.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

if TYPE_CHECKING:
    import http.client

_LOGGER = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3.0
"""How long one call may take: Alexa waits eight seconds for the whole response."""
PLAIN_HTTP_HOSTS = frozenset({"127.0.0.1"})
"""Hosts reached over plain HTTP (the local stand-in); everything else must be HTTPS."""


class ApiTimeout(ApiClientException):
    """The API did not answer within the timeout."""


class TimedApiClient(ApiClient):
    """ask-sdk's ApiClient over http.client, with a timeout on every call."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self._last = threading.local()

    def last_status(self) -> int | None:
        """This thread's last HTTP status (ask-sdk loses it when an error body is not JSON)."""
        status = getattr(self._last, "status", None)
        return status if isinstance(status, int) else None

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        """Send one request and return the status, headers and body, whatever the status."""
        import http.client  # here, not at import: the skill is built on every cold start

        url = urlsplit(request.url or "")
        connection = self._connection(url.scheme, url.hostname, url.port)
        headers: dict[str, str] = {}
        for key, value in request.headers or []:
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        body: Any = request.body
        if body is not None and not isinstance(body, str | bytes):
            body = json.dumps(body)
        self._last.status = None
        target = url.path + (f"?{url.query}" if url.query else "")
        try:
            connection.request(request.method or "GET", target or "/", body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        except TimeoutError as error:
            raise ApiTimeout(f"no answer from {url.hostname} within {self.timeout:g} s") from error
        except (OSError, http.client.HTTPException) as error:
            raise ApiClientException(f"cannot reach {url.hostname}: {error}") from error
        finally:
            connection.close()
        self._last.status = response.status
        return ApiClientResponse(
            headers=list(response.getheaders()), status_code=response.status, body=text
        )

    def _connection(
        self, scheme: str, host: str | None, port: int | None
    ) -> http.client.HTTPConnection:
        import http.client
        import ssl

        if not host:
            raise ApiClientException("the API endpoint has no host")
        if scheme == "https":
            context = ssl.create_default_context()
            return http.client.HTTPSConnection(host, port, timeout=self.timeout, context=context)
        if scheme == "http" and host in PLAIN_HTTP_HOSTS:
            return http.client.HTTPConnection(host, port, timeout=self.timeout)
        raise ApiClientException(f"refusing {scheme}://{host}: only HTTPS leaves this machine")
