"""The app's own labels, key → (English, Simplified Chinese), one module per part of the app.

They are ``tui.*`` keys, kept out of the core (which knows nothing of screens) and registered with
the one table of :mod:`zizhi.core.i18n` when ``zizhi.tui`` is imported, so any screen or widget
imported on its own, as a test does, finds them.
"""

from zizhi.tui.messages import (
    app,
    board,
    clients,
    deal,
    fulfilment,
    how,
    keys,
    quarterly,
    quote,
    receivables,
    reports,
    today,
)

TABLES = (app.MESSAGES, keys.MESSAGES, clients.MESSAGES, board.MESSAGES, deal.MESSAGES, quote.MESSAGES,
          fulfilment.MESSAGES, how.MESSAGES, receivables.MESSAGES,
          reports.MESSAGES, today.MESSAGES, quarterly.MESSAGES)
