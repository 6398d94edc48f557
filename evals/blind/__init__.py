"""A blind round's kit and split: what a question writer may see, and the halves it becomes.

``python -m evals.blind.kit OUT`` writes, for each evaluation bank, the only folder a writer is
given (its CSVs without the truth file, its playbooks, its four policy files, ``TODAY.txt`` and
``CONTRACT.md``); ``python -m evals.blind.split QUESTIONS.jsonl NAME`` splits a written round by
conversation into ``evals/datasets/NAME-{dev,holdout}.jsonl``. The README's blind section says
how a round is run, measured untuned and tuned on its dev half only.
"""
