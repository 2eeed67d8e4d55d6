"""Three-letter codes of States and organisations (Doc 9303 Part 3 §5).

ISO 3166-1 alpha-3 is the base (generated once from the ISO list; no runtime dependency), with
the ICAO additions. ``XXA``, ``XXB`` and ``XXC`` mark international protection: Laissez treats
them as a signal for a non-refoulement hold, never as an ordinary nationality.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ISO_3166_ALPHA3: frozenset[str] = frozenset(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA
    BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN
    CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU
    EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB
    GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL
    ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO
    LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR
    MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER
    PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM
    SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
    TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM
    VUT WLF WSM YEM ZAF ZMB ZWE
    """.split()
)


class CodeKind(StrEnum):
    """What a three-letter code stands for."""

    STATE = "state"
    ICAO_STATE = "icao_state"
    ORGANISATION = "organisation"
    PROTECTION = "protection"
    UNSPECIFIED = "unspecified"
    DEPRECATED = "deprecated"
    SPECIMEN = "specimen"


#: ICAO additions to ISO 3166 (Doc 9303 Part 3 §5), with their meaning.
ICAO_SPECIAL_CODES: dict[str, tuple[CodeKind, str]] = {
    "D": (CodeKind.ICAO_STATE, "Germany"),
    "GBD": (CodeKind.ICAO_STATE, "British Overseas Territories Citizen"),
    "GBN": (CodeKind.ICAO_STATE, "British National (Overseas)"),
    "GBO": (CodeKind.ICAO_STATE, "British Overseas Citizen"),
    "GBP": (CodeKind.ICAO_STATE, "British Protected Person"),
    "GBS": (CodeKind.ICAO_STATE, "British Subject"),
    "RKS": (CodeKind.ICAO_STATE, "Kosovo"),
    "EUE": (CodeKind.ORGANISATION, "European Union"),
    "UNO": (CodeKind.ORGANISATION, "United Nations Organization or one of its officials"),
    "UNA": (CodeKind.ORGANISATION, "Specialized agency of the United Nations or official"),
    "UNK": (CodeKind.ORGANISATION, "Resident of Kosovo with a UNMIK travel document"),
    "XBA": (CodeKind.ORGANISATION, "African Development Bank"),
    "XIM": (CodeKind.ORGANISATION, "African Export-Import Bank"),
    "XCC": (CodeKind.ORGANISATION, "Caribbean Community (CARICOM)"),
    "XCE": (CodeKind.ORGANISATION, "Council of Europe"),
    "XCO": (CodeKind.ORGANISATION, "Common Market for Eastern and Southern Africa"),
    "XEC": (CodeKind.ORGANISATION, "Economic Community of West African States"),
    "XPO": (CodeKind.ORGANISATION, "International Criminal Police Organization (INTERPOL)"),
    "XES": (CodeKind.ORGANISATION, "Organisation of Eastern Caribbean States"),
    "XMP": (CodeKind.ORGANISATION, "Parliamentary Assembly of the Mediterranean"),
    "XOM": (CodeKind.ORGANISATION, "Sovereign Military Order of Malta"),
    "XDC": (CodeKind.ORGANISATION, "Southern African Development Community"),
    "XXA": (CodeKind.PROTECTION, "Stateless person (1954 Convention, Article 1)"),
    "XXB": (CodeKind.PROTECTION, "Refugee (1951 Convention / 1967 Protocol)"),
    "XXC": (CodeKind.PROTECTION, "Refugee, other than under XXB"),
    "XXX": (CodeKind.UNSPECIFIED, "Unspecified nationality"),
    "ANT": (CodeKind.DEPRECATED, "Netherlands Antilles (old documents)"),
    "NTZ": (CodeKind.DEPRECATED, "Neutral Zone (old documents)"),
    "UTO": (CodeKind.SPECIMEN, "Utopia (specimens and tests)"),
    "IAO": (CodeKind.ORGANISATION, "ICAO (master list signing only)"),
}

#: Codes that signal international protection (stateless or refugee status).
PROTECTION_CODES: frozenset[str] = frozenset(
    code for code, (kind, _) in ICAO_SPECIAL_CODES.items() if kind is CodeKind.PROTECTION
)


@dataclass(frozen=True)
class CountryCode:
    """A recognised three-letter code.

    Attributes:
        code: the code without fillers (``D``, ``UTO``).
        kind: what it stands for.
        protection: True for ``XXA``, ``XXB``, ``XXC``: a signal of international protection.
    """

    code: str
    kind: CodeKind

    @property
    def protection(self) -> bool:
        """True when the code signals international protection."""
        return self.kind is CodeKind.PROTECTION

    @property
    def mrz(self) -> str:
        """The code as printed in an MRZ, padded with fillers to three characters."""
        return self.code.ljust(3, "<")


def lookup(field: str) -> CountryCode | None:
    """Recognise a three-letter MRZ field (fillers allowed at the end: ``D<<``).

    Returns None for a code Doc 9303 does not define.
    """
    code = field.rstrip("<")
    if "<" in code or not code:
        return None
    special = ICAO_SPECIAL_CODES.get(code)
    if special is not None:
        return CountryCode(code, special[0])
    if code in ISO_3166_ALPHA3:
        return CountryCode(code, CodeKind.STATE)
    return None


def is_protection_code(field: str) -> bool:
    """True for ``XXA``, ``XXB`` and ``XXC`` (fillers ignored)."""
    return field.rstrip("<") in PROTECTION_CODES


#: kinds of code a mission may be the consulate of (its own State, the one it issues for);
#: the specimen State ``UTO`` is for training and test installations.
ISSUING_STATE_KINDS: frozenset[CodeKind] = frozenset(
    {CodeKind.STATE, CodeKind.ICAO_STATE, CodeKind.SPECIMEN}
)


def is_issuing_state(code: str) -> bool:
    """True when ``code`` (three letters, or ``D``) names a State a mission may belong to:
    not a protection code, ``XXX``, an organisation or a deprecated code."""
    known = lookup(code.strip().upper()) if code.strip() else None
    return known is not None and known.kind in ISSUING_STATE_KINDS
