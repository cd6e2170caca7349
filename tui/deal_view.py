"""Everything the deal screen shows, read in one worker call.

Nothing here imports Textual; it runs in a worker thread.
"""

from __future__ import annotations

from zizhi.core.compliance import notices
from zizhi.core.pipeline import contracts, delivery, processing, quotes
from zizhi.core.pipeline.deals import get_deal


def gather(desk, deal_id: int, quote_id: int | None = None) -> dict:
    """The deal with its history and assessments, its quotes, contract, progress, certificates and
    visits, and the policy notices touching its qualifications or the shown quote's lines (as
    ``zizhi deal show`` and ``zizhi quote show``: a line added to a quote may name a qualification
    the deal did not).

    ``quote`` is the version ``quote_id`` when the deal has it, else the newest version.
    """
    deal = get_deal(desk, deal_id)
    view: dict = {"deal": deal, "quotes": quotes.list_quotes(desk, deal["id"])}
    ids = [quote["id"] for quote in view["quotes"]]
    chosen = quote_id if quote_id in ids else (ids[0] if ids else None)
    view["quote"] = quotes.get_quote(desk, chosen) if chosen else None
    quoted = [line["code"] for line in view["quote"]["lines"]] if view["quote"] else []
    view["notices"] = notices.affecting(desk, [*(q["code"] for q in deal["qualifications"]), *quoted])
    view["quote_notices"] = [notice for notice in view["notices"] if set(notice["codes"]) & set(quoted)]
    view["contract"] = contracts.contract_for_deal(desk, deal["id"])
    view["progress"] = processing.progress(desk, deal["id"])
    view["certificates"] = [c for c in delivery.client_certificates(desk, str(deal["client_id"]))
                            if c["deal_id"] == deal["id"]]
    view["visits"] = [v for v in delivery.list_visits(desk, client=str(deal["client_id"]))
                      if v["deal_id"] == deal["id"]]
    return view
