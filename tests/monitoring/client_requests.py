"""Requests that real clients send, replayed against Égide's intake (docs/device-compatibility.md).

Each sample names where it comes from. Query strings and JSON bodies are copied from:
- traccar/traccar `src/test/java/org/traccar/protocol/OsmAndProtocolDecoderTest.java`
  (testDecodeQuery, testDecodeJson): what Traccar itself accepts from OsmAnd-protocol clients;
- traccar/traccar-client-android `ProtocolFormatter.kt` (legacy Traccar Client, 8.x and before:
  POST, parameters in the URL, empty body, `alarm=sos` on the SOS button, which reports the
  last known position) and `RequestManager.kt` (any status >= 400 means "retry the same fix");
- traccar/traccar-client `lib/preferences.dart` (Traccar Client 9/10: transistorsoft
  background-geolocation, JSON body `{"location": {...}, "device_id": ...}` built from its
  locationTemplate, a list of locations when it uploads its buffer; only a URL, no header);
- traccar/traccar `src/main/java/org/traccar/forward/PositionForwarderJson.java` and
  `EventForwarderJson.java` (Traccar Server forward.type=json: PositionData/EventData as JSON;
  `forward.url` looked up per device, `forward.header` server-wide) and
  `PositionForwarderUrl.java` (forward.type=url: a GET to a templated URL, `{batteryLevel}` is
  "null" when the tracker has none).

Device ids are the samples' own; the secret is added the way the provisioning page tells the
installer to (in the URL where the client has no header setting). `expect` is what Égide
stores: (ts as ISO UTC or "now", lat, lon, accuracy_m, battery_pct, alarm), or None when the
request stores no fix.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sample:
    name: str
    client: str
    source: str
    device_id: str
    method: str
    query: str = ""
    content_type: str = ""
    body: str = ""
    endpoint: str = "monitoring:intake_osmand"
    expect: tuple | None = None
    answer: dict = field(default_factory=lambda: {"stored": 1})


DECODER_TEST = "traccar/traccar OsmAndProtocolDecoderTest.java"
LEGACY = "traccar/traccar-client-android ProtocolFormatter.kt"
CLIENT_9 = "traccar/traccar-client lib/preferences.dart (locationTemplate)"
FORWARD_JSON = "traccar/traccar forward/PositionForwarderJson.java, EventForwarderJson.java"
FORWARD_URL = "traccar/traccar forward/PositionForwarderUrl.java"

TRACCAR_CLIENT_LOCATION = (
    '{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,'
    '"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},'
    '"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,'
    '"is_charging":false},"activity":{"type":"still"},"extras":{},'
    '"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"}'
)
TRACCAR_CLIENT_NEXT = TRACCAR_CLIENT_LOCATION.replace("13:45:12.862Z", "13:46:12.862Z").replace(
    "37.4219983", "37.4229983"
)

POSITION = (
    '{"id":0,"attributes":{"batteryLevel":64.0,"alarm":"sos","motion":false},"deviceId":12,'
    '"protocol":"h02","serverTime":"2026-03-02T06:00:01.000+00:00",'
    '"deviceTime":"2026-03-02T06:00:00.000+00:00","fixTime":"2026-03-02T06:00:00.000+00:00",'
    '"outdated":false,"valid":true,"latitude":49.4431,"longitude":1.0993,"altitude":0.0,'
    '"speed":0.0,"course":0.0,"address":null,"accuracy":0.0,"network":null}'
)
DEVICE = (
    '{"id":12,"attributes":{},"groupId":0,"name":"TGD 0042","uniqueId":"TGD-0042",'
    '"status":"online","lastUpdate":"2026-03-02T06:00:01.000+00:00","positionId":0,'
    '"phone":null,"model":null,"contact":null,"category":null,"disabled":false}'
)

SAMPLES = [
    Sample(
        "osmand_iso_time_hdop",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "902064",
        "GET",
        "id=902064&lat=42.06288&lon=-88.23412&timestamp=2016-01-27T18%3A55%3A47Z"
        "&hdop=6.0&altitude=224.0&speed=0.0",
        expect=("2016-01-27T18:55:47Z", 42.06288, -88.23412, 6.0, None, ""),
    ),
    Sample(
        "osmand_milliseconds",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "902064",
        "GET",
        "id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0"
        "&altitude=224.0&speed=0.0",
        expect=("2015-09-12T14:38:06.579Z", 42.06288, -88.23412, 6.0, None, ""),
    ),
    Sample(
        "osmand_local_time",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "353861053849681",
        "GET",
        "lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0"
        "&id=353861053849681",
        # No zone: read in EGIDE_INTAKE_DEVICE_TIME_ZONE (Europe/Paris, summer time: UTC+2).
        expect=("2014-06-04T07:10:11Z", 49.60688, 6.15788, None, None, ""),
    ),
    Sample(
        "osmand_hdop_zero",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "123456",
        "GET",
        "id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0"
        "&hdop=0.0",
        expect=("2013-08-22T13:14:27Z", 60.0, 30.0, None, None, ""),
    ),
    Sample(
        "osmand_location_pair",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "123456",
        "GET",
        "id=123456&timestamp=1377177267&location=60.0,30.0",
        expect=("2013-08-22T13:14:27Z", 60.0, 30.0, None, None, ""),
    ),
    Sample(
        "osmand_deviceid_no_time",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "123456",
        "GET",
        "lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=123456",
        expect=("now", 60.0, 30.0, None, None, ""),
    ),
    Sample(
        "osmand_battery",
        "OsmAnd / OsmAnd-protocol trackers",
        DECODER_TEST,
        "861001000719969",
        "POST",
        "id=861001000719969&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87",
        expect=("now", 41.666667, -0.883333, None, 87.0, ""),
    ),
    Sample(
        "legacy_client_periodic",
        "Traccar Client (legacy Android, 8.x and before)",
        LEGACY,
        "TGD-0042",
        "POST",
        "id=TGD-0042&timestamp=1772431200&lat=49.4431&lon=1.0993&speed=0.0&bearing=0.0"
        "&altitude=0.0&accuracy=0.0&batt=64.0",
        expect=("2026-03-02T06:00:00Z", 49.4431, 1.0993, None, 64.0, ""),
    ),
    Sample(
        "legacy_client_sos",
        "Traccar Client (legacy Android, 8.x and before)",
        LEGACY,
        "TGD-0042",
        "POST",
        "id=TGD-0042&timestamp=1772431200&lat=49.4431&lon=1.0993&speed=0.0&bearing=0.0"
        "&altitude=0.0&accuracy=0.0&batt=64.0&alarm=sos",
        expect=("2026-03-02T06:00:00Z", 49.4431, 1.0993, None, 64.0, "sos"),
    ),
    Sample(
        "traccar_client_json",
        "Traccar Client 9.x / 10.x (Android, iOS)",
        DECODER_TEST + "; " + CLIENT_9,
        "48241179",
        "POST",
        content_type="application/json",
        body='{"location":' + TRACCAR_CLIENT_LOCATION + ',"device_id":"48241179"}',
        expect=("2025-06-15T13:45:12.862Z", 37.4219983, -122.084, 5.0, 100.0, ""),
    ),
    Sample(
        "traccar_client_ios_unknown_battery",
        "Traccar Client 9.x / 10.x (Android, iOS)",
        DECODER_TEST,
        "658765",
        "POST",
        content_type="application/json",
        body='{"location":{"extras":{},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,'
        '"longitude":-122.406417,"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,'
        '"latitude":37.785834000000001,"accuracy":5,"altitude_accuracy":-1,"altitude":0,'
        '"heading":-1},"is_moving":false,"age":188,"odometer":0,'
        '"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange",'
        '"battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown",'
        '"confidence":100},"timestamp":"2025-05-09T04:11:30.579Z"},"device_id":"658765"}',
        expect=("2025-05-09T04:11:30.579Z", 37.785834, -122.406417, 5.0, None, ""),
    ),
    Sample(
        "traccar_client_sos",
        "Traccar Client 9.x / 10.x (Android, iOS)",
        CLIENT_9 + " (SOS as location.alarm, where Traccar's decoder reads it)",
        "48241179",
        "POST",
        content_type="application/json",
        body='{"location":' + TRACCAR_CLIENT_LOCATION[:-1] + ',"alarm":"sos"},'
        '"device_id":"48241179"}',
        expect=("2025-06-15T13:45:12.862Z", 37.4219983, -122.084, 5.0, 100.0, "sos"),
    ),
    Sample(
        "traccar_client_buffer_upload",
        "Traccar Client 9.x / 10.x (Android, iOS)",
        CLIENT_9 + " (buffered locations uploaded as a list)",
        "48241179",
        "POST",
        content_type="application/json",
        body='{"location":[' + TRACCAR_CLIENT_LOCATION + "," + TRACCAR_CLIENT_NEXT + "],"
        '"device_id":"48241179"}',
        expect=("2025-06-15T13:46:12.862Z", 37.4229983, -122.084, 5.0, 100.0, ""),
        answer={"stored": 2},
    ),
    Sample(
        "traccar_server_forward_position",
        "Traccar Server 5.x/6.x forwarding (forward.type=json)",
        FORWARD_JSON,
        "TGD-0042",
        "POST",
        content_type="application/json",
        body='{"position":' + POSITION + ',"device":' + DEVICE + "}",
        endpoint="monitoring:intake_traccar",
        expect=("2026-03-02T06:00:00Z", 49.4431, 1.0993, None, 64.0, "sos"),
    ),
    Sample(
        "traccar_server_forward_online_event",
        "Traccar Server 5.x/6.x forwarding (forward.type=json)",
        FORWARD_JSON,
        "TGD-0042",
        "POST",
        content_type="application/json",
        body='{"event":{"id":0,"attributes":{},"deviceId":12,"type":"deviceOnline",'
        '"eventTime":"2026-03-02T06:00:01.000+00:00","positionId":0,"geofenceId":0,'
        '"maintenanceId":0},"device":' + DEVICE + "}",
        endpoint="monitoring:intake_traccar",
        expect=None,
        answer={"stored": 0, "status": "online"},
    ),
    Sample(
        "traccar_server_forward_url",
        "Traccar Server forwarding (forward.type=url, OsmAnd template)",
        FORWARD_URL,
        "TGD-0042",
        "GET",
        "id=TGD-0042&timestamp=1772431200000&lat=49.4431&lon=1.0993&accuracy=0.0&batt=null"
        "&valid=true",
        expect=("2026-03-02T06:00:00Z", 49.4431, 1.0993, None, None, ""),
    ),
]
