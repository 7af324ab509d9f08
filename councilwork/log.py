"""Logging helpers: one line per refused request, each line printed once."""

import logging


class OneLineClientErrors(logging.Filter):
    """Drop the traceback from a request refused with a 4xx status.

    Django logs a PermissionDenied or a SuspiciousOperation with the exception attached,
    so an ordinary 403 (a ward clerk following an old link) fills the log with a
    traceback of code that worked as intended. The status, the path and the message
    say all there is to say; 5xx keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
