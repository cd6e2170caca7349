"""The demo: a sales team, clients with their contact history, and deals in every stage, written
in bulk so a large demo takes seconds (``fill_demo``, in :mod:`zizhi.core.demo.fill`).

The clients' side: ``team``, ``clients``, ``client_details``; the deals' side: ``stories`` (what
happens to a deal), ``plans`` (a story drawn in days), ``deal_rows`` (its rows, phase by phase),
``book`` (every deal's rows, written at the end), ``deals`` (which clients get one). ``dice`` and
``days`` are the random draws and the calendar both sides share; ``words`` is the vocabulary.
"""

from zizhi.core.demo.fill import fill_demo

__all__ = ["fill_demo"]
