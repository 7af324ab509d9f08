"""A session's documents, read-only, and their downloads."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from .access import document_for, session_for, visible_documents
from .selectors import paperless_status


@login_required
def session_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents of a session that the user may read, with their signature verdicts."""
    session = session_for(request.user, pk)
    documents = visible_documents(request.user).filter(session=session).select_related("resolution")
    context = {
        "session": session,
        "documents": documents,
        "paperless": paperless_status(session),
    }
    return render(request, "sessions/documents.html", context)


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a document only to those who may read it; always as a download."""
    document = document_for(request.user, pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
