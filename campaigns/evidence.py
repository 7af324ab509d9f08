"""Rules for evidence files: every kind the shared upload checks know (councilwork.files).

Files are always served back as downloads with a fixed content type, never rendered
inline.
"""

from councilwork.files import KINDS, check_upload, max_bytes, max_unpacked_bytes

__all__ = ["KINDS", "check_upload", "max_bytes", "max_unpacked_bytes"]
