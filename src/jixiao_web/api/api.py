"""The NinjaAPI instance: routers, authentication and error mapping."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI

from jixiao_web.filings.actions import ActionError, ConflictError

from . import accounts, check, exports, imports, projects
from .auth import AUTH

api = NinjaAPI(
    title="jixiao API",
    version="1",
    description=(
        "预算绩效目标填报、审核与公开的 JSON 接口。"
        "认证：Authorization: Bearer <令牌>，或浏览器会话。"
    ),
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "未找到。"}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "无权执行该操作。"}, status=403)


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    body = {"detail": exc.message, "current_version": exc.current.version}
    return api.create_response(request, body, status=409)


@api.exception_handler(ActionError)
def _refused(request, exc: ActionError):
    return api.create_response(request, {"detail": exc.message}, status=400)


api.add_router("", accounts.router)
api.add_router("", projects.router)
api.add_router("", exports.router)
api.add_router("", imports.router)
api.add_router("", check.router)
