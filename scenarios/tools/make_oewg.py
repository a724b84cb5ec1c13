"""Write scenarios/oewg.toml: every UN member state in an open-ended working group.

The file has ~190 seats, too many to keep by hand, so it is generated from the tables below
(the UN's five regional groups, a handful of named positions) and committed. Deterministic:
the same script always writes the same bytes (`python scenarios/tools/make_oewg.py`; add
`--check` to fail if the committed file differs). Varying values come from a fixed-seed
random.Random, never from the clock or hash order.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "oewg.toml"
SEED = 2019  # the year the first open-ended working group was set up

# The UN regional groups (ISO 3166 alpha-3 code, short name). Turkey votes with the Western
# group, Kiribati with Asia-Pacific; the United States sits with the Western group as observer.
GROUPS: dict[str, list[tuple[str, str]]] = {
    "africa": [
        ("dza", "Algeria"), ("ago", "Angola"), ("ben", "Benin"), ("bwa", "Botswana"),
        ("bfa", "Burkina Faso"), ("bdi", "Burundi"), ("cpv", "Cabo Verde"), ("cmr", "Cameroon"),
        ("caf", "Central African Republic"), ("tcd", "Chad"), ("com", "Comoros"), ("cog", "Congo"),
        ("civ", "Côte d'Ivoire"), ("cod", "DR Congo"), ("dji", "Djibouti"), ("egy", "Egypt"),
        ("gnq", "Equatorial Guinea"), ("eri", "Eritrea"), ("swz", "Eswatini"), ("eth", "Ethiopia"),
        ("gab", "Gabon"), ("gmb", "Gambia"), ("gha", "Ghana"), ("gin", "Guinea"),
        ("gnb", "Guinea-Bissau"), ("ken", "Kenya"), ("lso", "Lesotho"), ("lbr", "Liberia"),
        ("lby", "Libya"), ("mdg", "Madagascar"), ("mwi", "Malawi"), ("mli", "Mali"),
        ("mrt", "Mauritania"), ("mus", "Mauritius"), ("mar", "Morocco"), ("moz", "Mozambique"),
        ("nam", "Namibia"), ("ner", "Niger"), ("nga", "Nigeria"), ("rwa", "Rwanda"),
        ("stp", "Sao Tome and Principe"), ("sen", "Senegal"), ("syc", "Seychelles"),
        ("sle", "Sierra Leone"), ("som", "Somalia"), ("zaf", "South Africa"), ("ssd", "South Sudan"),
        ("sdn", "Sudan"), ("tgo", "Togo"), ("tun", "Tunisia"), ("uga", "Uganda"),
        ("tza", "Tanzania"), ("zmb", "Zambia"), ("zwe", "Zimbabwe"),
    ],
    "asia-pacific": [
        ("afg", "Afghanistan"), ("bhr", "Bahrain"), ("bgd", "Bangladesh"), ("btn", "Bhutan"),
        ("brn", "Brunei"), ("khm", "Cambodia"), ("chn", "China"), ("cyp", "Cyprus"),
        ("prk", "DPR Korea"), ("fji", "Fiji"), ("ind", "India"), ("idn", "Indonesia"),
        ("irn", "Iran"), ("irq", "Iraq"), ("jpn", "Japan"), ("jor", "Jordan"),
        ("kaz", "Kazakhstan"), ("kir", "Kiribati"), ("kwt", "Kuwait"), ("kgz", "Kyrgyzstan"),
        ("lao", "Lao PDR"), ("lbn", "Lebanon"), ("mys", "Malaysia"), ("mdv", "Maldives"),
        ("mhl", "Marshall Islands"), ("fsm", "Micronesia"), ("mng", "Mongolia"), ("mmr", "Myanmar"),
        ("nru", "Nauru"), ("npl", "Nepal"), ("omn", "Oman"), ("pak", "Pakistan"),
        ("plw", "Palau"), ("png", "Papua New Guinea"), ("phl", "Philippines"), ("qat", "Qatar"),
        ("kor", "Republic of Korea"), ("wsm", "Samoa"), ("sau", "Saudi Arabia"),
        ("sgp", "Singapore"), ("slb", "Solomon Islands"), ("lka", "Sri Lanka"), ("syr", "Syria"),
        ("tjk", "Tajikistan"), ("tha", "Thailand"), ("tls", "Timor-Leste"), ("ton", "Tonga"),
        ("tkm", "Turkmenistan"), ("tuv", "Tuvalu"), ("are", "United Arab Emirates"),
        ("uzb", "Uzbekistan"), ("vut", "Vanuatu"), ("vnm", "Viet Nam"), ("yem", "Yemen"),
    ],
    "eastern-europe": [
        ("alb", "Albania"), ("arm", "Armenia"), ("aze", "Azerbaijan"), ("blr", "Belarus"),
        ("bih", "Bosnia and Herzegovina"), ("bgr", "Bulgaria"), ("hrv", "Croatia"),
        ("cze", "Czechia"), ("est", "Estonia"), ("geo", "Georgia"), ("hun", "Hungary"),
        ("lva", "Latvia"), ("ltu", "Lithuania"), ("mne", "Montenegro"), ("mkd", "North Macedonia"),
        ("pol", "Poland"), ("mda", "Moldova"), ("rou", "Romania"), ("rus", "Russian Federation"),
        ("srb", "Serbia"), ("svk", "Slovakia"), ("svn", "Slovenia"), ("ukr", "Ukraine"),
    ],
    "latin-america": [
        ("atg", "Antigua and Barbuda"), ("arg", "Argentina"), ("bhs", "Bahamas"),
        ("brb", "Barbados"), ("blz", "Belize"), ("bol", "Bolivia"), ("bra", "Brazil"),
        ("chl", "Chile"), ("col", "Colombia"), ("cri", "Costa Rica"), ("cub", "Cuba"),
        ("dma", "Dominica"), ("dom", "Dominican Republic"), ("ecu", "Ecuador"),
        ("slv", "El Salvador"), ("grd", "Grenada"), ("gtm", "Guatemala"), ("guy", "Guyana"),
        ("hti", "Haiti"), ("hnd", "Honduras"), ("jam", "Jamaica"), ("mex", "Mexico"),
        ("nic", "Nicaragua"), ("pan", "Panama"), ("pry", "Paraguay"), ("per", "Peru"),
        ("kna", "Saint Kitts and Nevis"), ("lca", "Saint Lucia"),
        ("vct", "Saint Vincent and the Grenadines"), ("sur", "Suriname"),
        ("tto", "Trinidad and Tobago"), ("ury", "Uruguay"), ("ven", "Venezuela"),
    ],
    "western": [
        ("and", "Andorra"), ("aus", "Australia"), ("aut", "Austria"), ("bel", "Belgium"),
        ("can", "Canada"), ("dnk", "Denmark"), ("fin", "Finland"), ("fra", "France"),
        ("deu", "Germany"), ("grc", "Greece"), ("isl", "Iceland"), ("irl", "Ireland"),
        ("isr", "Israel"), ("ita", "Italy"), ("lie", "Liechtenstein"), ("lux", "Luxembourg"),
        ("mlt", "Malta"), ("mco", "Monaco"), ("nld", "Netherlands"), ("nzl", "New Zealand"),
        ("nor", "Norway"), ("prt", "Portugal"), ("smr", "San Marino"), ("esp", "Spain"),
        ("swe", "Sweden"), ("che", "Switzerland"), ("tur", "Türkiye"), ("gbr", "United Kingdom"),
        ("usa", "United States"),
    ],
}

# Power of the states that carry weight in these talks; the rest draw from their group's range.
POWER = {
    "usa": 1.0, "chn": 0.95, "rus": 0.8, "ind": 0.7, "gbr": 0.7, "fra": 0.7, "deu": 0.7,
    "jpn": 0.65, "bra": 0.5, "kor": 0.45, "aus": 0.45, "can": 0.45, "ita": 0.45, "irn": 0.35,
    "idn": 0.4, "sau": 0.4, "tur": 0.4, "mex": 0.35, "zaf": 0.35, "nld": 0.4, "isr": 0.4,
    "egy": 0.3, "nga": 0.3, "arg": 0.3, "esp": 0.35, "pol": 0.3, "sgp": 0.3, "est": 0.25,
    "che": 0.3, "swe": 0.3, "are": 0.3, "pak": 0.3, "ukr": 0.25, "cub": 0.15, "ken": 0.2,
}
POWER_RANGE = {"africa": (0.04, 0.12), "asia-pacific": (0.04, 0.18), "eastern-europe": (0.06, 0.16),
               "latin-america": (0.04, 0.14), "western": (0.05, 0.2)}
CAPACITY_RANGE = {"africa": (0.15, 0.4), "asia-pacific": (0.2, 0.6), "eastern-europe": (0.4, 0.7),
                  "latin-america": (0.25, 0.55), "western": (0.7, 0.9)}

# Political camps cut across regional groups.
LIKE_MINDED = {"aus", "can", "nzl", "jpn", "kor", "ukr", "geo", "mda", "alb", "mne", "mkd",
               "pol", "est", "lva", "ltu", "cze", "svk", "svn", "hrv", "rou", "bgr", "hun",
               "isr", "isl", "nor", "che", "lie", "and", "mco", "smr", "tur"}
LIKE_MINDED |= {code for code, _ in GROUPS["western"]}
SOVEREIGNTIST = {"rus", "chn", "irn", "cub", "ven", "nic", "syr", "prk", "blr", "bol", "eri",
                 "zwe", "lao", "mmr", "tjk", "kgz", "kaz", "uzb", "tkm"}

VALUES = {  # (security, civilian_protection, free_expression, privacy, commerce, sovereignty,
             #  crime_fighting, network_hygiene) at the centre of each camp
    "west": (0.8, 0.7, 0.8, 0.7, 0.75, 0.35, 0.65, 0.7),
    "east": (0.85, 0.4, 0.1, 0.2, 0.5, 0.95, 0.6, 0.5),
    "g77": (0.65, 0.65, 0.45, 0.45, 0.65, 0.7, 0.65, 0.55),
}
DOMAINS = ("security", "civilian_protection", "free_expression", "privacy", "commerce",
           "sovereignty", "crime_fighting", "network_hygiene")
AFFINITY = {  # un-charter, laws-of-war, human-rights
    "west": (0.85, 0.85, 0.85), "east": (0.95, 0.3, 0.2), "g77": (0.9, 0.6, 0.55),
}

# Named seats whose scripted behaviour drives the game; everyone else follows (bandwagoner)
# or says yes cheaply (lip-service).
STRATEGY = {
    "usa": "champion", "gbr": "blocker", "nld": "champion", "est": "champion", "aus": "champion",
    "fra": "broker", "deu": "broker", "che": "broker", "sgp": "broker", "mex": "broker",
    "rus": "blocker", "chn": "blocker", "irn": "blocker", "cub": "blocker", "syr": "blocker",
    "egy": "lip-service", "ven": "lip-service", "blr": "lip-service", "nic": "lip-service",
    "ind": "broker", "bra": "broker", "ken": "champion",
}
HUMAN_SEATS = ("usa", "rus", "ind", "ken")  # good seats for human teams (see the guide)

INSTRUCTIONS = {
    "usa": "Consensus of all 193 is slow. Take the agreed 2015 norms and the applicability of international law; block information-security language.",
    "gbr": "Consolidate the 2015 norms; back international law; object to content control.",
    "nld": "Protect the public core of the internet; push capacity building.",
    "est": "Critical infrastructure protection first; international law applies.",
    "aus": "Affirm international law; fund capacity building in the Pacific.",
    "rus": "Moscow proposed the open-ended group so every state has a say. Win information security; refuse any text that legitimises force in cyberspace.",
    "chn": "Cyber sovereignty; equal say for all; no legitimisation of military operations.",
    "irn": "Non-intervention, and no text that legitimises force or sanctions.",
    "cub": "Object in public to force, countermeasures and the laws of war in cyberspace.",
    "syr": "Follow your partners; oppose anything that legitimises attacks.",
    "ind": "Strategic autonomy; practical norms and capacity building for the developing world.",
    "ken": "Speak for Africa: capacity building first, and a say for the many small delegations.",
    "bra": "The UN is the place for rules; bridge the camps.",
    "sgp": "Small states need rules: clear, practical norms and capacity.",
    "mex": "Protect civilians; bridge the camps.",
    "che": "Neutral broker: ground the norms in international law everyone already accepts.",
    "fra": "Bridge to the non-aligned; graft norms onto agreed international law.",
    "deu": "Human rights online; fund the capacity of weaker states.",
}
RED_LINES = {
    "usa": ["No information-security language.", "No ban on military cyber capabilities."],
    "rus": ["Never accept that the laws of war apply to cyberspace."],
    "chn": ["No text that lets foreign platforms escape national law."],
    "cub": ["No self-defence or countermeasures language."],
}
OBJECTIVES = {
    "usa": [("adopt", "no-attack-ci", "oewg", 2, "The open group adopts critical-infrastructure protection"),
            ("adopt", "ihl-applies", "oewg", 2, "The open group affirms the laws of war apply"),
            ("block", "info-security", None, 1, "Information security adopted nowhere")],
    "gbr": [("adopt", "protect-certs", "oewg", 1, "Emergency response teams protected by the open group"),
            ("block", "info-security", None, 1, "Information security adopted nowhere")],
    "nld": [("adopt", "public-core", "oewg", 2, "The public core of the internet protected")],
    "est": [("adopt", "no-attack-ci", "gge", 1, "The expert group protects critical infrastructure")],
    "aus": [("adopt", "capacity-building", "oewg", 1, "Capacity building agreed by all")],
    "ken": [("adopt", "capacity-building", "oewg", 2, "Capacity building agreed by all")],
    "rus": [("adopt", "info-security", "oewg", 2, "The open group adopts information security"),
            ("block", "ihl-applies", "oewg", 2, "The laws of war never affirmed by all")],
    "chn": [("block", "ihl-applies", "oewg", 2, "The laws of war never affirmed by all"),
            ("adopt", "info-security", None, 1, "Information security adopted somewhere")],
    "irn": [("block", "ihl-applies", None, 1, "The laws of war affirmed nowhere")],
    "cub": [("block", "ihl-applies", None, 2, "The laws of war affirmed nowhere")],
    "ind": [("adopt", "capacity-building", None, 1, "Capacity building agreed somewhere")],
}

# The 2019-21 expert group ran beside the open group with 25 members.
GGE_MEMBERS = ["aus", "bra", "chn", "est", "fra", "deu", "ind", "idn", "jpn", "jor", "kaz",
               "ken", "mrt", "mex", "mar", "nld", "nor", "rou", "rus", "sgp", "zaf", "che",
               "gbr", "ury", "usa"]

NORMS = '''
[[norms]]
id = "no-attack-ci"
statement = "Do not knowingly damage critical infrastructure that provides services to the public."
domains = ["civilian_protection", "security"]
clarity = 0.6
utility = 0.8
doability = 0.6
description = "Norm 13(f) of the 2015 expert group report (A/70/174)."

[[norms]]
id = "protect-certs"
statement = "Do not harm emergency response teams, and do not use them for attacks."
domains = ["security", "network_hygiene"]
clarity = 0.8
utility = 0.6
doability = 0.8
description = "Norm 13(k)."

[[norms]]
id = "public-core"
statement = "Do not disrupt the public core of the internet: routing, naming, certificates."
domains = ["security", "commerce", "network_hygiene"]
clarity = 0.55
utility = 0.7
doability = 0.6
description = "Proposed by the Global Commission on the Stability of Cyberspace (2018)."

[[norms]]
id = "capacity-building"
statement = "States help each other build the capacity to secure their networks and apply the norms."
domains = ["network_hygiene", "security", "commerce"]
clarity = 0.7
utility = 0.7
doability = 0.7

[[norms]]
id = "ihl-applies"
statement = "International humanitarian law applies to cyber operations in armed conflict."
domains = ["civilian_protection", "security"]
harms = ["sovereignty"]
clarity = 0.5
utility = 0.65
doability = 0.6
conflicts = ["no-militarization"]

[[norms]]
id = "no-militarization"
statement = "Cyberspace stays a peaceful domain: no state develops offensive cyber capabilities."
domains = ["sovereignty", "security"]
harms = ["commerce"]
clarity = 0.55
utility = 0.5
doability = 0.4
framework = "un-charter"

[[norms]]
id = "info-security"
statement = "Each state secures its information space against content that threatens its stability."
domains = ["sovereignty", "security"]
harms = ["free_expression", "privacy"]
clarity = 0.4
utility = 0.55
doability = 0.6
conflicts = ["privacy-online"]
framework = "un-charter"

[[norms]]
id = "privacy-online"
statement = "The same rights people have offline, privacy and free expression, are protected online."
domains = ["privacy", "free_expression"]
clarity = 0.65
utility = 0.55
doability = 0.7
framework = "human-rights"
'''

INJECTS = '''
[[injects]]
id = "solarwinds"
title = "A supply-chain compromise"
description = "Intruders slipped a backdoor into a network-management product used by thousands of agencies and firms."
turn = 3
effects = [ { kind = "salience", domain = "security", delta = 0.1 }, { kind = "salience", domain = "network_hygiene", delta = 0.1 } ]

[[injects]]
id = "pandemic-hospitals"
title = "Hospitals attacked during a pandemic"
description = "Ransomware and intrusions hit hospitals and vaccine researchers while the world is in lockdown; informal virtual meetings replace sessions."
turn = 5
effects = [ { kind = "salience", domain = "civilian_protection", delta = 0.2 } ]

[[injects]]
id = "ihl-blocked"
title = "The laws of war drop out of the draft"
description = "Once the laws-of-war text is blocked in the open group, the chair moves it to a non-negotiated chair's summary."
when = { event = "blocked", norm = "ihl-applies", forum = "oewg" }
effects = [ { kind = "note" } ]

[[injects]]
id = "consensus-report"
title = "A consensus report of all"
description = "The open group adopts its first text by consensus; delegations hail the first cyber report agreed by every member state."
when = { event = "adopted", norm = "capacity-building", forum = "oewg" }
effects = [ { kind = "salience", domain = "network_hygiene", delta = 0.1 } ]

[[injects]]
id = "pipeline"
title = "A pipeline shut down"
description = "Held for the white cell: ransomware shuts a major fuel pipeline; queues at petrol stations."
manual = true
effects = [ { kind = "salience", domain = "civilian_protection", delta = 0.15 }, { kind = "salience", domain = "security", delta = 0.1 } ]
'''

HEADER = '''# GENERATED by scenarios/tools/make_oewg.py -- edit the script, not this file.
# Every UN member state in one open-ended working group. Facilitator guide: docs/scenarios/oewg.md
id = "oewg"
title = "Everyone at the table: the open-ended working group"
description = """
All 193 UN member states sit in an open-ended working group that decides by consensus and
meets only every fourth turn, after two turns of informal consultations on each text. Beside
it, a 25-member group of governmental experts meets every second turn. The open group is
slow and any one of 193 can stop it; but whatever it adopts is held by every state at once.
Four seats suit human teams (the United States, Russia, India, Kenya); the other 189 are scripted.
"""
turns = 12
minutes_per_turn = 15
seed = 21
learning_objectives = [
    "Breadth costs time: a body of every state adopts later than a small group, but its texts are held by all at once.",
    "In a consensus body of 193 the most contested texts never pass; what passes is what nobody minds.",
    "Small and developing states weigh in through numbers and capacity building, not power.",
    "Two parallel processes (an expert group and an open group) compete for the same agenda.",
]

[salience]
security = 0.6
civilian_protection = 0.5
sovereignty = 0.55
network_hygiene = 0.5

[[frameworks]]
id = "un-charter"
name = "UN Charter and sovereignty"
description = "Sovereign equality, non-intervention, peaceful settlement of disputes."

[[frameworks]]
id = "laws-of-war"
name = "Laws of war"
description = "International humanitarian law."

[[frameworks]]
id = "human-rights"
name = "Human rights"
description = "Privacy and free expression online."
'''


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def camp(code: str) -> str:
    if code in SOVEREIGNTIST:
        return "east"
    if code in LIKE_MINDED:
        return "west"
    return "g77"


def delegations(rng: random.Random) -> tuple[list[str], dict[str, str]]:
    blocks, camps = [], {}
    for group in sorted(GROUPS):
        for code, name in GROUPS[group]:
            c = camp(code)
            camps[code] = c
            lo, hi = POWER_RANGE[group]
            power = POWER.get(code, round(rng.uniform(lo, hi), 2))
            clo, chi = CAPACITY_RANGE[group]
            capacity = round(rng.uniform(clo, chi), 2)
            if code in POWER and power >= 0.6:
                capacity = max(capacity, 0.8)
            values = ", ".join(f"{d} = {min(1.0, max(0.0, round(v + rng.uniform(-0.1, 0.1), 2)))}"
                               for d, v in zip(DOMAINS, VALUES[c]))
            aff = ", ".join(f"{f} = {v}" for f, v in zip(("un-charter", "laws-of-war", "human-rights"), AFFINITY[c]))
            strategy = STRATEGY.get(code) or ("lip-service" if rng.random() < 0.2 else "bandwagoner")
            budget = max(1, round(1 + 4 * power))
            lines = [
                "[[delegations]]", f"id = {q(code)}", f"name = {q(name)}", f"power = {power}",
                f"capacity = {capacity}", f"budget = {budget}", f"bloc = {q(c)}", f"strategy = {q(strategy)}",
                f"values = {{ {values} }}", f"affinity = {{ {aff} }}",
            ]
            if code in INSTRUCTIONS:
                lines.append(f"instructions = {q(INSTRUCTIONS[code])}")
            if code in RED_LINES:
                lines.append("red_lines = [" + ", ".join(q(r) for r in RED_LINES[code]) + "]")
            if code in OBJECTIVES:
                lines.append("objectives = [")
                for kind, norm, forum, weight, text in OBJECTIVES[code]:
                    where = f", forum = {q(forum)}" if forum else ""
                    lines.append(f"  {{ kind = {q(kind)}, norm = {q(norm)}{where}, weight = {weight}, description = {q(text)} }},")
                lines.append("]")
            blocks.append("\n".join(lines))
    return blocks, camps


def ties(camps: dict[str, str]) -> list[str]:
    out = []
    for group in sorted(GROUPS):  # regional groups coordinate positions
        members = ", ".join(q(c) for c, _ in GROUPS[group])
        out.append(f'[[tie_groups]]\nkind = "regional-group"\nmembers = [{members}]\nweight = 0.3')
    for c, weight in (("west", 0.5), ("east", 0.6)):  # political camps across regions
        members = ", ".join(q(code) for code in sorted(camps) if camps[code] == c)
        out.append(f'[[tie_groups]]\nkind = "camp"\nmembers = [{members}]\nweight = {weight}')
    hubs = {"africa": "zaf", "asia-pacific": "ind", "latin-america": "bra"}  # the non-aligned talk through hubs
    for group, hub in sorted(hubs.items()):
        for code, _ in GROUPS[group]:
            if code != hub and camps[code] == "g77":
                out.append(f'[[ties]]\na = {q(hub)}\nb = {q(code)}\nkind = "non-aligned"\nweight = 0.3')
    return out


FORUMS = '''
[[forums]]
id = "oewg"
name = "Open-ended working group"
kind = "centralized"
rule = "consensus"
open_to_all = true
cadence = 4
agenda_size = 3
min_deliberation = 2
max_sessions = 2
description = "Every member state; consensus; a formal session every fourth turn after two turns of informal consultations."

[[forums]]
id = "gge"
name = "Group of governmental experts"
kind = "centralized"
rule = "consensus"
members = [%s]
cadence = 2
agenda_size = 2
min_deliberation = 1
max_sessions = 2
description = "Twenty-five experts; consensus; meets every second turn."
'''


def render() -> str:
    rng = random.Random(SEED)
    blocks, camps = delegations(rng)
    parts = [HEADER, *blocks, NORMS.strip(), (FORUMS % ", ".join(q(m) for m in GGE_MEMBERS)).strip(),
             *ties(camps), INJECTS.strip()]
    return "\n\n".join(p.strip() for p in parts) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write scenarios/oewg.toml (deterministic).")
    parser.add_argument("--check", action="store_true", help="only check the committed file is current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scenarios/tools/make_oewg.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({sum(len(g) for g in GROUPS.values())} delegations)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
