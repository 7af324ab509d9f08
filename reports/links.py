"""Links from the summary to the lists of the records behind its figures."""

from urllib.parse import urlencode

from django.urls import reverse

from councilwork.models import Council


def records_url(year: int, dataset: str, council: Council, **params) -> str:
    """The read-only list of the records behind a figure (empty parameters left out)."""
    query = {"council": council.slug, **{k: v for k, v in params.items() if v}}
    return f"{reverse('summary:records', args=[year, dataset])}?{urlencode(query)}"
