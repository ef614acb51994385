"""The JSON handler wrapper every POST handler of the block goes through.

Wrong method 405, oversized body 413, a body that is not a JSON object 400
(including one nested too deep to parse), then the handler; a
:class:`JsonHandlerError` it raises becomes ``{"error": "…"}`` with its status.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from hocvuso_xblocks.strings import T, speaking

MAX_BODY = 64 * 1024


def error(status: int, key: str, **args: Any) -> JsonHandlerError:
    """A handler error with the catalogue text ``key``."""
    return JsonHandlerError(status, T[key].format(**args))


def json_response(result: Any) -> Response:
    return Response(json.dumps(result, ensure_ascii=False), content_type="application/json", charset="utf-8")


def parse_body(request: Any) -> dict[str, Any]:
    """The request's JSON object, or a JsonHandlerError (405, 413, 400)."""
    if request.method != "POST":
        raise error(405, "err_method")
    if (request.content_length or 0) > MAX_BODY:
        raise error(413, "err_too_large", limit=MAX_BODY // 1024)
    body = request.body
    if len(body) > MAX_BODY:
        raise error(413, "err_too_large", limit=MAX_BODY // 1024)
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError, RecursionError) as err:  # RecursionError: '[[[[…' 10,000 deep
        raise error(400, "err_json") from err
    if not isinstance(data, dict):
        raise error(400, "err_object")
    return data


def api(func: Any) -> Any:
    """A POST JSON handler with a size limit; JsonHandlerError becomes a JSON error response."""

    @XBlock.handler
    @functools.wraps(func)
    def wrapper(self: Any, request: Any, suffix: str = "") -> Response:
        try:
            with speaking(getattr(self, "_language", lambda: "vi")()):  # messages in the course's language
                result = func(self, parse_body(request))
        except JsonHandlerError as err:
            return err.get_response()
        return json_response(result)

    return wrapper
