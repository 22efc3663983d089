"""The only httpx client and what sits under it: the session, sender, cache, rate budget,
breakers, batching, idempotency and writes."""
