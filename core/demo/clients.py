"""The demo's clients: rows in ``COLUMNS`` order with their contact history and tags.

The rows keep every rule the core enforces elsewhere: owners are on-duty salespeople who passed
the exam, credit codes carry their check digit, and each client's follow-up is what
``interactions.refresh_follow_up`` derives from its log.

Pinyin is composed from the pinyin of a name's parts (a few hundred, computed once) instead of
~100 µs of pypinyin per name. That equals ``pinyin.keys`` of the whole name because every
character in the vocabulary (:mod:`zizhi.core.demo.words`) reads the same in every phrase
pypinyin knows, and the cities whose characters do not are whole phrases that no following
character extends (the tests prove both). Each run still checks a sample against
``pinyin.keys`` and, on any difference, computes every name the slow way.
"""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn.uscc import calc_check_digit

from zizhi.core import clock
from zizhi.core.clients import pinyin
from zizhi.core.demo import client_details
from zizhi.core.demo.dice import Draw, weighted_table
from zizhi.core.demo.words import (
    CARES,
    CITIES,
    DETAILS,
    GIVEN_NAMES,
    INDUSTRIES,
    LEGAL_FORMS,
    LOG_CHANNELS,
    NEXT_STEPS,
    SUMMARIES,
    SURNAMES,
    TAGS,
    TRADE_CHARS,
)

DAYS_BACK = 1095  # clients arrived over the last three years
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # the organisation code's own check digit (GB 11714)
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # what GB 32100 allows: no I, O, S, V, Z
_ORG_VALUE = {c: int(c, 36) for c in _ALPHABET}
COLUMNS = ("id", "name", "credit_code", "contact", "phone", "email", "address", "city", "business_scope",
            "industry", "size", "needs", "urgency", "channel", "referrer_id", "credit_rating", "owner_id",
            "notes", "pinyin", "last_contact_at", "next_step", "next_date", "created_at", "updated_at",
            "archived_at")


_CITY = weighted_table(((c, p, a, list(zip(d.split()[::2], d.split()[1::2]))), w) for c, p, a, d, w in CITIES)
_INDUSTRY = weighted_table((i[:4], i[4]) for i in INDUSTRIES)
_FORM = weighted_table(LEGAL_FORMS)
_SIZE = weighted_table([("micro", 25), ("small", 45), ("medium", 22), ("large", 8)])
_URGENCY = weighted_table([("normal", 62), ("high", 18), ("low", 12), ("urgent", 8)])
_CHANNEL = weighted_table([("trade_show", 22), ("online", 28), ("referral", 15), ("inquiry", 25), ("other", 10)])
_LOG_CHANNEL = weighted_table(LOG_CHANNELS)
_LOG_COUNT = weighted_table(zip(range(7), [10, 15, 20, 20, 15, 12, 8]))
_TAG_COUNT = weighted_table([(0, 2), (1, 3), (2, 1), (3, 1)])


