"""The team group's robot: one post per person, @-mentioning them, signed as the platform requires.

The rulebook's team group (§4.2) lives in 企业微信, 钉钉 or 飞书; each lets a group add a custom robot
that anyone holding its webhook may post to. The formats below are the platforms' own (2026):

* 企业微信 WeCom group robot — developer.work.weixin.qq.com/document/path/91770 (群机器人配置说明).
  The webhook's ``key`` is the credential; nothing is signed. Body ``{"msgtype": "text", "text":
  {"content", "mentioned_list": [userid], "mentioned_mobile_list": [mobile]}}``, content at most
  2048 bytes of UTF-8. Answer ``{"errcode": 0, "errmsg": "ok"}``.
* 钉钉 DingTalk custom robot — open.dingtalk.com/document/robots/custom-robot-access and
  …/customize-robot-security-settings (加签). Query parameters ``timestamp`` (milliseconds) and
  ``sign`` = URL-encoded base64 of HMAC-SHA256 keyed with the secret over ``"{timestamp}\\n{secret}"``.
  Body ``{"msgtype": "text", "text": {"content"}, "at": {"atMobiles", "atUserIds"}}``; the mention is
  drawn only where the content also says ``@<mobile or userId>``. Answer ``{"errcode": 0, "errmsg": "ok"}``.
* 飞书 Feishu/Lark custom bot — open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (签名校验).
  ``timestamp`` (seconds) and ``sign`` in the body: base64 of HMAC-SHA256 keyed with
  ``"{timestamp}\\n{secret}"`` over an empty message. Body ``{"timestamp", "sign", "msg_type": "text",
  "content": {"text"}}`` with ``<at user_id="…">name</at>`` in the text; a custom bot mentions by
  user id only, so a person without one is named in plain words. Answer ``{"code": 0, "msg": "success"}``
  (older robots: ``{"StatusCode": 0}``); at most 20 KB a request.

A platform refusing a post still often answers HTTP 200: the reply's own error code decides.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from zizhi.core.errors import InputError
from zizhi.core.reminders.channels import DeliveryFailed

if TYPE_CHECKING:
    from zizhi.config.schema import Chat

# The most of the text a post carries, in bytes of UTF-8 (WeCom's documented limit; the others' with room
# for the JSON around it). A longer text is cut on a character and ends with "…".
LIMITS = {"wecom": 2048, "dingtalk": 18000, "feishu": 18000}


def chat_id(value: str | None) -> str | None:
    """A person's id in the team group's platform (WeCom userid, DingTalk userId, Feishu user or open
    id): one word of ASCII letters, digits, '.', '_', '@' or '-'. Blank forgets it."""
    found = (value or "").strip()
    if not found:
        return None
    if not re.fullmatch(r"[A-Za-z0-9._@-]{1,64}", found):
        from zizhi.core.validation import shown

        raise InputError("remind.chat_id_format", field="chat-id", value=shown(found))
    return found


def send(config: Chat, person: dict, text: str) -> None:
    """Post ``text`` to the group, @-mentioning ``person`` (their ``chat_id``, else their ``phone``).

    Raises :class:`DeliveryFailed` with one line saying why:
    the secret missing, the robot unreachable or silent past ``timeout_seconds``, an HTTP error, or
    the platform's own refusal (its error code and message).
    """
    import time

    secret = _secret(config)
    # Real time, not the desk's clock: the platforms refuse a signature more than an hour off theirs.
    now = time.time()
    url, body = BUILD[config.platform](config.webhook, secret, person, _fit(text, LIMITS[config.platform]), now)
    _check(config, _post(config, url, body))


def wecom(webhook: str, secret: str | None, person: dict, text: str, now: float) -> tuple[str, dict]:
    """企业微信: the mention is by list, drawn by the platform at the end of the text."""
    content = {"content": text}
    if person.get("chat_id"):
        content["mentioned_list"] = [person["chat_id"]]
    elif person.get("phone"):
        content["mentioned_mobile_list"] = [person["phone"]]
    return webhook, {"msgtype": "text", "text": content}


def dingtalk(webhook: str, secret: str | None, person: dict, text: str, now: float) -> tuple[str, dict]:
    """钉钉: signed in the query; the mention is by list and by ``@…`` in the text."""
    from urllib.parse import quote_plus

    at: dict = {"isAtAll": False}
    handle = person.get("chat_id") or person.get("phone")
    if person.get("chat_id"):
        at["atUserIds"] = [person["chat_id"]]
    elif person.get("phone"):
        at["atMobiles"] = [person["phone"]]
    url = webhook
    if secret:
        timestamp = str(int(now * 1000))
        sign = quote_plus(_hmac_base64(secret, f"{timestamp}\n{secret}"))
        url += f"{'&' if '?' in webhook else '?'}timestamp={timestamp}&sign={sign}"
    content = f"@{handle} {text}" if handle else text
    return url, {"msgtype": "text", "text": {"content": content}, "at": at}


def feishu(webhook: str, secret: str | None, person: dict, text: str, now: float) -> tuple[str, dict]:
    """飞书: signed in the body; the mention is an ``<at>`` tag in the text."""
    from html import escape

    name = escape(person.get("name") or person.get("login") or "", quote=True)
    mention = f'<at user_id="{person["chat_id"]}">{name}</at>' if person.get("chat_id") else name
    body: dict = {"msg_type": "text", "content": {"text": f"{mention} {text}" if mention else text}}
    if secret:
        timestamp = str(int(now))
        body = {"timestamp": timestamp, "sign": _hmac_base64(f"{timestamp}\n{secret}", ""), **body}
    return webhook, body


BUILD = {"wecom": wecom, "dingtalk": dingtalk, "feishu": feishu}


def _hmac_base64(key: str, message: str) -> str:
    import base64
    import hashlib
    import hmac

    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()


def _secret(config) -> str | None:
    """The signing secret from the environment variable the settings name (never from a file)."""
    import os

    if config.platform == "wecom" or not config.secret_env:
        return None
    secret = os.environ.get(config.secret_env, "").strip()
    if not secret:
        raise DeliveryFailed(_say("remind.chat.no_secret", config, env=config.secret_env))
    return secret


def _fit(text: str, limit: int) -> str:
    """``text`` within ``limit`` bytes of UTF-8, cut on a whole character and ended with "…" if cut."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[:limit - len("…".encode())].decode(errors="ignore") + "…"


