"""What a field installer types (or scans) into each client so that a device reports to Égide.

`client_settings` gives, per client, the exact settings for one device and its secret: the URL
(with the secret in it where the client cannot send a header), the header form where it can,
a QR code where the client reads one, and a warning where the client would drop the query
string. A secret in a URL ends up in proxy logs that record query strings: docs say so, and the
header form is offered wherever the client has one. Égide's own access log never records a
query string.
"""

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.utils.translation import gettext_lazy as _

from .models import Device

# Traccar Client 9/10 applies a scanned link: with an http(s) link it keeps only origin and path
# (the query string, hence a URL secret, is dropped); with its own scheme it takes `url` whole.
TRACCAR_CLIENT_SCHEME = "org.traccar.client://setup"
# OsmAnd's online tracking template: {0} lat, {1} lon, {2} time (ms), {3} hdop, {4} altitude,
# {5} speed, {6} bearing.
OSMAND_TEMPLATE = "lat={0}&lon={1}&timestamp={2}&hdop={3}&altitude={4}&speed={5}&bearing={6}"
INTERVAL_S = 60  # docs/monitoring.md: one fix a minute normally


@dataclass
class ClientSettings:
    key: str
    client: str
    versions: str
    fields: list[tuple[str, str]]
    header: str = ""
    qr_payload: str = ""
    warnings: list[str] = field(default_factory=list)

    def qr_svg(self) -> str:
        """The QR code of `qr_payload` as inline SVG (generated here: no outside service)."""
        if not self.qr_payload:
            return ""
        image = qrcode.make(self.qr_payload, image_factory=qrcode.image.svg.SvgPathImage)
        return image.to_string(encoding="unicode")

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "client": str(self.client),
            "versions": self.versions,
            "fields": [{"label": str(label), "value": str(value)} for label, value in self.fields],
            "header": self.header,
            "qr_payload": self.qr_payload,
            "warnings": [str(w) for w in self.warnings],
        }


def with_secret(url: str, secret: str) -> str:
    return f"{url}?{urlencode({'secret': secret})}"


def client_settings(device: Device, secret: str, osmand_url: str, traccar_url: str):
    """Per client, the settings of `device` with `secret` (the intake URLs are absolute)."""
    osmand_with_secret = with_secret(osmand_url, secret)
    setup = urlencode(
        {
            "url": osmand_with_secret,
            "id": device.device_id,
            "interval": INTERVAL_S,
            "accuracy": "highest",
            "buffer": "true",
        },
        quote_via=quote,
    )
    query_warning = _(
        "Le secret est dans l'adresse : un proxy qui journalise les adresses complètes le "
        "conserve. Préférez l'en-tête quand le client le permet."
    )
    return [
        ClientSettings(
            "traccar_client",
            _("Traccar Client"),
            "9.x, 10.x (Android, iOS)",
            [
                (_("Identifiant de l'appareil"), device.device_id),
                (_("Adresse du serveur"), osmand_with_secret),
                (_("Fréquence (secondes)"), str(INTERVAL_S)),
                (_("Précision"), _("la plus haute")),
            ],
            qr_payload=f"{TRACCAR_CLIENT_SCHEME}?{setup}",
            warnings=[
                _(
                    "Scannez ce code avec Traccar Client (Paramètres, QR code). Un lien "
                    "https:// scanné perd sa partie après « ? », donc le secret : n'utilisez "
                    "que ce code ou saisissez l'adresse complète à la main."
                ),
                query_warning,
            ],
        ),
        ClientSettings(
            "traccar_client_legacy",
            _("Traccar Client (ancienne version Android)"),
            "≤ 8.x",
            [
                (_("Identifiant de l'appareil"), device.device_id),
                (_("Adresse du serveur"), osmand_with_secret),
                (_("Fréquence (secondes)"), str(INTERVAL_S)),
            ],
            warnings=[query_warning],
        ),
        ClientSettings(
            "osmand",
            _("OsmAnd (suivi en ligne)"),
            "4.x",
            [
                (
                    _("Adresse web du suivi en ligne"),
                    f"{osmand_url}?id={quote(device.device_id)}&{OSMAND_TEMPLATE}"
                    f"&{urlencode({'secret': secret})}",
                ),
                (_("Intervalle de suivi (secondes)"), str(INTERVAL_S)),
            ],
            warnings=[query_warning],
        ),
        ClientSettings(
            "traccar_server",
            _("Serveur Traccar (transfert)"),
            "5.x, 6.x",
            [
                (_("Attribut forward.url de l'appareil"), with_secret(traccar_url, secret)),
                (_("Identifiant unique (uniqueId) dans Traccar"), device.device_id),
                (_("traccar.xml"), "forward.enable=true, forward.type=json"),
            ],
            header=f"Authorization: Bearer {secret}",
            warnings=[
                _(
                    "forward.header vaut pour tout le serveur : avec plusieurs dispositifs, "
                    "mettez le secret de chacun dans son attribut forward.url. Les alarmes "
                    "arrivent avec les positions ; le transfert des événements (event.forward) "
                    "n'a qu'une adresse par serveur."
                ),
                query_warning,
            ],
        ),
    ]
