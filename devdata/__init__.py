"""Demo and bulk data builders: ``seed_demo`` and ``seed_bulk``."""
