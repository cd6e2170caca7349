"""The team group's robot: each platform's post received by a real HTTP server on loopback, which checks
the signature the way the platform does, the @-mention and the Chinese text; refusals and silence fail."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from zizhi.config.schema import Chat
from zizhi.core.reminders import chat
from zizhi.core.reminders.channels import DeliveryFailed

SECRET = "SEC0f6c2b9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1"
TEXT = "李娜（li）— 截至 2026-11-27 共 1 项待办：\n  • 跟进 恒通贸易有限公司：回访报价（2026-11-20 到期）"
LI = {"login": "li", "name": "李娜", "phone": "13812345678", "chat_id": None}


class Robot:
    """A group robot on 127.0.0.1: keeps every post, answers ``reply`` (JSON) or nothing for ``delay`` s."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.reply: dict = {"errcode": 0, "errmsg": "ok"}
        self.status = 200
        self.delay = 0.0
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 — the name http.server calls
                body = self.rfile.read(int(self.headers["Content-Length"]))
                parts = urlsplit(self.path)
                robot.posts.append({"path": parts.path, "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                                    "type": self.headers["Content-Type"], "body": json.loads(body.decode("utf-8"))})
                time.sleep(robot.delay)
                answer = json.dumps(robot.reply, ensure_ascii=False).encode()
                try:
                    self.send_response(robot.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:  # the client gave up waiting
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZIZHI_CHAT_SECRET", SECRET)
    found = Robot()
    yield found
    found.close()


def settings(robot: Robot, platform: str, path: str, **extra) -> Chat:
    return Chat(platform=platform, webhook=robot.url + path, **extra)


def signed(key: str, message: str) -> str:
    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()


def within_the_hour(seconds: float) -> bool:
    """The platforms refuse a timestamp more than an hour from their own clock."""
    return abs(time.time() - seconds) < 3600


# ---------------------------------------------------------------- 企业微信 WeCom

def test_wecom_mentions_the_person_by_chat_id_and_keeps_the_chinese_text(robot):
    chat.send(settings(robot, "wecom", "/cgi-bin/webhook/send?key=693a91f6"), {**LI, "chat_id": "LiNa"}, TEXT)

    [post] = robot.posts
    assert post["path"] == "/cgi-bin/webhook/send" and post["query"] == {"key": "693a91f6"}
    assert post["type"] == "application/json; charset=utf-8"
    assert post["body"] == {"msgtype": "text", "text": {"content": TEXT, "mentioned_list": ["LiNa"]}}


def test_wecom_mentions_by_mobile_when_there_is_no_chat_id(robot):
    chat.send(settings(robot, "wecom", "/cgi-bin/webhook/send?key=k"), LI, TEXT)

    assert robot.posts[0]["body"]["text"]["mentioned_mobile_list"] == ["13812345678"]
    assert "mentioned_list" not in robot.posts[0]["body"]["text"]


def test_wecom_cuts_a_long_agenda_within_its_2048_bytes_and_says_so(robot):
    chat.send(settings(robot, "wecom", "/send?key=k"), LI, "催收恒通贸易有限公司的欠款。" * 200)

    content = robot.posts[0]["body"]["text"]["content"]
    assert len(content.encode()) <= 2048 and content.endswith("…") and content.startswith("催收恒通")


# ---------------------------------------------------------------- 钉钉 DingTalk

def test_dingtalk_signs_the_query_as_dingtalk_checks_it_and_mentions_by_mobile(robot):
    chat.send(settings(robot, "dingtalk", "/robot/send?access_token=abc", secret_env="ZIZHI_CHAT_SECRET"), LI, TEXT)

    [post] = robot.posts
    query = post["query"]
    assert query["access_token"] == "abc"
    assert within_the_hour(int(query["timestamp"]) / 1000)  # milliseconds
    # DingTalk: HmacSHA256 keyed with the secret over "timestamp\nsecret", base64 (parse_qs undid the URL-encoding)
    assert query["sign"] == signed(SECRET, f"{query['timestamp']}\n{SECRET}")
    assert post["body"]["msgtype"] == "text"
    assert post["body"]["at"] == {"atMobiles": ["13812345678"], "isAtAll": False}
    assert post["body"]["text"]["content"] == f"@13812345678 {TEXT}"


def test_dingtalk_mentions_by_user_id_when_the_person_has_one(robot):
    chat.send(settings(robot, "dingtalk", "/robot/send?access_token=abc"), {**LI, "chat_id": "manager4521"}, TEXT)

    body = robot.posts[0]["body"]
    assert body["at"]["atUserIds"] == ["manager4521"] and "atMobiles" not in body["at"]
    assert body["text"]["content"].startswith("@manager4521 ")
    assert "sign" not in robot.posts[0]["query"]  # no secret named: the robot relies on keywords or IPs


def test_dingtalk_refusal_with_http_200_is_a_failed_delivery_naming_its_errcode(robot):
    robot.reply = {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}

    with pytest.raises(DeliveryFailed) as failed:
        chat.send(settings(robot, "dingtalk", "/robot/send?access_token=abc", secret_env="ZIZHI_CHAT_SECRET"), LI, TEXT)

    line = str(failed.value)
    assert "310000" in line and "sign not match" in line and "DingTalk" in line and "\n" not in line
    assert "abc" not in line and SECRET not in line  # the webhook's token and the secret stay out of logs


def test_a_signing_secret_named_but_not_set_fails_before_posting(robot, monkeypatch):
    monkeypatch.delenv("ZIZHI_CHAT_SECRET")

    with pytest.raises(DeliveryFailed, match="ZIZHI_CHAT_SECRET is not set"):
        chat.send(settings(robot, "dingtalk", "/robot/send?access_token=abc", secret_env="ZIZHI_CHAT_SECRET"), LI, TEXT)
    assert robot.posts == []


# ---------------------------------------------------------------- 飞书 Feishu

def test_feishu_signs_the_body_as_feishu_checks_it_and_mentions_by_user_id(robot):
    robot.reply = {"code": 0, "msg": "success", "data": {}}
    person = {**LI, "chat_id": "ou_7d8a6e6df7621556ce0d21922b676706ccs"}

    chat.send(settings(robot, "feishu", "/open-apis/bot/v2/hook/3f1c", secret_env="ZIZHI_CHAT_SECRET"), person, TEXT)

    body = robot.posts[0]["body"]
    assert within_the_hour(int(body["timestamp"]))  # seconds
    # Feishu: HmacSHA256 keyed with "timestamp\nsecret" over an empty message, base64
    assert body["sign"] == signed(f"{body['timestamp']}\n{SECRET}", "")
    assert body["msg_type"] == "text"
    assert body["content"]["text"] == f'<at user_id="ou_7d8a6e6df7621556ce0d21922b676706ccs">李娜</at> {TEXT}'


def test_feishu_names_a_person_without_a_user_id_in_plain_words(robot):
    robot.reply = {"StatusCode": 0, "StatusMessage": "success"}  # the older robots' answer

    chat.send(settings(robot, "feishu", "/open-apis/bot/v2/hook/3f1c"), LI, TEXT)

    assert robot.posts[0]["body"]["content"]["text"] == f"李娜 {TEXT}"


def test_feishu_refusal_is_a_failed_delivery(robot):
    robot.reply = {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}

    with pytest.raises(DeliveryFailed, match="19021 sign match fail"):
        chat.send(settings(robot, "feishu", "/open-apis/bot/v2/hook/3f1c", secret_env="ZIZHI_CHAT_SECRET"), LI, TEXT)


# ---------------------------------------------------------------- when the robot does not answer

def test_a_robot_that_does_not_answer_in_time_is_a_failed_delivery(robot):
    robot.delay = 3

    started = time.monotonic()
    with pytest.raises(DeliveryFailed, match=r"did not answer within 1 s"):
        chat.send(settings(robot, "wecom", "/send?key=k", timeout_seconds=1), LI, TEXT)
    assert time.monotonic() - started < 2.5


def test_an_http_error_is_a_failed_delivery(robot):
    robot.status = 502

    with pytest.raises(DeliveryFailed, match="HTTP 502"):
        chat.send(settings(robot, "wecom", "/send?key=k"), LI, TEXT)


def test_a_reply_that_is_not_the_platforms_json_is_a_failed_delivery(robot):
    robot.reply = ["not", "an", "answer"]

    with pytest.raises(DeliveryFailed, match="other than its JSON reply"):
        chat.send(settings(robot, "wecom", "/send?key=k"), LI, TEXT)


def test_nobody_listening_is_a_failed_delivery(robot):
    robot.close()

    with pytest.raises(DeliveryFailed, match="could not be reached"):
        chat.send(settings(robot, "wecom", "/send?key=k", timeout_seconds=2), LI, TEXT)


# ---------------------------------------------------------------- the id the robot mentions, on the person's record

def test_an_admin_keeps_the_chat_id_on_the_record_and_the_agenda_carries_it(desk, add_sales):
    from zizhi.core.people import users
    from zizhi.core.reminders.agenda import _people

    add_sales("li", "李娜")
    assert users.edit_user(desk, "li", chat_id=" LiNa ")["chat_id"] == "LiNa"
    assert users.show_user(desk, "li")["chat_id"] == "LiNa"
    assert _people(desk)["li"]["chat_id"] == "LiNa"
    assert users.edit_user(desk, "li", chat_id="")["chat_id"] is None  # forgotten: mentioned by mobile again


def test_a_chat_id_with_spaces_is_refused_naming_field_and_value(desk, add_sales):
    from zizhi.core.errors import InputError
    from zizhi.core.people import users

    add_sales("li", "李娜")
    users.edit_user(desk, "li", chat_id="LiNa")
    with pytest.raises(InputError) as refused:
        users.edit_user(desk, "li", chat_id="li na")
    assert refused.value.exit_code == 65
    assert str(refused.value).startswith("chat-id: li na is not a chat id")
    assert users.show_user(desk, "li")["chat_id"] == "LiNa"
