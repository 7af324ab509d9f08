"""Who may see a session's documents: one helper, used by the list and the download."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from councilwork.roles import Role
from councilwork.services import user_role

from .models import Session, SessionDocument


def visible_documents(user):
    """The documents ``user`` may read, or 404.

    The secretariat and leaders read every document, sent or not; ward staff read the
    documents of their own council's sessions once they are sent. Anyone else (and a
    ward login bound to no council) sees nothing: a 404, so nobody learns what exists.
    """
    role = user_role(user)
    documents = SessionDocument.objects.all()
    if user.is_superuser or role in (Role.SECRETARIAT, Role.LEADER):
        return documents
    if role == Role.WARD and user.council_id is not None:
        return documents.sent().filter(session__council_id=user.council_id)
    raise Http404


def session_for(user, pk: int) -> Session:
    """The session whose documents ``user`` may read (a ward sees its own council's)."""
    role = user_role(user)
    sessions = Session.objects.select_related("council", "term")
    if not (user.is_superuser or role in (Role.SECRETARIAT, Role.LEADER)):
        if role != Role.WARD or user.council_id is None:
            raise Http404
        sessions = sessions.filter(council_id=user.council_id)
    return get_object_or_404(sessions, pk=pk)


def document_for(user, pk: int) -> SessionDocument:
    return get_object_or_404(visible_documents(user).select_related("session"), pk=pk)
