"""Citizenships (ISO 3166-1 alpha-3) and languages (ISO 639-3) with Norwegian names.

Only the codes refugees in Norway most often have, plus Norway's neighbours: a short list is
easier to choose from, and the assessment does not need all 250 countries. Add a code here when
it is needed. "XXA" is ISO 3166's code for stateless persons (used in travel documents).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

COUNTRIES: dict[str, StrOrPromise] = {
    "AFG": _("Afghanistan"),
    "DZA": _("Algerie"),
    "BDI": _("Burundi"),
    "BLR": _("Belarus"),
    "CMR": _("Kamerun"),
    "CAF": _("Den sentralafrikanske republikk"),
    "TCD": _("Tsjad"),
    "COD": _("Kongo (Den demokratiske republikken)"),
    "COG": _("Kongo (Republikken)"),
    "CUB": _("Cuba"),
    "EGY": _("Egypt"),
    "ERI": _("Eritrea"),
    "ETH": _("Etiopia"),
    "GEO": _("Georgia"),
    "IRN": _("Iran"),
    "IRQ": _("Irak"),
    "JOR": _("Jordan"),
    "KEN": _("Kenya"),
    "LBN": _("Libanon"),
    "LBY": _("Libya"),
    "MLI": _("Mali"),
    "MAR": _("Marokko"),
    "MMR": _("Myanmar"),
    "NGA": _("Nigeria"),
    "NOR": _("Norge"),
    "PAK": _("Pakistan"),
    "PSE": _("Palestina"),
    "RUS": _("Russland"),
    "RWA": _("Rwanda"),
    "SOM": _("Somalia"),
    "SSD": _("Sør-Sudan"),
    "LKA": _("Sri Lanka"),
    "SDN": _("Sudan"),
    "SYR": _("Syria"),
    "TUR": _("Tyrkia"),
    "UGA": _("Uganda"),
    "UKR": _("Ukraina"),
    "VEN": _("Venezuela"),
    "YEM": _("Jemen"),
    "XXA": _("Statsløs"),
    "XXX": _("Ukjent"),
}

LANGUAGES: dict[str, StrOrPromise] = {
    "amh": _("Amharisk"),
    "ara": _("Arabisk"),
    "bel": _("Hviterussisk"),
    "ben": _("Bengali"),
    "mya": _("Burmesisk"),
    "prs": _("Dari"),
    "eng": _("Engelsk"),
    "fra": _("Fransk"),
    "kat": _("Georgisk"),
    "hau": _("Hausa"),
    "kin": _("Kinyarwanda"),
    "kmr": _("Kurdisk (kurmanji)"),
    "ckb": _("Kurdisk (sorani)"),
    "lin": _("Lingala"),
    "nob": _("Norsk"),
    "orm": _("Oromo"),
    "pus": _("Pashto"),
    "fas": _("Persisk"),
    "por": _("Portugisisk"),
    "rus": _("Russisk"),
    "run": _("Kirundi"),
    "som": _("Somali"),
    "spa": _("Spansk"),
    "swa": _("Swahili"),
    "tam": _("Tamil"),
    "tir": _("Tigrinja"),
    "tur": _("Tyrkisk"),
    "ukr": _("Ukrainsk"),
    "urd": _("Urdu"),
    "uzb": _("Usbekisk"),
    "rhg": _("Rohingya"),
    "ksw": _("Karen (sgaw)"),
    "hin": _("Hindi"),
    "deu": _("Tysk"),
    "ita": _("Italiensk"),
    "pol": _("Polsk"),
    "bos": _("Bosnisk"),
    "sqi": _("Albansk"),
    "heb": _("Hebraisk"),
    "tgk": _("Tadsjikisk"),
}


def country_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(name)) for code, name in COUNTRIES.items()), key=lambda c: c[1])


def language_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(name)) for code, name in LANGUAGES.items()), key=lambda c: c[1])


def country_name(code: str) -> str:
    return str(COUNTRIES.get(code, code))


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code))
