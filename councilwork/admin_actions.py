"""The admin's delete action, for a selection of every match ("Select all N") too.

Django's confirmation of a deletion posts back the id of every row selected: past
DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) the confirmation was refused as a bad request, so
"Select all" over a list of more than a thousand matches could not delete them. Here
a selection of every match is confirmed by its number (and one match's id) instead:
the deletion goes through only while the list's matches (the admin's queryset,
filtered and searched) are still that number, else the confirmation is shown again
with the new one.
"""

from django.contrib import admin
from django.contrib.admin import actions

ACROSS_TEMPLATE = "admin/delete_selected_across_confirmation.html"


@admin.action(permissions=["delete"], description=actions.delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    across = request.POST.get("select_across") == "1"
    if across:
        count = queryset.count()
        if request.POST.get("post") and request.POST.get("confirmed_count") != str(count):
            data = request.POST.copy()
            del data["post"]  # the matches changed since the confirmation: confirm again
            request.POST = data
    response = actions.delete_selected(modeladmin, request, queryset)
    if across and response is not None:
        response.template_name = ACROSS_TEMPLATE
        response.context_data["confirmed_count"] = count
        # The changelist runs a confirmed action only with a row's box posted: one
        # match's id, which select_across makes stand for them all.
        response.context_data["one_match"] = queryset.order_by("pk").values_list("pk").first()
    return response


admin.site.add_action(delete_selected)