def _post(config, url: str, body: dict) -> bytes:
    """POST ``body`` as JSON; the reply's bytes, or :class:`DeliveryFailed` for no answer or an HTTP error."""
    import json
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=config.timeout_seconds) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(_say("remind.chat.http", config, status=exc.code, reason=exc.reason)) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise DeliveryFailed(_say("remind.chat.timeout", config, seconds=config.timeout_seconds)) from None
        raise DeliveryFailed(_say("remind.chat.unreachable", config, reason=exc.reason)) from None
    except TimeoutError:
        raise DeliveryFailed(_say("remind.chat.timeout", config, seconds=config.timeout_seconds)) from None
    except OSError as exc:
        raise DeliveryFailed(_say("remind.chat.unreachable", config, reason=exc)) from None


def _check(config, reply: bytes) -> None:
    """The platform's verdict is in the reply: ``errcode`` (WeCom, DingTalk) or ``code``/``StatusCode``
    (Feishu) must be 0, whatever the HTTP status said."""
    import json

    try:
        answer = json.loads(reply.decode())
    except (UnicodeDecodeError, ValueError):
        answer = None
    if not isinstance(answer, dict):
        raise DeliveryFailed(_say("remind.chat.not_json", config, start=reply[:60].decode(errors="replace")))
    code = next((answer[name] for name in ("errcode", "code", "StatusCode") if name in answer), None)
    if code != 0:
        message = answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or ""
        raise DeliveryFailed(_say("remind.chat.refused", config, code=code, message=message))


def _say(key: str, config, **params) -> str:
    """One line naming the platform and the robot's host (never the webhook: its key is a credential)."""
    from urllib.parse import urlsplit

    from zizhi.core.i18n import t

    return t(key, platform=t(f"remind.platform.{config.platform}"), host=urlsplit(config.webhook).netloc, **params)
