"""Signals other domains listen to (the danger assessment schedules a re-assessment on them).

Each is sent after the transaction that recorded the fact has committed. Domains that record such
a fact outside the case file (the monitoring pipeline for a device alert) send them too.
"""

from django.dispatch import Signal

# kwargs: case, incident
incident_recorded = Signal()
# kwargs: case
separation_recorded = Signal()
# kwargs: case, released_on
release_recorded = Signal()
# kwargs: case, kind (the monitoring incident kind: sos, alert, tamper)
device_alert_raised = Signal()
