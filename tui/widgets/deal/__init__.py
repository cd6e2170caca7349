"""The deal screen's parts, one feature each: overview, quote, contract, processing, delivery.

The screen hands each part its records (``show``) and calls its methods for the keys it binds;
a part posts messages up — :class:`~zizhi.tui.widgets.deal.panel.DealSaved` after a form saved,
:class:`~zizhi.tui.work.Problem` for what the person must be told — and never reads its screen.
"""
