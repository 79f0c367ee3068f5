"""What an engine event means, in the operator's words (the incident page lists events so).

A fixed zone is named only when the map shows it to this reader: the victim's home zone stays
unnamed where her position is not shown.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.engine import MOVING_ZONE_ID

from .map import PairingMap

LEVELS = {
    "clear": gettext_lazy("hors zone"),
    "prealert": gettext_lazy("pré-alerte"),
    "alert": gettext_lazy("alerte"),
}
DEVICE_EVENTS = {
    "sos": gettext_lazy("Appel SOS de la victime"),
    "device.tamper": gettext_lazy("Dispositif ouvert ou arraché"),
    "device.battery_low": gettext_lazy("Batterie faible (moins de 20 %)"),
    "device.battery_critical": gettext_lazy("Batterie critique (moins de 10 %)"),
    "device.offline": gettext_lazy("Dispositif hors ligne"),
    "device.online": gettext_lazy("Dispositif de nouveau en ligne"),
}


def zone_name(zone_id: str, pairing_map: PairingMap | None) -> str:
    if zone_id == MOVING_ZONE_ID:
        return _("zone mobile autour de la victime")
    shown = {zone.id: zone.label for zone in pairing_map.zones} if pairing_map else {}
    return shown.get(zone_id) or _("zone fixe non affichée")


def describe(event, pairing_map: PairingMap | None) -> str:
    if event.type not in ("zone.enter", "zone.exit"):
        return str(DEVICE_EVENTS.get(event.type, event.type))
    movement = _("Rapprochement") if event.type == "zone.enter" else _("Éloignement")
    return _("%(movement)s : %(before)s → %(after)s, %(zone)s") % {
        "movement": movement,
        "before": LEVELS.get(event.level_from, event.level_from),
        "after": LEVELS.get(event.level_to, event.level_to),
        "zone": zone_name(event.zone, pairing_map),
    }
