"""The base of every record model: constraint violations reported beside their field."""

from typing import ClassVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models, router
from django.db.models import UniqueConstraint
from simple_history.models import HistoricalRecords

from ..text import validate_printable


class _RecordHistory(HistoricalRecords):
    """Simple-history's records, excluding only the excluded fields a model has.

    Inherited by every record model, the one list would otherwise make a history
    without a search_text look for one when it rebuilds an old version (revert).
    """

    def create_history_model(self, model, inherited):
        history_model = super().create_history_model(model, inherited)
        names = {field.name for field in model._meta.fields}
        history_model._history_excluded_fields = [n for n in self.excluded_fields if n in names]
        return history_model


class RecordModel(models.Model):
    """A record of the council: audited, and validated by its constraints field by field.

    Django reports a check constraint, or a unique constraint over several fields,
    as an error of the whole form. ``constraint_fields`` names the field each such
    constraint's message belongs beside, so the secretariat sees it where the
    wrong value is. ``derived_fields`` are fields that ``clean()`` fills in itself
    (e.g. a resolution's council, taken from its session): forms do not show them,
    yet the constraints over them must still be checked before saving.
    """

    constraint_fields: ClassVar[dict[str, str]] = {}
    derived_fields: ClassVar[tuple[str, ...]] = ()

    # Every record keeps its audit history: who changed what, when, through the admin
    # or the pages (the request's user is recorded by HistoryRequestMiddleware).
    # A model's search_text (councilwork.search.search_document) is its own fields
    # folded by the database: nothing the history needs to repeat.
    history = _RecordHistory(inherit=True, excluded_fields=["search_text"])

    class Meta:
        abstract = True

    def related(self, field_name: str):
        """The object a foreign key points to, or None when it is not set yet.

        Unlike ``<field>_id`` this sees an unsaved parent that an admin inline has
        attached, so rules are checked for children added with a new parent too.
        """
        try:
            return getattr(self, field_name)
        except ObjectDoesNotExist:
            return None

    def clean_fields(self, exclude=None):
        # Derived fields are empty until clean() fills them in; constraints check them.
        exclude = set(exclude or ()) | set(self.derived_fields)
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # PostgreSQL cannot store a NUL character in text (it raises, a 500); forms refuse
        # it, and so does every other way in (imports, services), beside the field. The
        # other control characters break the .xlsx and .docx files the text goes into.
        for field in self._meta.concrete_fields:
            if field.generated:  # computed by the database, never typed
                continue
            value = getattr(self, field.attname)
            if field.name in exclude or field.name in errors or not isinstance(value, str):
                continue
            try:
                ProhibitNullCharactersValidator()(value)
                validate_printable(value)
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None, *, check=None):
        """Django's, with each constraint's error beside the field the model names for it
        (``_field_for``). ``check(constraint, model, record, exclude=, using=)`` validates
        one constraint (default: its own validate(); the import evaluates the checks in
        Python: exchange.constraints)."""
        if exclude is not None:
            exclude = set(exclude) - set(self.derived_fields)
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    if check is None:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                    else:
                        check(constraint, model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self._field_for(constraint, error)
                    if field and (exclude is None or field not in exclude):
                        errors.setdefault(field, []).extend(error.error_list)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _field_for(self, constraint, error) -> str | None:
        if constraint.name in self.constraint_fields:
            return self.constraint_fields[constraint.name]
        if isinstance(constraint, UniqueConstraint) and len(constraint.fields) == 1:
            return constraint.fields[0]
        return None
