"""One year of one council tree as a versioned exchange file (JSON or .xlsx).

``spec`` declares the sheets once (model, natural key, columns, foreign keys written
as the target's natural key); ``collect`` picks a year's records, ``export`` turns
them into rows, ``jsonfile`` and ``xlsx`` write and read the two encodings (``values``
the cells), ``checks`` refuses other formats and versions, and ``load`` finds each row
by its natural key and creates or updates it. The format is documented in
docs/data-format.md, the workbook a person fills by hand in docs/template.md.
"""

FORMAT = "councilwork-year"
# 2: a workbook's row 1 holds the Vietnamese column names, row 2 the codes, data from
# row 3, and the template holds no example row. The JSON encoding is unchanged.
VERSION = 2
READ_VERSIONS = (1, 2)  # the versions import reads


class ExchangeError(Exception):
    """A file or an export that cannot be processed; the message says why, translated."""
