"""Reminders: what is due, for whom, delivered once (SPEC §9, issue 10).

:mod:`.agenda` says what is due on a day and routes each reminder to the people who must act —
the one function the CLI (`zizhi remind`), cron's mail and chat, the calendar file and the app's
Today screen all read. Each kind of reminder is a source in :mod:`.sources`.
"""
