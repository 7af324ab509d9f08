"""One year of one council tree as a versioned exchange file (JSON or .xlsx).

``spec`` declares the sheets once (model, natural key, columns, foreign keys written
as the target's natural key); ``collect`` picks a year's records, ``export`` turns
them into rows, ``jsonfile`` and ``xlsx`` write and read the two encodings (``values``
the cells), ``checks`` refuses other formats and versions, and ``load`` finds each row
by its natural key and creates or updates it. The format is documented in
docs/data-format.md.
"""

FORMAT = "councilwork-year"
VERSION = 1


class ExchangeError(Exception):
    """A file or an export that cannot be processed; the message says why, translated."""
