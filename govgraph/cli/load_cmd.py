"""`govgraph load`: read plans, print what each document gave, write the graph."""
