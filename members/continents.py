"""Continent of each ISO 3166-1 alpha-2 country code, so member figures by continent are derived, never typed in.

The assignment follows the UN geoscheme (M49) at continent level, with a few conventional choices: Russia and
Cyprus are in Europe; Turkey, Kazakhstan, Georgia, Armenia and Azerbaijan in Asia; Egypt in Africa; the Caribbean,
Central America and Greenland in North America; French Guiana in South America; and Antarctica together with the
uninhabited southern territories (AQ, BV, GS, HM, TF) in Antarctica. As in M49, the British Indian Ocean Territory
(IO) is in Africa, and Christmas Island (CX), the Cocos (Keeling) Islands (CC) and the US Minor Outlying Islands (UM)
are in Oceania. Kosovo (XK) is not an officially assigned ISO code and is absent.
"""

# Africa, Antarctica, Asia, Europe, North America, Oceania, South America
CONTINENT_CODES = ("AF", "AN", "AS", "EU", "NA", "OC", "SA")

# fmt: off
COUNTRIES_BY_CONTINENT: dict[str, tuple[str, ...]] = {
    "AF": (
        "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "EH", "ER", "ET", "GA",
        "GH", "GM", "GN", "GQ", "GW", "IO", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU", "MW", "MZ",
        "NA", "NE", "NG", "RE", "RW", "SC", "SD", "SH", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ",
        "UG", "YT", "ZA", "ZM", "ZW",
    ),
    "AN": (
        "AQ", "BV", "GS", "HM", "TF",
    ),
    "AS": (
        "AE", "AF", "AM", "AZ", "BD", "BH", "BN", "BT", "CN", "GE", "HK", "ID", "IL", "IN", "IQ", "IR", "JO", "JP",
        "KG", "KH", "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "MM", "MN", "MO", "MV", "MY", "NP", "OM", "PH", "PK",
        "PS", "QA", "SA", "SG", "SY", "TH", "TJ", "TL", "TM", "TR", "TW", "UZ", "VN", "YE",
    ),
    "EU": (
        "AD", "AL", "AT", "AX", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR",
        "GB", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME",
        "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SJ", "SK", "SM", "UA", "VA",
    ),
    "NA": (
        "AG", "AI", "AW", "BB", "BL", "BM", "BQ", "BS", "BZ", "CA", "CR", "CU", "CW", "DM", "DO", "GD", "GL", "GP",
        "GT", "HN", "HT", "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PM", "PR", "SV", "SX", "TC",
        "TT", "US", "VC", "VG", "VI",
    ),
    "OC": (
        "AS", "AU", "CC", "CK", "CX", "FJ", "FM", "GU", "KI", "MH", "MP", "NC", "NF", "NR", "NU", "NZ", "PF", "PG",
        "PN", "PW", "SB", "TK", "TO", "TV", "UM", "VU", "WF", "WS",
    ),
    "SA": (
        "AR", "BO", "BR", "CL", "CO", "EC", "FK", "GF", "GY", "PE", "PY", "SR", "UY", "VE",
    ),
}
# fmt: on

CONTINENT_BY_COUNTRY: dict[str, str] = {
    code: continent for continent, codes in COUNTRIES_BY_CONTINENT.items() for code in codes
}


def continent_of(country_code: str) -> str:
    """Return the continent code for an ISO 3166-1 alpha-2 country code (any case), or "" if unknown or empty."""
    return CONTINENT_BY_COUNTRY.get((country_code or "").strip().upper(), "")
