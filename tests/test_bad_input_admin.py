"""Generated bad input against the admin's add form of every record model, inline rows
included."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from devdata.demo.data import EVIDENCE_PDF
from sessions.models import Session
from tests.bad_input_checks import (
    assert_refused,
    client_for,
    counts,
    fail_on_500,
    history,
    only_changed,
)
from tests.bad_input_support import (
    ADMIN_BOUNDED,
    RECORD_APPS,
    Picker,
    day_text,
    file_contents,
    file_names,
    nasty_values,
    text_for,
    upload,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def admin_models():
    return sorted(
        (m for m in admin.site._registry if m._meta.app_label in RECORD_APPS),
        key=lambda m: m._meta.label,
    )


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def inlines(model_admin, request) -> list[tuple[str, type, bool]]:
    """(prefix, formset class, rows may be added) of every inline, as ModelAdmin names them."""
    found, prefixes = [], {}
    for formset, inline in model_admin.get_formsets_with_inlines(request):
        prefix = formset.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        found.append((prefix, formset, inline.has_add_permission(request, None)))
    return found


def inline_management(model_admin, request, rows: dict | None = None) -> dict[str, str]:
    """The management form of every inline: no rows unless ``rows`` says how many."""
    data = {}
    for prefix, _formset, _addable in inlines(model_admin, request):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str((rows or {}).get(prefix, 0)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


STRONG_PASSWORD = "Kh0ng-the-doan-duoc-2024!"


def valid_strategy(name: str, field: forms.Field) -> st.SearchStrategy:
    """Values the field itself accepts (the model's rules may still refuse them)."""
    if name in ("password1", "password2"):
        return st.just(STRONG_PASSWORD)
    if isinstance(field, forms.ModelChoiceField):
        pks = list(field.queryset.order_by("pk").values_list("pk", flat=True)[:40])
        return st.sampled_from([str(pk) for pk in pks]) if pks else st.just("")
    if isinstance(field, forms.SplitDateTimeField):
        clock = st.times().map(lambda t: t.strftime("%H:%M:%S"))
        return st.tuples(day_text(), clock).map(list)
    if isinstance(field, forms.DateTimeField):
        return day_text().map(lambda d: f"{d} 08:30")
    if isinstance(field, forms.DateField):
        return day_text()
    if isinstance(field, forms.DecimalField):
        return st.integers(0, 100).map(lambda k: str(Decimal(k) / 2))
    if isinstance(field, forms.IntegerField):
        low = field.min_value if field.min_value is not None else -10
        high = min(field.max_value if field.max_value is not None else 3000, 3000)
        return st.one_of(st.integers(max(low, 2015), min(high, 2030)), st.integers(low, high)).map(
            str
        )
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.FileField):
        return st.just("<file>")
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _label in field.choices if v not in ("", None)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.SlugField):
        return st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True)
    if isinstance(field, forms.CharField):
        return text_for(field.max_length)
    return st.just("")


def draw_fields(data, pick: Picker, fields: dict, prefix: str = "") -> dict:
    """Posted values for ``fields``: each valid or nasty, files as uploads."""
    post = {}
    for name, field in fields.items():
        key = prefix + name
        value, ok = pick(valid_strategy(name, field), key)
        if isinstance(field, forms.MultiValueField):
            parts = value if ok else [value, data.draw(nasty_values(), f"{key}_1")]
            for index, part in enumerate(parts):
                post[f"{key}_{index}"] = part
        elif isinstance(field, forms.FileField):
            if ok:
                post[key] = SimpleUploadedFile("bien-ban.pdf", EVIDENCE_PDF)
            elif data.draw(st.booleans(), f"{key} as a file"):
                post[key] = upload(
                    data.draw(file_names(), f"{key} name"),
                    data.draw(file_contents(), f"{key} content"),
                )
            else:
                post[key] = value
        elif value != "" or not isinstance(field, forms.BooleanField):
            post[key] = value
    return post


def draw_admin_post(data, model_admin, request, form_class) -> tuple[dict, dict]:
    """A post for the add form and, now and then, one row in an inline; and the rows."""
    pick = Picker(data)
    post = draw_fields(data, pick, form_class.base_fields)
    rows = {}
    for prefix, formset, addable in inlines(model_admin, request):
        if addable and data.draw(st.integers(0, 3), f"{prefix}: a row") == 0:
            rows[prefix] = 1
            # Not the key to the new record itself: the admin fills that hidden field in.
            fields = {k: v for k, v in formset.form.base_fields.items() if k != formset.fk.name}
            post.update(draw_fields(data, pick, fields, f"{prefix}-0-"))
    post.update(inline_management(model_admin, request, rows))
    return post, rows


def field_values(form_class, post: dict) -> tuple[dict, bool]:
    """Each field's cleaned value, and whether every field accepts its value on its own."""
    # As the request's data: a many-to-many field reads its values as a list.
    values = QueryDict(mutable=True)
    for key, value in post.items():
        if isinstance(value, list):
            values.setlist(key, value)
        elif isinstance(value, str):
            values[key] = value
    form = form_class(data=values, files={})
    cleaned, all_valid = {}, True
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        raw = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        try:
            cleaned[name] = field.clean(raw)
        except ValidationError:
            all_valid = False
    return cleaned, all_valid


