"""The shipped TOML defaults (catalogue, pricing, settings) and the schema that checks them."""
