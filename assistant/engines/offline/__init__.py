"""The offline engine: no LLM, the same tools, a grounded answer with citations."""
