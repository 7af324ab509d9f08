"""The register of legal documents that award decisions cite, as of 2026.

Luật Tổ chức chính quyền địa phương 72/2025/QH15 replaced 77/2015/QH13 from 16/6/2025;
Nghị định 152/2025/NĐ-CP replaced 98/2023/NĐ-CP from 1/7/2025. Later changes are made
in the admin (legal documents).
"""

import datetime as dt

from django.db import migrations

REGISTER = [
    # number, citation, in force from, until, order
    (
        "77/2015/QH13",
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13",
        dt.date(2016, 1, 1),
        dt.date(2025, 6, 15),
        1,
    ),
    (
        "72/2025/QH15",
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        dt.date(2025, 6, 16),
        None,
        1,
    ),
    (
        "06/2022/QH15",
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        dt.date(2024, 1, 1),
        None,
        2,
    ),
    (
        "98/2023/NĐ-CP",
        "Nghị định số 98/2023/NĐ-CP của Chính phủ quy định chi tiết thi hành "
        "Luật Thi đua, khen thưởng",
        dt.date(2024, 1, 1),
        dt.date(2025, 6, 30),
        3,
    ),
    (
        "152/2025/NĐ-CP",
        "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành "
        "Luật Thi đua, khen thưởng",
        dt.date(2025, 7, 1),
        None,
        3,
    ),
]


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("awards", "LegalDocument")
    for number, citation, start, until, order in REGISTER:
        LegalDocument.objects.update_or_create(
            number=number,
            defaults={
                "citation": citation,
                "in_force_from": start,
                "in_force_until": until,
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    LegalDocument = apps.get_model("awards", "LegalDocument")
    LegalDocument.objects.filter(number__in=[row[0] for row in REGISTER]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_decisions_issued")]

    operations = [migrations.RunPython(seed, unseed)]
