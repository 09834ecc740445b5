"""`govgraph stats` and `govgraph lint`."""
