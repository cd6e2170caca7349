"""The demo's sales team: the colleagues it adds once (with their exams and trainings), and who of
them acts on a deal besides its owner.
"""

from __future__ import annotations

import datetime as dt
import random

from zizhi.core import clock
from zizhi.core.demo.client_details import mobile
from zizhi.core.demo.dice import Draw
from zizhi.core.demo.words import TEAM, TRAINING_LAPSED, TRAININGS


def ensure_team(db, desk, rng: random.Random) -> dict:
    """Create the team members whose logins are free, with their exams and trainings."""
    pass_mark = desk.settings.pricing.onboarding.pass_mark
    domain = (desk.settings.general.company.email or "sales@example.com").rpartition("@")[2]
    today = clock.today()
    lapsed = desk.settings.pricing.onboarding.continuing_interval_days
    added, exams, trainings, ids = [], 0, 0, {}
    for login, name, role, joined, scores in TEAM:
        row = db.execute("SELECT id FROM users WHERE login = ?", [login]).fetchone()
        if row:
            ids[login] = row[0]
            continue
        since = today - dt.timedelta(days=joined)
        results = [min(100, pass_mark + delta) for delta in scores if pass_mark + delta >= 0]
        on_duty = role == "sales" and bool(results) and results[-1] >= pass_mark
        ids[login] = db.execute(
            """INSERT INTO users (login, name, role, email, phone, on_duty, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [login, name, role, f"{login}@{domain}", mobile(Draw(rng)), int(on_duty),
             f"{since} 09:00:00"]).lastrowid
        added.append(login)
        trainer = ids.get("liu.yang", desk.user["id"])
        for attempt, score in enumerate(results):
            db.execute("""INSERT INTO exams (user_id, taken_on, score, pass_mark, passed, recorded_by, notes)
                          VALUES (?, ?, ?, ?, ?, ?, ?)""",
                       [ids[login], (since + dt.timedelta(days=14 + 21 * attempt)).isoformat(), score,
                        pass_mark, int(score >= pass_mark), trainer, "补考" if attempt else "入职考试"])
            exams += 1
        if role in ("sales", "manager") and joined > 180:
            for topic, hours in rng.sample(TRAININGS, rng.randint(1, 3)):
                ago = rng.randint(7, joined - 30)
                if login in TRAINING_LAPSED:  # all before the interval (the same draws: the rest of the demo stays)
                    ago = lapsed + 20 + ago % max(joined - 50 - lapsed, 1)
                held = today - dt.timedelta(days=ago)
                db.execute("""INSERT INTO trainings (user_id, held_on, topic, hours, trainer, recorded_by)
                              VALUES (?, ?, ?, ?, ?, ?)""",
                           [ids[login], held.isoformat(), topic, hours, rng.choice(["刘洋", "外部讲师"]), trainer])
                trainings += 1
    return {"users": len(added), "logins": added, "exams": exams, "trainings": trainings}


class Team:
    """The demo team's colleagues who act on a deal besides its owner."""

    def __init__(self, conn, desk) -> None:
        by_login = dict(conn.execute("SELECT login, id FROM users").fetchall())
        self.ids = {role: by_login[login] for login, _, role, _, _ in reversed(TEAM) if login in by_login}
        self.ids.setdefault("manager", desk.user["id"])
        for role in ("legal", "finance", "operations"):
            self.ids.setdefault(role, self.ids["manager"])
        self.since = dict(conn.execute(
            "SELECT user_id, min(taken_on) FROM exams WHERE passed GROUP BY user_id").fetchall())

    def on_duty_since(self, user_id: int) -> str:
        return self.since.get(user_id, "")
