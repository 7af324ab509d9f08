"""Who may see a citizen's personal data: the secretariat and the council concerned.

Leaders read every record but never a citizen's name, address or contact; ward staff
see them only for their own council's cases. One rule, read by the admin and by any
page or export that shows a case.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_role


def sees_personal_data(user, council_id: int | None = None) -> bool:
    """Whether ``user`` may see the citizens' personal data of ``council_id``'s cases.

    Without a council: whether they may see it for every council (the secretariat).
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    role = user_role(user)
    if role == Role.SECRETARIAT:
        return True
    return (
        role == Role.WARD
        and council_id is not None
        and user.council_id is not None
        and user.council_id == council_id
    )


def recordable_councils(user):
    """The councils whose reception days and meetings with voters ``user`` may record.

    The secretariat every council; ward staff their own (a ward login bound to no
    council: 404, nothing is theirs); leaders read, they do not record (403).
    """
    role = user_role(user)
    if user.is_superuser or role == Role.SECRETARIAT:
        return Council.objects.all()
    if role == Role.WARD:
        if user.council_id is None:
            raise Http404
        return Council.objects.filter(pk=user.council_id)
    raise PermissionDenied
