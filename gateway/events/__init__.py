"""Changes from Visma: webhooks, notifications, the broker and the Redis fan-out."""
