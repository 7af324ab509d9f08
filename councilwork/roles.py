"""The three roles of the app, each a Django group with its permissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The records the secretariat keeps and leaders read are the registered record models
# (councilwork.registry). Logins are not among them: they are managed with the adduser
# command, not by the secretariat in the admin, since whoever can change a user can
# make anyone a superuser.


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Council secretariat")
    WARD = "ward", _("Ward staff")
    LEADER = "leader", _("Leader")


# Group names are stable identifiers; the UI shows Role labels.
GROUP_NAMES = {
    Role.SECRETARIAT: "secretariat",
    Role.WARD: "ward_staff",
    Role.LEADER: "leader",
}