def _read_only(model) -> bool:
    """Whether even a superuser may not add the model by hand (the workflow's history)."""
    anyone = SimpleNamespace(is_active=True, is_staff=True, is_superuser=True)
    anyone.has_perm = lambda *args, **kwargs: True
    return not admin.site._registry[model].has_add_permission(admin_request(anyone))


ADMIN_MODELS = [
    pytest.param(
        model,
        id=model._meta.label,
        marks=[pytest.mark.skip(reason="read-only: nobody adds it by hand")]
        if _read_only(model)
        else [],
    )
    for model in admin_models()
]


@pytest.fixture
def superuser(db):
    from councilwork.models import User

    return User.objects.create_superuser("p-superuser", password=PASSWORD)


@pytest.mark.parametrize("model", ADMIN_MODELS)
@ADMIN_BOUNDED
@given(data=st.data())
def test_admin_add_form(model, secretariat, superuser, data):
    model_admin = admin.site._registry[model]
    # The secretariat adds every record; logins are added by superusers only.
    user = secretariat if model_admin.has_add_permission(admin_request(secretariat)) else superuser
    client = client_for(user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    label = model._meta.label
    with transaction.atomic():
        request = admin_request(user)
        form_class = model_admin.get_form(request, None, change=False)
        post, rows = draw_admin_post(data, model_admin, request, form_class)
        with translation.override("vi"):
            cleaned, fields_valid = field_values(form_class, post)
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        note = f"{label} {post!r:.400}"
        if response.status_code == 200:
            assert_refused(response, before, note)
        else:
            assert response.status_code == 302, note
            assert fields_valid, f"a value the field refuses was accepted: {note}"
            added = {label: 1}  # the record, and a row of each inline that was given one
            for prefix, formset, _addable in inlines(model_admin, request):
                row_label = formset.model._meta.label
                added[row_label] = added.get(row_label, 0) + rows.get(prefix, 0)
            diff = only_changed(before, set().union(*(history(name) for name in added)))
            for name, count in added.items():
                twin = history(name) - {name}
                assert diff.get(name, 0) == count, note
                assert diff.get(twin.pop(), count) == count, note  # history, if it keeps one
            obj = model._base_manager.order_by("-pk").first()
            for name, value in cleaned.items():
                try:
                    model_field = model._meta.get_field(name)
                except FieldDoesNotExist:  # a form-only field, e.g. a password confirmation
                    continue
                if model_field.many_to_many:  # the chosen rows, compared by their keys
                    saved = set(getattr(obj, name).values_list("pk", flat=True))
                    assert saved == {row.pk for row in value}, (name, saved, value, note)
                    continue
                saved = getattr(obj, model_field.attname)
                expected = value.pk if isinstance(value, Model) else value
                assert saved == expected, (name, saved, expected, note)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("model", "row"),
    [
        ("councilwork.Body", {"deputy": "abc", "role": "member", "start_date": "01/07/2021"}),
        ("awards.AwardDecision", {"recipient_person": "99999999999999999999"}),
    ],
)
def test_an_inline_row_naming_no_record_is_refused(secretariat, model, row):
    """An inline row's autocomplete field holding text or a huge number, not an id."""
    model = apps.get_model(model)
    model_admin = admin.site._registry[model]
    request = admin_request(secretariat)
    post = inline_management(model_admin, request)
    prefix = next(key for key in post if key.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    post[f"{prefix}-TOTAL_FORMS"] = "1"
    post.update({f"{prefix}-0-{name}": value for name, value in row.items()})
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    before = counts()
    response = client_for(secretariat).post(url, post)
    fail_on_500(response)
    assert_refused(response, before, model._meta.label)


@pytest.mark.parametrize("case", ["session", "body", "deputy"])
def test_an_inline_row_under_a_record_with_errors_is_refused(secretariat, district, case):
    """The row's rules read the new record, whose own wrong fields are still unset."""
    from councilwork.models import Body, Deputy, Person

    deputy = Deputy.objects.filter(term__council=district).first()
    body = Body.objects.filter(council=district, kind="committee").first()
    membership = {"role": "member", "start_date": "01/07/2021"}
    model, parent, prefix, row = {
        "session": (
            Session,
            {"council": district.pk, "term": deputy.term_id, "number": "80", "kind": "regular"}
            | {"start_date": "31/02/2023", "end_date": "10/05/2023"},
            "resolutions",
            {"number": "5", "symbol": "NQ-HĐND", "adopted_on": "10/05/2023", "title": "Về"},
        ),
        "body": (
            Body,
            {"council": district.pk, "kind": "no-such-kind", "name": "Ban mới"},
            "memberships",
            {"deputy": deputy.pk, **membership},
        ),
        "deputy": (
            Deputy,
            {"person": Person.objects.first().pk, "term": "no-such-term"},
            "memberships",
            {"body": body.pk, **membership},
        ),
    }[case]
    model_admin = admin.site._registry[model]
    post = inline_management(model_admin, admin_request(secretariat), {prefix: 1})
    post.update(parent | {f"{prefix}-0-{name}": value for name, value in row.items()})
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    before = counts()
    response = client_for(secretariat).post(url, post)
    fail_on_500(response)
    assert_refused(response, before, case)
