"""Zizhi's full-screen app (Textual): a thin face on ``core``, which holds every rule.

Only a bare ``zizhi`` imports this package, so scripts and cron never pay for Textual.
"""

from zizhi.core.i18n import register
from zizhi.tui.messages import MESSAGES

register(MESSAGES)
