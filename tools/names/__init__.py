"""How a bank's clients are named in questions: identifiers in the bank's own shapes
(``ids``), the forms a company name is said in (``forms``) and the index that ties every form
and contact to its clients (``index``). Learned from the loaded extract, never hard-coded."""
