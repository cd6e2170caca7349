"""Money owed: the ledger of payments, reversals, refunds and write-offs, and what it adds up to."""
