"""Small builders for test records, on top of the demo data."""

import datetime as dt

from councilwork.models import Council
from sessions.models import Session


def session(council: Council, number: int, start=dt.date(2023, 5, 10), **fields) -> Session:
    values = {"kind": "regular", "start_date": start, "end_date": start, **fields}
    return Session.objects.create(
        council=council, term=council.terms.get(), number=number, **values
    )


def province_with_wards(slug: str, wards: int, years=(2022, 2023)) -> Council:
    """A province council with ``wards`` ward councils and varied records in ``years``.

    Deterministic: ward i holds (i % 3) + 1 sessions and i % 4 oversight activities a
    year, so totals differ between wards and between years.
    """
    from awards.models import Award, AwardDecision
    from councilwork.models import Body, CouncilLevel, Term
    from oversight.models import OversightActivity
    from sessions.models import Resolution

    province = Council.objects.create(
        name=f"HĐND tỉnh {slug}", short_name=slug, slug=slug, level=CouncilLevel.PROVINCE
    )
    councils = [province]
    for i in range(wards):
        councils.append(
            Council.objects.create(
                name=f"HĐND phường {slug} {i}",
                short_name=f"{slug} {i}",
                slug=f"{slug}-{i}",
                level=CouncilLevel.COMMUNE,
                parent=province,
            )
        )
    for n, council in enumerate(councils):
        term = Term.objects.create(
            council=council,
            name="2021–2026",
            start_date=dt.date(2021, 6, 1),
            end_date=dt.date(2026, 6, 30),
        )
        for year in years:
            number = 0
            for s in range((n % 3) + 1 + (year % 2)):
                day = dt.date(year, 3 + s, 10)
                session = Session.objects.create(
                    council=council,
                    term=term,
                    number=(year - 2000) * 10 + s,
                    kind="thematic" if s % 2 else "regular",
                    start_date=day,
                    end_date=day,
                )
                for _r in range(s + 1):
                    number += 1
                    Resolution.objects.create(
                        council=council,
                        session=session,
                        number=number,
                        adopted_on=day,
                        title=f"NQ {number}",
                    )
            for a in range(n % 4 + (year % 2)):
                day = dt.date(year, 6, 1 + a)
                OversightActivity.objects.create(
                    council=council,
                    kind=["thematic", "regular", "survey", "interpellation"][a % 4],
                    title=f"Giám sát {a}",
                    start_date=day,
                    end_date=day,
                )
    for year in years:
        decision = AwardDecision.objects.create(
            council=province,
            year=year,
            kind="giay_khen",
            number=f"{year}/QĐ-{slug}",
            decision_date=dt.date(year + 1, 2, 1),
            issuing_authority=f"UBND tỉnh {slug}",
        )
        for ward in councils[1 : 1 + (year % 3) + 1]:
            Award.objects.create(decision=decision, recipient_council=ward)
        body = Body.objects.create(council=province, kind="committee", name=f"Ban {year}")
        Award.objects.create(decision=decision, recipient_body=body)
    return province
