"""The secretariat's admin for campaigns, scorecards and pledges, one module per aggregate."""

from . import campaign, pledges, scoring

__all__ = ["campaign", "pledges", "scoring"]
