"""Who may see a citizen's personal data: the secretariat and the council concerned.

Leaders read every record but never a citizen's name, address or contact; ward staff
see them only for their own council's cases. One rule, read by the admin and by any
page or export that shows a case.
"""

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
