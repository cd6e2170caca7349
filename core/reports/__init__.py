"""The team's reports (issue 12, items 4–6): the weekly pipeline review, channels and referrals,
and market research — read-only views over the pipeline and the ledger, each one core function
the CLI and the app call (``weekly``, ``channels``, ``market``)."""
