"""One person's reminders as one message: the words every channel carries.

The terminal, the mail and the team group's robot say the same thing — the person, how many are
due, then each reminder (‼ when escalated) with why it is due and the command that deals with it —
in the reader's language, so a salesperson who reads the mail and then opens a terminal finds
the same list in the same order.
"""

from __future__ import annotations


def body(person: dict, reminders: list[dict], as_of: str, lang: str | None = None) -> str:
    """The message for ``person``: a heading line, then two lines per reminder."""
    from zizhi.core.i18n import t
    from zizhi.core.reminders.agenda import why

    lines = [t("remind.person_head", lang, name=person["name"], login=person["login"],
               count=len(reminders), as_of=as_of)]
    for reminder in reminders:
        mark = "‼ " if reminder["escalated"] else "• "
        owner = reminder["owner"]  # a manager's, operator's or finance colleague's copy says whose it is
        whose = t("remind.owned_by", lang, owner=owner) if owner and owner != person["login"] else ""
        lines.append(f"  {mark}{why(reminder, lang)}{whose}")
        if reminder["command"]:
            lines.append(f"      {reminder['command']}")
    return "\n".join(lines)


def subject(count: int, as_of: str, lang: str | None = None) -> str:
    """The mail's subject: the count first, so a full inbox still shows how much is waiting."""
    from zizhi.core.i18n import t

    return t("remind.mail_subject", lang, count=count, as_of=as_of)
