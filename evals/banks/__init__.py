"""Independent evaluation banks: generators of bank extracts (DESIGN §4.3) that share none of the
demo bank's conventions, each with its own playbooks and truth file."""
