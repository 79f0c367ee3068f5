"""The demo's agencies: the Eure (27) with every kind of agency, and a few in the Calvados (14)
so that territorial separation can be seen."""

from dataclasses import dataclass

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind as Kind


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    kind: str
    departement: str
    court_key: str = ""


TRIBUNALS = (
    DemoAgency("tj_evreux", "Tribunal judiciaire d'Évreux", Kind.TRIBUNAL, "27"),
    DemoAgency("tj_bernay", "Tribunal judiciaire de Bernay", Kind.TRIBUNAL, "27"),
    DemoAgency("tj_caen", "Tribunal judiciaire de Caen", Kind.TRIBUNAL, "14"),
)

AGENCIES = (
    DemoAgency(
        "police_evreux", "Commissariat de police d'Évreux", Kind.COMMISSARIAT, "27", "tj_evreux"
    ),
    DemoAgency(
        "police_vernon", "Commissariat de police de Vernon", Kind.COMMISSARIAT, "27", "tj_evreux"
    ),
    DemoAgency(
        "gendarmerie_louviers",
        "Brigade de gendarmerie de Louviers",
        Kind.GENDARMERIE,
        "27",
        "tj_evreux",
    ),
    DemoAgency(
        "gendarmerie_pont_audemer",
        "Brigade de gendarmerie de Pont-Audemer",
        Kind.GENDARMERIE,
        "27",
        "tj_bernay",
    ),
    DemoAgency(
        "monitoring", "Centre de téléassistance et de surveillance", Kind.MONITORING_CENTRE, "27"
    ),
    DemoAgency("cidff_eure", "CIDFF de l'Eure", Kind.ASSOCIATION, "27", "tj_evreux"),
    DemoAgency(
        "shelter_eure",
        "Association L'Abri — hébergement d'urgence",
        Kind.SHELTER_OPERATOR,
        "27",
        "tj_evreux",
    ),
    DemoAgency("caf_eure", "CAF de l'Eure", Kind.CAF, "27"),
    DemoAgency("msa", "MSA Haute-Normandie", Kind.MSA, "27"),
    DemoAgency("cpca_eure", "CPCA de l'Eure", Kind.CPCA, "27", "tj_evreux"),
    DemoAgency(
        "hospital_evreux", "Centre hospitalier Eure-Seine", Kind.HOSPITAL, "27", "tj_evreux"
    ),
    DemoAgency(
        "umj_evreux", "Unité médico-judiciaire d'Évreux", Kind.HEALTH_CENTRE, "27", "tj_evreux"
    ),
    DemoAgency("spip_eure", "SPIP de l'Eure", Kind.PROBATION, "27", "tj_evreux"),
    DemoAgency(
        "logement_auteurs_eure",
        "Hébergement des auteurs évincés de l'Eure",
        Kind.EVICTION_HOUSING,
        "27",
        "tj_evreux",
    ),
    DemoAgency("department_eure", "Conseil départemental de l'Eure", Kind.DEPARTMENT, "27"),
    DemoAgency("prefecture_eure", "Préfecture de l'Eure", Kind.STATE_ADMINISTRATION, "27"),
    DemoAgency("operator", "Exploitant de la plateforme Égide", Kind.PLATFORM_OPERATOR, "75"),
    DemoAgency("police_caen", "Commissariat de police de Caen", Kind.COMMISSARIAT, "14", "tj_caen"),
    DemoAgency("cidff_calvados", "CIDFF du Calvados", Kind.ASSOCIATION, "14", "tj_caen"),
    DemoAgency("helpline_3919", "3919 — Violences Femmes Info (FNSF)", Kind.HELPLINE, "75"),
)


def seed_agencies() -> dict[str, Agency]:
    """Creates or updates every demo agency; returns them by key."""
    agencies: dict[str, Agency] = {}
    for demo in (*TRIBUNALS, *AGENCIES):
        agencies[demo.key], _ = Agency.objects.update_or_create(
            name=demo.name,
            departement=demo.departement,
            defaults={
                "kind": demo.kind,
                "court": agencies.get(demo.court_key),
                "is_active": True,
            },
        )
    return agencies
