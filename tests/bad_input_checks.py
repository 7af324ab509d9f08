"""What the database holds and what a response shows, for the bad-input modules."""

import traceback

import pytest
from django import forms
from django.apps import apps
from django.contrib.admin.helpers import AdminForm, InlineAdminFormSet
from django.db import connection
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.test.utils import ContextList
from django.utils import translation
from django.utils.html import escape
from hypothesis import currently_in_test_context, event

from tests.bad_input_support import RECORD_APPS, VIETNAMESE_LETTERS


def record_models():
    return [m for app in RECORD_APPS for m in apps.get_app_config(app).get_models()]


def counts() -> dict[str, int]:
    """Rows of every record model, history tables included (one query)."""
    models = record_models()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*) FROM {quote(model._meta.db_table)}"
        for index, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = dict(cursor.fetchall())
    return {model._meta.label: rows[index] for index, model in enumerate(models)}


def changed(before: dict, after: dict) -> dict[str, int]:
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


def fail_on_500(response) -> None:
    if currently_in_test_context():
        event(f"status {response.status_code}")  # see --hypothesis-show-statistics
    if response.status_code >= 500:
        info = getattr(response, "exc_info", None)
        detail = "".join(traceback.format_exception(*info)) if info else response.content[:2000]
        pytest.fail(f"{response.status_code} for {response.request.get('PATH_INFO')}:\n{detail}")


def _contexts(response):
    if response.context is None:
        return []
    return response.context if isinstance(response.context, ContextList) else [response.context]


def bound_forms(response) -> list[forms.BaseForm]:
    """Every bound form (inline forms included) the response's templates were given."""
    found = {}

    def add(value):
        if isinstance(value, AdminForm):
            add(value.form)
        elif isinstance(value, InlineAdminFormSet):
            add(value.formset)
        elif isinstance(value, BaseFormSet) and value.is_bound:
            found[id(value)] = value
            for form in value.forms:
                add(form)
        elif isinstance(value, forms.BaseForm) and value.is_bound:
            found[id(value)] = value
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, AdminForm | InlineAdminFormSet | forms.BaseForm):
                    add(item)

    for context in _contexts(response):
        for layer in context.dicts:
            for value in layer.values():
                add(value)
    return list(found.values())


def error_messages(response) -> list[str]:
    messages = []
    with translation.override("vi"):
        for form in bound_forms(response):
            if isinstance(form, BaseFormSet):
                messages.extend(str(m) for m in form.non_form_errors())
            else:
                for errors in form.errors.values():
                    messages.extend(str(m) for m in errors)
    return messages


def is_vietnamese(message: str) -> bool:
    return bool(VIETNAMESE_LETTERS & set(message.lower()))


def assert_refused(response, before: dict, note="") -> None:
    """A re-rendered form: its errors are shown, in Vietnamese, and nothing was saved."""
    assert response.status_code == 200, note
    messages = error_messages(response)
    assert messages, f"the form came back without an error: {note}"
    page = response.content.decode()
    assert 'class="errorlist' in page or 'class="errornote' in page, note
    for message in messages:
        assert escape(message) in page, f"error not shown on the page: {message!r} ({note})"
        assert is_vietnamese(message), f"error not in Vietnamese: {message!r} ({note})"
    assert changed(before, counts()) == {}, f"a refused form saved rows: {note}"


def only_changed(before: dict, allowed: set[str]) -> dict[str, int]:
    """The rows that an accepted post changed, which must all be of ``allowed`` models."""
    diff = changed(before, counts())
    assert set(diff) <= allowed, f"unrelated rows changed: {diff}"
    return diff


def history(*labels: str) -> set[str]:
    """Labels with their audit-history twins."""
    out = set()
    for label in labels:
        app, name = label.split(".")
        out |= {label, f"{app}.Historical{name}"}
    return out


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client
