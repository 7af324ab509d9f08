"""The kinds of record the site search finds: what it matches, how it orders, where it links.

Citizens' personal data (the voters app) is never searched. Ward staff find only their
own council's records that have a page they may open (their summary, the records lists
behind it, their sessions' documents); people and the admin are not theirs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import Award, AwardDecision
from campaigns.models import Pledge
from councilwork.models import Body, Council, Person
from councilwork.search import Document, Related
from oversight.models import OversightActivity, Recommendation
from sessions.models import Resolution, Session

# The largest tables keep their searched fields folded in one stored column.
DOCUMENT = Document("search_text")


@dataclass(frozen=True)
class Kind:
    """One group of results."""

    key: str
    title: str
    model: type
    fields: tuple  # names or expressions, each matched folded (a Document as stored)
    order: tuple
    related: tuple
    label: Callable  # obj -> the result's text
    # (queryset, council) -> the ward's rows, or None when ward staff never see the kind
    ward_rows: Callable | None = None
    ward_link: Callable | None = None  # obj -> the ward's page of the record

    def admin_link(self, obj) -> str:
        meta = self.model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def _summary(council) -> str:
    return reverse("summary:latest") + "?" + urlencode({"council": council.slug})


def _records(year: int, dataset: str, council, **params) -> str:
    query = urlencode({"council": council.slug, **params})
    return reverse("summary:records", args=[year, dataset]) + "?" + query


def _documents(session_id: int) -> str:
    return reverse("council_sessions:documents", args=[session_id])


def _award_label(award) -> str:
    decision = award.decision
    return f"{award.recipient} – {decision.number} – {decision.title or decision.issuing_authority}"


KINDS = (
    Kind(
        "councils",
        _("Councils"),
        Council,
        (DOCUMENT,),  # name, short name
        ("name", "pk"),
        (),
        lambda c: c.name,
        ward_rows=lambda qs, council: qs.filter(pk=council.pk),
        ward_link=_summary,
    ),
    Kind(
        "people",
        _("People"),
        Person,
        (DOCUMENT,),  # full name, position
        ("full_name", "pk"),
        (),
        lambda p: f"{p.full_name} – {p.position}" if p.position else p.full_name,
    ),
    Kind(
        "bodies",
        _("Bodies"),
        Body,
        (DOCUMENT,),  # name
        ("name", "pk"),
        ("council",),
        lambda b: f"{b.name} – {b.council.short_name}",
        ward_rows=lambda qs, council: qs.filter(council=council),
        ward_link=lambda b: _summary(b.council),
    ),
    Kind(
        "sessions",
        _("Sessions"),
        Session,
        (DOCUMENT,),  # title, location
        ("-start_date", "-pk"),
        ("council",),
        lambda s: f"{s} – {s.title}" if s.title else str(s),
        ward_rows=lambda qs, council: qs.filter(council=council),
        ward_link=lambda s: _documents(s.pk),
    ),
    Kind(
        "resolutions",
        _("Resolutions"),
        Resolution,
        (DOCUMENT,),  # title, the code ("49/NQ-HĐND")
        ("-adopted_on", "-number", "-pk"),
        ("council",),
        lambda r: f"{r.code} – {r.title} ({r.council.short_name})",
        ward_rows=lambda qs, council: qs.filter(council=council),
        ward_link=lambda r: _documents(r.session_id),
    ),
    Kind(
        "oversight",
        _("Oversight activities"),
        OversightActivity,
        (DOCUMENT,),  # title, subject
        ("-start_date", "-pk"),
        ("council",),
        lambda a: f"{a.title} ({a.council.short_name}, {a.start_date:%d/%m/%Y})",
        ward_rows=lambda qs, council: qs.filter(council=council),
        ward_link=lambda a: _records(a.start_date.year, "oversight", a.council),
    ),
    Kind(
        "recommendations",
        _("Recommendations"),
        Recommendation,
        (DOCUMENT,),  # content, responsible agency, response number
        ("-pk",),
        ("activity__council",),
        lambda r: f"{r.content[:200]} – {r.responsible_agency}",
        ward_rows=lambda qs, council: qs.filter(activity__council=council),
        ward_link=lambda r: _records(r.activity.start_date.year, "oversight", r.activity.council),
    ),
    Kind(
        "awards",
        _("Awards"),
        Award,
        (
            DOCUMENT,  # the achievement
            # Each related row's own document: the decision's number and summary, the
            # body's name, the council's names, the person's name and position.
            Related("decision", AwardDecision, (DOCUMENT,)),
            Related("recipient_body", Body, (DOCUMENT,)),
            Related("recipient_council", Council, (DOCUMENT,)),
            Related("recipient_person", Person, (DOCUMENT,)),
        ),
        ("-decision__decision_date", "-pk"),
        ("decision", "recipient_body__council", "recipient_council", "recipient_person"),
        _award_label,
        # What the ward's summary lists as received: the council's and its bodies'.
        ward_rows=lambda qs, council: qs.filter(
            Q(recipient_council=council) | Q(recipient_body__council=council)
        ),
        ward_link=lambda a: _records(
            a.decision.year,
            "awards",
            a.recipient_council or a.recipient_body.council,
            scope="received",
        ),
    ),
    Kind(
        "pledges",
        _("Pledges"),
        Pledge,
        # Not the campaign's theme: folding it for every pledge cost a second a search.
        (Related("body", Body, (DOCUMENT,)), DOCUMENT),  # the body's name, the signatory
        ("-campaign__year", "-pk"),
        ("body__council", "campaign"),
        lambda p: f"{p.body.name} – {p.body.council.short_name} – {p.campaign.year}",
        ward_rows=lambda qs, council: qs.filter(body__council=council),
        # The council's summary of the year before lists the pledges its bodies signed.
        ward_link=lambda p: (
            reverse("summary:page", args=[p.campaign.year - 1])
            + "?"
            + urlencode({"council": p.body.council.slug})
        ),
    ),
)
