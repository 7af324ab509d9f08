"""The admin's delete action, for a selection of every match ("Select all N") too.

Django's confirmation of a deletion posts back the id of every row selected: past
DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) the confirmation was refused as a bad request, so
"Select all" over a list of more than a thousand matches could not delete them. Here
a selection of every match is confirmed by its number and a fingerprint of their ids
(with one match's id) instead: the deletion goes through only while the list's matches
(the admin's queryset, filtered and searched) are still those rows, in the transaction
that deletes them, else the confirmation is shown again with the new number.
"""

import hashlib

from django.contrib import admin
from django.contrib.admin import actions
from django.db import transaction

ACROSS_TEMPLATE = "admin/delete_selected_across_confirmation.html"
LISTED = 200  # matches named on the confirmation; the summary counts every one


def listed(nested: list, limit: int = LISTED) -> tuple[list, int]:
    """The first ``limit`` objects of Django's nested list of what a deletion deletes
    (each object followed by the list of its related objects), and how many there are."""
    kept, objects = [], 0
    for item in nested:
        if isinstance(item, list):
            if objects <= limit:
                kept.append(item)
            continue
        objects += 1
        if objects <= limit:
            kept.append(item)
    return kept, objects


def matches_of(queryset) -> tuple[int, str, object]:
    """The matches' number, a fingerprint of their ids, and the highest id."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    joined = ",".join(map(str, pks)).encode()
    return len(pks), hashlib.sha256(joined).hexdigest()[:24], pks[-1] if pks else None


@admin.action(permissions=["delete"], description=actions.delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    across = request.POST.get("select_across") == "1"
    if not across:
        return actions.delete_selected(modeladmin, request, queryset)
    with transaction.atomic():
        count, fingerprint, last = matches_of(queryset)
        if request.POST.get("post"):
            if request.POST.get("confirmed_matches") == fingerprint:
                # Exactly the rows confirmed: none added since (a higher id) is deleted.
                queryset = queryset.filter(pk__lte=last)
            else:  # the matches changed since the confirmation: confirm again
                data = request.POST.copy()
                del data["post"]
                request.POST = data
        response = actions.delete_selected(modeladmin, request, queryset)
    if response is not None:
        response.template_name = ACROSS_TEMPLATE
        # Naming tens of thousands of rows would make a page no one reads, slow to send.
        nested = response.context_data["deletable_objects"]
        if nested:
            kept, objects = listed(nested[0])
            response.context_data["deletable_objects"] = [kept]
            response.context_data["unlisted"] = max(objects - LISTED, 0)
        response.context_data["confirmed_count"] = count
        response.context_data["confirmed_matches"] = fingerprint
        # The changelist runs a confirmed action only with a row's box posted: one
        # match's id, which select_across makes stand for them all.
        response.context_data["one_match"] = queryset.order_by("pk").values_list("pk").first()
    return response


admin.site.add_action(delete_selected)
