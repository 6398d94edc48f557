"""Test doubles and throw-away stacks shared by the test suite and the benchmarks.

Nothing in the serving path imports this package. It lives among the installed packages so
``benchmarks/`` need not import from ``tests/``: the one fake ``AssistantCore``, a local fake
OpenAI-compatible server and the conversations it plays, a small valid bank extract, a deterministic hashing embedder, the small
real Frontline built on them, and the production stack (Chroma server, ``frontline serve``
replicas) the production tests and the replica benchmark run against.
"""
