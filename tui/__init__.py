"""Zizhi's full-screen app (Textual): a thin face on ``core``, which holds every rule.

Only a bare ``zizhi`` imports this package, so scripts and cron never pay for Textual. Importing it
registers the app's labels (:mod:`zizhi.tui.messages`) with the one table of messages.
"""

from zizhi.core import i18n
from zizhi.tui.messages import TABLES

for _labels in TABLES:
    i18n.register(_labels)
