"""What a demo client is given besides its name: phone numbers, email, address, what it needs and
the salesperson's notes, drawn in the mix a real desk sees (mostly mobiles, some landlines with an
extension; company mailboxes, QQ and the big free providers).
"""

from __future__ import annotations

import random

from zizhi.core.clients import pinyin
from zizhi.core.demo.dice import Draw, weighted_table
from zizhi.core.demo.words import INTENTS, MARKETS, MOBILE_PREFIXES, NEEDS, NOTES, ROADS

NEED = weighted_table(NEEDS)


def mobile(draw: Draw) -> str:
    return f"{draw.pick(MOBILE_PREFIXES)}{draw.between(0, 99_999_999):08d}"


def phone(draw: Draw, area: str) -> str | None:
    roll = draw.random()
    if roll < 0.72:
        return mobile(draw)
    if roll < 0.95:
        extension = f"-{draw.between(800, 899)}" if draw.random() < 0.2 else ""
        return f"{area}-{draw.between(2, 8)}{draw.between(0, 9_999_999):07d}{extension}"
    return None


def email(draw: Draw, trade: str, surname: str, given: str) -> str | None:
    roll = draw.random()
    person = f"{pinyin.full_and_initials(given)[0]}.{pinyin.full_and_initials(surname)[0]}"
    if roll < 0.55:
        local = draw.pick(("sales", "info", "trade", "export", person, person))
        site = pinyin.full_and_initials(trade)[0] + draw.pick(("", "-trade", "group", "tech", "intl"))
        return f"{local}@{site}.{draw.pick(('com', 'cn', 'com.cn', 'net'))}"
    if roll < 0.75:
        return f"{draw.between(10_000, 2_999_999_999)}@qq.com"
    if roll < 0.9:
        return f"{person.replace('.', '')}{draw.between(0, 99)}@{draw.pick(('163.com', '126.com', 'sina.com', 'foxmail.com'))}"
    return None


def address(draw: Draw, city: str, province: str | None, district: str) -> str:
    prefix = f"{city}市" if province is None else f"{province}省{city}市"
    building = draw.pick(("", "", f"{draw.between(1, 12)}幢",
                          f"{draw.pick('ABC')}座{draw.between(2, 28)}0{draw.between(1, 9)}室"))
    return f"{prefix}{district}{draw.pick(ROADS)}{draw.between(1, 999)}号{building}"


def needs(draw: Draw) -> str:
    wanted = dict.fromkeys(draw.weighted(NEED) for _ in range(draw.between(1, 3)))
    return "、".join(wanted) + "；" + draw.pick(INTENTS)


def notes(rng: random.Random, draw: Draw, goods: str) -> str | None:
    if draw.random() < 0.2:
        return None
    return "".join(note.format(market=draw.pick(MARKETS), goods=goods, days=draw.pick((5, 7, 10, 15)))
                   for note in rng.sample(NOTES, draw.between(1, 2)))
