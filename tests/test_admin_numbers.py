"""Decimals in the admin read and take a comma (92,5), in every form and inline."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from campaigns.models import Campaign, Criterion

from .admin_post import change_form_data


def _decimal_fields(form_class):
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DecimalField | forms.FloatField)
    ]


@pytest.mark.django_db
def test_every_admin_form_and_inline_localizes_its_decimals(superuser_client):
    request = RequestFactory().get("/admin/")
    from councilwork.models import User

    request.user = User.objects.filter(is_superuser=True).first()
    checked = []
    for model, model_admin in admin.site._registry.items():
        form_class = model_admin.get_form(request, None)
        for name in _decimal_fields(form_class):
            assert form_class.base_fields[name].localize, f"{model.__name__}.{name}"
            checked.append(f"{model.__name__}.{name}")
        for inline in model_admin.get_inline_instances(request, None):
            inline_form = inline.get_formset(request, None).form
            for name in _decimal_fields(inline_form):
                assert inline_form.base_fields[name].localize, f"{inline.model.__name__}.{name}"
                checked.append(f"{inline.model.__name__}.{name}")
    # The walk reached the project's decimal fields (it cannot pass by finding none).
    assert {"Criterion.max_points", "ClassificationThreshold.min_points"} <= set(checked)


@pytest.mark.django_db
def test_campaign_form_shows_and_takes_comma_decimals(secretariat_client):
    criterion = Criterion.objects.filter(max_points__gt=0).select_related("campaign").first()
    campaign = criterion.campaign
    page = secretariat_client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/")
    text = page.content.decode()
    shown = f"{criterion.max_points:.2f}".replace(".", ",")
    assert f'value="{shown}"' in text
    assert f'value="{criterion.max_points:.2f}"' not in text


@pytest.mark.django_db
def test_a_comma_decimal_posted_in_the_admin_is_saved_as_the_number(secretariat_client):
    campaign = Campaign.objects.filter(criteria__isnull=False).order_by("-year").first()
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    page = secretariat_client.get(url)
    data = change_form_data(page)
    criterion = campaign.criteria.order_by("pk").first()
    key = next(k for k, v in data.items() if k.endswith("-id") and v == str(criterion.pk))
    data[key.replace("-id", "-max_points")] = "12,5"
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    criterion.refresh_from_db()
    assert criterion.max_points == Decimal("12.5")


@pytest.mark.django_db
def test_changelist_totals_show_a_decimal_comma(secretariat_client):
    from campaigns.models import Scorecard

    totals = [
        card.points_total
        for card in Scorecard.objects.with_totals("points_total")
        if card.points_total and card.points_total != int(card.points_total)
    ]
    assert totals, "the demo has a scorecard with a fractional total"
    text = secretariat_client.get("/admin/campaigns/scorecard/").content.decode()
    shown = [f"{total:f}".rstrip("0").replace(".", ",") for total in totals]
    assert any(s in text for s in shown)
    assert not any(f">{total:f}<" in text for total in totals)


@pytest.mark.django_db
def test_the_scorecard_version_is_never_shown(secretariat_client):
    """The optimistic-lock counter is machinery: not on the change page, not in history."""
    from campaigns.models import Scorecard

    card = Scorecard.objects.filter(version__gt=1).first()
    assert card is not None and card.history.count() > 1
    for url in (
        f"/admin/campaigns/scorecard/{card.pk}/change/",
        f"/admin/campaigns/scorecard/{card.pk}/history/",
    ):
        text = secretariat_client.get(url).content.decode()
        assert "Phiên bản" not in text and "phiên bản" not in text, url
    history = secretariat_client.get(f"/admin/campaigns/scorecard/{card.pk}/history/")
    assert "Trạng thái" in history.content.decode()  # the real changes are still listed
