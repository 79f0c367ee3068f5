"""Signals other domains listen to (the danger assessment schedules a re-assessment on them).

Both are sent after the transaction that recorded the fact has committed.
"""

from django.dispatch import Signal

# kwargs: case, incident
incident_recorded = Signal()
# kwargs: case
separation_recorded = Signal()