class Clients:
    """Client rows (in ``COLUMNS`` order) with their interaction and tag rows."""

    def __init__(self, db, rng: random.Random, start: int, settings) -> None:
        self.rng, self.draw, self.start = rng, Draw(rng), start
        today = clock.today()
        self.days = {back: (today - dt.timedelta(days=back)).isoformat() for back in range(-21, DAYS_BACK + 1)}
        self.taken = {r[0] for r in db.execute("SELECT credit_code FROM clients WHERE credit_code IS NOT NULL")}
        # On-duty salespeople, with the day they went on duty (their first passed exam).
        self.owners = db.execute(
            """SELECT u.id, coalesce((SELECT min(e.taken_on) FROM exams e WHERE e.user_id = u.id AND e.passed), '')
               FROM users u WHERE u.role = 'sales' AND u.on_duty AND u.active ORDER BY u.id""").fetchall()
        manager = db.execute("SELECT id FROM users WHERE role = 'manager' AND active ORDER BY id").fetchone()
        self.colleague = manager[0] if manager else self.owners[0][0] if self.owners else None
        ratings = sorted(settings.pricing.credit_policy)
        weights = [(4, 5, 2)[i] if i < 3 else 1 for i in range(len(ratings))] + [3]
        self.rating = weighted_table(zip(ratings + [None], weights))

    def make(self, n: int) -> tuple[list, list, list]:
        backs = sorted((int(DAYS_BACK * self.rng.random() ** 1.4) for _ in range(n)), reverse=True)
        rows, logs, tags = [], [], []
        for i, back in enumerate(backs):
            row, history, labels = self._client(self.start + i, back)
            rows.append(row)
            logs.extend(history)
            tags.extend((row[0], tag) for tag in labels)
        _check_pinyin(self.rng, rows)
        return rows, logs, tags

    def _client(self, client_id: int, back: int) -> tuple[tuple, list, list]:
        draw, days = self.draw, self.days
        city, province, area, districts = draw.weighted(_CITY)
        district, region = draw.pick(districts)
        first = int(draw.random() * len(TRADE_CHARS))
        second = (first + draw.between(1, len(TRADE_CHARS) - 1)) % len(TRADE_CHARS)
        trade = TRADE_CHARS[first] + TRADE_CHARS[second]
        word, industry, scope, goods = draw.weighted(_INDUSTRY)
        form = draw.weighted(_FORM)
        surname, given = draw.pick(SURNAMES), draw.pick(GIVEN_NAMES)
        channel = draw.weighted(_CHANNEL)
        if channel == "referral" and client_id == self.start:
            channel = "inquiry"
        owner = draw.pick(self.owners) if self.owners and draw.random() > 0.06 else None
        created = f"{days[back]} 08:{draw.between(30, 59):02d}:{draw.between(0, 59):02d}"
        history = self._history(client_id, back, owner, goods)
        last, step, due = _follow_up(history)
        if "进出口" not in scope and draw.random() < 0.4:
            scope += "；货物进出口；技术进出口"
        archived = f"{days[back // 2]} 18:00:00" if back > 60 and draw.random() < 0.01 else None
        row = (client_id, city + trade + word + form, self._credit_code(region, client_id),
               surname + given, client_details.phone(draw, area), client_details.email(draw, trade, surname, given),
               client_details.address(draw, city, province, district), city, scope, industry, draw.weighted(_SIZE),
               client_details.needs(draw), draw.weighted(_URGENCY), channel,
               draw.between(self.start, client_id - 1) if channel == "referral" else None,
               draw.weighted(self.rating), owner[0] if owner else None, client_details.notes(self.rng, draw, goods),
               _keys((city, trade, word, form), (surname, given)), last, step, due, created,
               last or created, archived)
        return row, history, sorted(self.rng.sample(TAGS, draw.weighted(_TAG_COUNT)))

    def _history(self, client_id: int, back: int, owner, goods: str) -> list[tuple]:
        """0–6 contacts between the client's first day and yesterday, oldest first."""
        draw, days = self.draw, self.days
        count = draw.weighted(_LOG_COUNT) if back > 0 else 0
        moments = sorted((draw.between(1, back), draw.between(9 * 3600, 19 * 3600 - 1)) for _ in range(count))
        entries = []
        for day_back, second in sorted(moments, key=lambda m: (-m[0], m[1])):
            day = days[day_back]
            user = owner[0] if owner and day >= owner[1] else self.colleague
            if user is None:
                continue
            at = f"{day} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
            channel = draw.weighted(_LOG_CHANNEL)
            summary = draw.pick(SUMMARIES[channel]).format(need=draw.weighted(client_details.NEED),
                                                           care=draw.pick(CARES))
            step = next_date = None
            if draw.random() < (0.5 if day_back <= 30 else 0.12):
                step, next_date = draw.pick(NEXT_STEPS), days[day_back - draw.between(1, 21)]
            details = draw.pick(DETAILS) if draw.random() < 0.2 else None
            entries.append((client_id, user, at, channel, summary, details, step, next_date, at, at))
        return entries

    def _credit_code(self, region: str, client_id: int) -> str:
        """A valid unified social credit code, unique because its organisation code comes from the id."""
        attempt = 0
        while True:
            number = (client_id + attempt * 1_000_003) * 73_856_093 + 31_415_926
            if client_id % 5 < 3:  # the newer 'MA…' organisation codes
                base = "MA" + "".join(_ALPHABET[number // 31 ** k % 31] for k in range(6))
            else:
                base = f"{number % 100_000_000:08d}"
            check = 11 - sum(_ORG_VALUE[c] * w for c, w in zip(base, _ORG_WEIGHTS)) % 11
            body = f"91{region}{base}{'X' if check == 10 else check % 11}"
            code = body + calc_check_digit(body)
            if code not in self.taken:
                self.taken.add(code)
                return code
            attempt += 1


def _keys(name_parts: tuple[str, ...], contact_parts: tuple[str, str]) -> str:
    """``pinyin.keys(name, contact)``, composed from the cached pinyin of the parts."""
    name = [pinyin.full_and_initials(p) for p in name_parts]
    contact = [pinyin.full_and_initials(p) for p in contact_parts]
    return " ".join(("".join(f for f, _ in name), "".join(s for _, s in name),
                     "".join(f for f, _ in contact), "".join(s for _, s in contact)))


def _check_pinyin(rng: random.Random, rows: list) -> None:
    """Compare a sample with ``pinyin.keys``; on any difference, compute every row exactly."""
    name, contact, keys = COLUMNS.index("name"), COLUMNS.index("contact"), COLUMNS.index("pinyin")
    sample = random.Random(rng.random()).sample(range(len(rows)), min(len(rows), 64))
    if all(rows[i][keys] == pinyin.keys(rows[i][name], rows[i][contact]) for i in sample):
        return
    for i, row in enumerate(rows):
        rows[i] = row[:keys] + (pinyin.keys(row[name], row[contact]),) + row[keys + 1:]


def _follow_up(history: list[tuple]) -> tuple[str | None, str | None, str | None]:
    """Last contact and pending next step, by the rule of ``interactions.refresh_follow_up``."""
    pending, last = None, None
    for _, _, at, _, _, _, step, due, _, _ in history:
        last = at
        if due:
            pending = (step, due)
        elif pending and at[:10] >= pending[1]:
            pending = None
    return last, pending[0] if pending else None, pending[1] if pending else None
