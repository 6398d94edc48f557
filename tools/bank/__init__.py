"""The bank data layer: ORM models, the repository interface, import and the demo bank."""
