"""The demo's one way to write a row: found by its natural key, validated, saved."""


def upsert(model, lookup: dict, **values):
    """Find ``model`` by ``lookup`` (or start one), set ``values``, validate and save.

    An existing row whose values already match is left alone, so a second run writes
    nothing, not even an empty audit-history entry.
    """
    obj = model.objects.filter(**lookup).first()
    changed = obj is None
    if obj is None:
        obj = model(**lookup)
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.many_to_one:
            current, wanted = getattr(obj, field.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(obj, name), value
        changed = changed or current != wanted
        setattr(obj, name, value)
    if changed:
        obj.full_clean()
        obj.save()
    return obj
