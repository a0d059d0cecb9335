#!/usr/bin/env python3
"""Builds the labelled invitation set in tests/data/triage (ledd's CSV format).

    python3 tests/data/triage/make_cases.py      # rewrites the CSV files beside it

Every pending invitation is one case: a sender written for it, sent to one of thirteen
recipients (both triage policies; markets home, listed countries and international), with
the label a person gives it by the article's rules (docs/triage.md, issue 11) and the
reason, in labels.csv (`invitation_id,label,reason,case`; `case` names the family below).
The labels are written here by hand, family by family, from what the profiles show; they
are not computed from ledd's advice. The script only checks that every case's profiles
really show what its reason says (the common ground computed from the rows it wrote
equals the common ground the case declares), so that a label and its profiles cannot
drift apart.

The set's "now": invitations are sent between 2026-09-01 and 2026-10-10. "Fresh" is less
than 24 hours before the invitation; a "new account" is younger than 7 days. A gamed
account is created minutes before it invites, and its follows, comments and reads follow
within those minutes.

Hubs: four open networkers with more than 1,000 contacts each (1,010 filler members who
are connected to all four). A mutual contact who is a hub says little (the article's
rule 6); hub-only mutual contacts are no common ground.

Deterministic: the same script writes the same files (random.Random(2026)).
"""

import csv
import os
import random
import unicodedata
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2026)

# ---------------------------------------------------------------------------------------
# Time


def at(text):
    """'2026-09-25T10:00' (UTC) -> datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=timezone.utc)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# ---------------------------------------------------------------------------------------
# Organizations: (kind, industry, country). Ids 100-109 and 200-204 are the original
# hand-made set's; new ones are numbered from 110 (companies) and 205 (schools).

ORGS = {}
_next_org = {"company": 110, "school": 205}


def org(name, kind="company", industry="", country="NO", ident=None):
    if ident is None:
        ident = _next_org[kind]
        _next_org[kind] += 1
    ORGS[name] = (ident, kind, industry if kind == "company" else "Higher Education", country)


for ident, name, industry, country in [
        (100, "Equinor", "Oil & Energy", "NO"), (101, "DNB", "Banking", "NO"),
        (102, "Cognite", "Software", "NO"), (103, "Telia", "Telecommunications", "SE"),
        (104, "Multiconsult", "Civil Engineering", "NO"),
        (105, "Vipps", "Financial Services", "NO"),
        (106, "Raskvekst", "Management Consulting", "NO"),
        (107, "Wikborg Rein", "Law Practice", "NO"), (108, "Havbris", "Shipping", "NO"),
        (109, "Aker BP", "Oil & Energy", "NO")]:
    org(name, "company", industry, country, ident)
for ident, name, country in [
        (200, "NTNU", "NO"), (201, "Universitetet i Oslo", "NO"),
        (202, "KTH Royal Institute of Technology", "SE"), (203, "Handelshøyskolen BI", "NO"),
        (204, "Universitetet i Bergen", "NO")]:
    org(name, "school", country=country, ident=ident)

for name, industry, country in [
        ("Kahoot!", "E-Learning", "NO"), ("Schibsted", "Online Media", "NO"),
        ("Kongsberg Maritime", "Maritime", "NO"), ("Lerøy Seafood", "Fishery", "NO"),
        ("Bekk", "IT Services", "NO"), ("Telenor", "Telecommunications", "NO"),
        ("Statkraft", "Renewables & Environment", "NO"),
        ("Norsk Hydro", "Mining & Metals", "NO"), ("Yara", "Chemicals", "NO"),
        ("Orkla", "Consumer Goods", "NO"), ("Posten Bring", "Logistics & Supply Chain", "NO"),
        ("Sweco", "Architecture & Planning", "NO"),
        ("Helse Bergen", "Hospital & Health Care", "NO"),
        ("Oslo universitetssykehus", "Hospital & Health Care", "NO"),
        ("NRK", "Broadcast Media", "NO"), ("Visma", "Software", "NO"),
        ("Tietoevry", "IT Services", "NO"), ("Sopra Steria", "IT Services", "NO"),
        ("Deloitte", "Accounting", "NO"), ("Gjensidige", "Insurance", "NO"),
        ("SINTEF", "Research", "NO"), ("Kongsberg Gruppen", "Defense & Space", "NO"),
        ("Mowi", "Fishery", "NO"), ("Statens vegvesen", "Government Administration", "NO"),
        ("Oslo kommune", "Government Administration", "NO"), ("Elkjøp", "Retail", "NO"),
        ("Bane NOR", "Railroad Manufacture", "NO"), ("Thommessen", "Law Practice", "NO"),
        ("Skanska Norge", "Construction", "NO"), ("Fjordkraft", "Utilities", "NO"),
        ("Nordic Semiconductor", "Semiconductors", "NO"),
        ("Storebrand", "Financial Services", "NO"),
        ("Adecco Norge", "Staffing & Recruiting", "NO"),
        ("Vang Executive Search", "Staffing & Recruiting", "NO"),
        ("Aalvik Invest", "Venture Capital & Private Equity", "NO"),
        ("SpareBank 1 SR-Bank", "Banking", "NO"), ("Vår Energi", "Oil & Energy", "NO"),
        # Abroad
        ("Ericsson", "Telecommunications", "SE"), ("Spotify", "Internet", "SE"),
        ("Volvo Cars", "Automotive", "SE"), ("SEB", "Banking", "SE"),
        ("Scania", "Automotive", "SE"), ("H&M", "Retail", "SE"),
        ("Novo Nordisk", "Pharmaceuticals", "DK"), ("Maersk", "Shipping", "DK"),
        ("Danske Bank", "Banking", "DK"), ("Vestas", "Renewables & Environment", "DK"),
        ("Siemens", "Industrial Automation", "DE"), ("SAP", "Software", "DE"),
        ("Zalando", "Internet", "DE"), ("Allianz", "Insurance", "DE"),
        ("BP", "Oil & Energy", "GB"), ("HSBC", "Banking", "GB"),
        ("Google", "Internet", "US"), ("Microsoft", "Software", "US"),
        ("ExxonMobil", "Oil & Energy", "US"), ("Infosys", "IT Services", "IN"),
        ("Tata Consultancy Services", "IT Services", "IN"), ("Wipro", "IT Services", "IN"),
        ("Allegro", "Internet", "PL"), ("PKO Bank Polski", "Banking", "PL"),
        ("Comarch", "Software", "PL"), ("Vinted", "Internet", "LT"),
        ("ASML", "Semiconductors", "NL"), ("ING", "Banking", "NL"),
        ("Nokia", "Telecommunications", "FI"), ("Wärtsilä", "Maritime", "FI"),
        ("Iberdrola", "Utilities", "ES"), ("Talent Bridge GmbH", "Staffing & Recruiting", "DE")]:
    org(name, "company", industry, country)

for name, country in [
        ("Norges Handelshøyskole", "NO"), ("OsloMet", "NO"), ("Universitetet i Stavanger", "NO"),
        ("UiT Norges arktiske universitet", "NO"), ("NMBU", "NO"),
        ("Chalmers tekniska högskola", "SE"), ("Lunds universitet", "SE"),
        ("Handelshögskolan i Stockholm", "SE"), ("Uppsala universitet", "SE"),
        ("Danmarks Tekniske Universitet", "DK"), ("Copenhagen Business School", "DK"),
        ("Technische Universität München", "DE"), ("RWTH Aachen", "DE"),
        ("University of Edinburgh", "GB"), ("London School of Economics", "GB"),
        ("Stanford University", "US"), ("University of Texas at Austin", "US"),
        ("IIT Bombay", "IN"), ("IIT Madras", "IN"), ("Politechnika Warszawska", "PL"),
        ("Uniwersytet Jagielloński", "PL"), ("Vilniaus universitetas", "LT"),
        ("TU Delft", "NL"), ("Aalto University", "FI"),
        ("Universidad Politécnica de Madrid", "ES")]:
    org(name, "school", country=country)

# Fields of study and the concept each belongs to: what a reader knows ("Informatikk" is
# "Computer Science"), and what data/vocabulary.txt's field groups say. Used only to
# check that a case's profiles show the common ground its reason claims.
FIELD_CONCEPT = {}
for concept, names in {
        "computing": ["Informatikk", "Computer Science", "Informasjonsteknologi",
                      "Datateknologi"],
        "economics": ["Økonomi", "Economics", "Økonomi og administrasjon",
                      "Business Administration", "Samfunnsøkonomi"],
        "industrial_economics": ["Industrial Economics",
                                 "Industriell økonomi og teknologiledelse"],
        "civil": ["Bygg- og miljøteknikk", "Civil Engineering"],
        "petroleum": ["Petroleumsteknologi", "Petroleum Engineering"],
        "law": ["Rettsvitenskap", "Law"],
        "marketing": ["Markedsføring", "Marketing"],
        "management": ["Ledelse", "Management"],
        "mechanical": ["Maskinteknikk", "Mechanical Engineering"],
        "marine": ["Marin teknikk", "Marine Technology"],
        "medicine": ["Medisin", "Medicine"],
        "psychology": ["Psykologi", "Psychology"],
        "political": ["Statsvitenskap", "Political Science"],
        "finance": ["Finans", "Finance"],
        "electrical": ["Elektronikk", "Electrical Engineering"],
        "chemistry": ["Kjemi", "Chemistry"],
        "geology": ["Geologi", "Geology"],
        "journalism": ["Journalistikk", "Journalism"],
        "nursing": ["Sykepleie", "Nursing"],
        "logistics": ["Logistikk", "Logistics"],
        "cybernetics": ["Kybernetikk og robotikk", "Cybernetics and Robotics"],
        "fisheries": ["Fiskeri- og havbruksvitenskap"],
}.items():
    for name in names:
        FIELD_CONCEPT[name] = concept

# ---------------------------------------------------------------------------------------
# The network being written

MEMBER_COLUMNS = ["id", "handle", "first_name", "last_name", "headline", "summary",
                  "has_photo", "city", "country", "industry", "email", "created_at",
                  "policy", "markets"]
members = {}        # id -> row (dict)
jobs = {}           # id -> [(org name, title, start, end)]
studies = {}        # id -> [(school name, field, degree, start, end)]
contacts = {}       # id -> set of ids
connections = {}    # (a, b), a < b -> created_at
follows = {}        # (follower, followee) -> created_at
posts = []          # rows
comments = []
post_views = []
appearances = []
invitations = []
labels = []         # (invitation id, label, reason, case)
declared = []       # (invitation id, sender, recipient, declared common ground)
handles = set()
names_used = set()


def fold(text):
    text = text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in ".-")).lower()


def add_member(ident, first, last, *, headline="", summary="", photo=True, city="",
               country="", industry="", created="2018-01-01T08:00", policy="", markets="",
               jobs_=(), studies_=(), domain=None):
    assert ident not in members, ident
    handle = fold(f"{first}.{last}")
    base, n = handle, 2
    while handle in handles:
        handle, n = f"{base}.{n}", n + 1
    handles.add(handle)
    names_used.add((first, last))
    if domain is None:
        domain = {"NO": "example.no", "SE": "example.se", "DK": "example.dk",
                  "DE": "example.de"}.get(country, "example.com")
    members[ident] = {
        "id": ident, "handle": handle, "first_name": first, "last_name": last,
        "headline": headline, "summary": summary, "has_photo": 1 if photo else 0,
        "city": city, "country": country, "industry": industry,
        "email": f"{handle}@{domain}",
        "created_at": created if created.endswith("Z") else created + ":00Z",
        "policy": policy, "markets": markets}
    jobs[ident] = list(jobs_)
    studies[ident] = list(studies_)
    contacts.setdefault(ident, set())
    for name, *_ in jobs_:
        assert name in ORGS and ORGS[name][1] == "company", name
    for name, field, *_ in studies_:
        assert name in ORGS and ORGS[name][1] == "school", name
        assert field in FIELD_CONCEPT, field
    return ident


def connect(a, b, when):
    assert a != b
    key = (min(a, b), max(a, b))
    if key in connections:
        return
    connections[key] = when if isinstance(when, str) else iso(when)
    contacts.setdefault(a, set()).add(b)
    contacts.setdefault(b, set()).add(a)


def follow(follower, followee, when):
    assert (follower, followee) not in follows
    follows[(follower, followee)] = iso(when)


def add_post(ident, author, title, body, created, views):
    posts.append({"id": ident, "author": author, "title": title, "body": body,
                  "created_at": iso(at(created)), "views": views})
    return ident


_next_comment = [10]


def comment(post, author, body, when):
    comments.append({"id": _next_comment[0], "post_id": post, "author": author, "body": body,
                     "created_at": iso(when)})
    _next_comment[0] += 1


def view(post, viewer, when):
    post_views.append({"post_id": post, "viewer": viewer, "at": iso(when)})


def add_appearance(ident, member, kind, title, event, date, place, link, created):
    appearances.append({"id": ident, "member_id": member, "kind": kind, "title": title,
                        "event": event, "date": date, "place": place, "link": link,
                        "created_at": iso(at(created))})
    return ident


_next_invitation = [100]


def invite(sender, recipient, when, *, note="", via="", state="pending", ident=None):
    if ident is None:
        ident = _next_invitation[0]
        _next_invitation[0] += 1
    invitations.append({"id": ident, "from": sender, "to": recipient, "note": note,
                        "created_at": iso(when), "state": state, "via": via})
    return ident


def case(family, sender, recipient, when, label, reason, *, ground=(), note="", via="",
         ident=None):
    """A labelled pending invitation. `ground` is the common ground its reason relies on
    (checked against the profiles at the end): employer_same_time, employer,
    school_field_same_time, school_field, school_same_time, school, field, industry,
    mutual (at least one mutual contact who is not a hub), hub_mutual (mutual contacts,
    all hubs)."""
    assert label in ("accept", "consider", "decline")
    ident = invite(sender, recipient, when, note=note, via=via, ident=ident)
    labels.append((ident, label, reason, family))
    declared.append((ident, sender, recipient, frozenset(ground)))
    return ident


# ---------------------------------------------------------------------------------------
# The original hand-made set (members 1-24, invitations 1-23), kept as it was.

add_member(1, "Ingrid", "Berg", headline="Sivilingeniør i Equinor",
           summary="Bygg, anlegg og energi.", city="Oslo", country="NO",
           industry="Oil & Energy", created="2012-03-01T08:00", policy="liberal",
           markets="home", jobs_=[("Equinor", "Sivilingeniør", "2014-08", "")],
           studies_=[("NTNU", "Bygg- og miljøteknikk", "Sivilingeniør", "2009-08", "2014-06")],
           domain="example.no")
add_member(2, "Sven", "Lund", headline="Utvikler i Cognite", summary="Data og industri.",
           city="Oslo", country="NO", industry="Software", created="2013-05-01T08:00",
           policy="selective", markets="home", jobs_=[("Cognite", "Utvikler", "2016-01", "")],
           studies_=[("Universitetet i Oslo", "Informatikk", "Mastergrad", "2010-08",
                      "2015-06")])
add_member(3, "Nora", "Aas", headline="Daglig leder i Havbris",
           summary="Skipsfart i hele verden.", city="Bergen", country="NO",
           industry="Shipping", created="2011-01-10T08:00", policy="liberal",
           markets="international", jobs_=[("Havbris", "Daglig leder", "2012-01", "")],
           studies_=[("Universitetet i Bergen", "Økonomi", "Mastergrad", "2006-08",
                      "2011-06")])
add_member(4, "Jonas", "Moe", headline="Prosjektleder i Aker BP", city="Stavanger",
           country="NO", industry="Oil & Energy", created="2014-02-01T08:00",
           policy="liberal", markets="NO;SE", jobs_=[("Aker BP", "Prosjektleder", "2015-01", "")])
add_member(10, "Win", "Big", photo=False, created="2026-09-20T08:00", domain="example.com")
add_member(11, "Tom", "Tynn", city="Drammen", country="NO", created="2026-08-01T08:00")
add_member(12, "Kari", "Nordmann", headline="Sivilingeniør i Multiconsult",
           summary="Konstruksjon og betong.", city="Trondheim", country="NO",
           industry="Civil Engineering", created="2014-06-01T08:00",
           jobs_=[("Multiconsult", "Sivilingeniør", "2014-09", "")],
           studies_=[("NTNU", "Bygg- og miljøteknikk", "Sivilingeniør", "2009-08", "2014-06")])
add_member(13, "Ola", "Hansen", headline="Senior ingeniør i Equinor",
           summary="Boring og brønn.", city="Stavanger", country="NO",
           industry="Oil & Energy", created="2015-01-01T08:00",
           jobs_=[("Equinor", "Senior ingeniør", "2016-03", "")],
           studies_=[("Universitetet i Bergen", "Petroleumsteknologi", "Mastergrad",
                      "2010-08", "2015-06")])
add_member(14, "Per", "Strand", headline="Rådgiver i DNB", summary="Personmarked.",
           city="Bergen", country="NO", industry="Banking", created="2016-01-01T08:00",
           jobs_=[("DNB", "Rådgiver", "2016-02", "")],
           studies_=[("Handelshøyskolen BI", "Økonomi", "Bachelorgrad", "2012-08",
                      "2015-06")])
add_member(15, "Erik", "Svensson", headline="Sales Manager at Telia", summary="Nordic sales.",
           city="Stockholm", country="SE", industry="Telecommunications",
           created="2015-04-01T08:00", jobs_=[("Telia", "Sales Manager", "2015-05", "")],
           studies_=[("KTH Royal Institute of Technology", "Industrial Economics",
                      "Master of Science", "2009-08", "2014-06")])
add_member(16, "Maja", "Lie", headline="Produktleder i Vipps", summary="Betaling og produkt.",
           city="Oslo", country="NO", industry="Financial Services",
           created="2017-01-01T08:00", jobs_=[("Vipps", "Produktleder", "2017-02", "")],
           studies_=[("Handelshøyskolen BI", "Markedsføring", "Bachelorgrad", "2013-08",
                      "2016-06")])
add_member(17, "Rolf", "Rask", headline="Konsulent i Raskvekst", summary="Vekst for alle.",
           city="Oslo", country="NO", industry="Management Consulting",
           created="2020-01-01T08:00", jobs_=[("Raskvekst", "Konsulent", "2020-02", "")],
           studies_=[("Handelshøyskolen BI", "Ledelse", "Bachelorgrad", "2016-08", "2019-06")])
add_member(18, "Lise", "Vik", headline="Advokat i Wikborg Rein", summary="Kontrakter.",
           city="Oslo", country="NO", industry="Law Practice", created="2016-08-01T08:00",
           jobs_=[("Wikborg Rein", "Advokat", "2016-09", "")],
           studies_=[("Universitetet i Oslo", "Rettsvitenskap", "Mastergrad", "2011-08",
                      "2016-06")])
for ident, first, last, headline, industry, city in [
        (20, "Anne", "Dahl", "Geolog i Equinor", "Oil & Energy", "Bergen"),
        (21, "Bjørn", "Sæther", "Arkitekt i Cognite", "Software", "Oslo"),
        (22, "Eva", "Holm", "Lærer", "Education", "Oslo"),
        (23, "Mats", "Ek", "Controller", "Accounting", "Oslo"),
        (24, "Siri", "Lund", "Rektor", "Education", "Oslo")]:
    add_member(ident, first, last, headline=headline, city=city, country="NO",
               industry=industry, created="2013-01-01T08:00")
for a, b, when in [(1, 20, "2016"), (13, 20, "2017"), (1, 22, "2016"), (2, 21, "2016"),
                   (18, 21, "2017"), (2, 23, "2016"), (14, 24, "2017"), (3, 24, "2016")]:
    connect(a, b, f"{when}-01-01T08:00:00Z")
follow(16, 2, at("2025-01-01T08:00"))
add_post(1, 4, "Hva olje betyr for Norge", "Lang tekst.", "2026-05-01T08:00", 120)
comment(1, 15, "Interesting read!", at("2026-05-02T08:00"))
comment(1, 15, "Agree, thanks.", at("2026-05-03T08:00"))
comments[0]["id"], comments[1]["id"] = 1, 2

ORIGINAL = [
    (1, 10, 1, "2026-09-25T10:00", "Hi dear! Connect with me for a great opportunity.",
     "decline", "spam_signs",
     "No photo and an empty profile (0 of 6 sections), account 5 days old, a generic note: "
     "the article's spam signs and no verified common ground -> decline"),
    (2, 11, 1, "2026-09-26T10:00", "", "decline", "spam_signs",
     "A photo but only a city filled in (1 of 6 sections): a thin profile, a sign of spam, "
     "and no common ground -> decline"),
    (3, 12, 1, "2026-09-26T11:00", "", "accept", "common_ground",
     "Studied Bygg- og miljøteknikk at NTNU 2009-2014, exactly when Ingrid did; serious "
     "profile; liberal recipient -> accept"),
    (4, 13, 1, "2026-09-27T10:00", "", "accept", "common_ground",
     "Works at Equinor since 2016 while Ingrid has been there since 2014 (colleagues), and "
     "one mutual contact (Anne Dahl): liberal -> accept"),
    (5, 14, 1, "2026-09-27T11:00", "Hei Ingrid, vi møttes på Arendalsuka.", "accept",
     "ordinary",
     "A serious banker's profile with nothing in common and a personal note; the liberal "
     "default accepts every other invitation -> accept"),
    (6, 15, 1, "2026-09-27T12:00", "", "decline", "foreign_home",
     "A Swedish sales manager with nothing in common, to a recipient who does business in "
     "Norway only: decline foreigners only if I do business at home only -> decline"),
    (7, 15, 3, "2026-09-27T12:30", "", "accept", "foreign_international",
     "The same Swedish sender to Nora, who does business internationally: geography is "
     "neutral, liberal -> accept"),
    (8, 14, 2, "2026-09-28T10:00", "", "consider", "ordinary",
     "Serious profile (DNB, BI) but nothing in common with Sven (software, UiO); selective "
     "needs common ground -> consider"),
    (9, 16, 2, "2026-09-28T11:00", "", "accept", "visibility",
     "Has followed Sven since January 2025 (seasoned visibility) and has a serious profile; "
     "selective with common ground -> accept"),
    (10, 18, 2, "2026-09-28T12:00", "", "accept", "common_ground",
     "At Universitetet i Oslo at the same time as Sven (law, 2011-2016 vs informatics "
     "2010-2015) and one mutual contact (Bjørn Sæther); serious; selective -> accept"),
    (11, 12, 2, "2026-09-28T13:00", "", "consider", "ordinary",
     "A civil engineer with a serious profile but nothing in common with Sven; selective "
     "needs common ground -> consider"),
    (12, 17, 1, "2026-09-29T10:00", "", "decline", "behaviour",
     "A complete profile, but three earlier recipients reported him as unknown: behaviour "
     "that marks a spammer -> decline"),
    (13, 15, 4, "2026-09-29T11:00", "", "accept", "visibility",
     "A Swede to a recipient whose markets are NO;SE (inside them), who commented twice on "
     "Jonas's post in May: liberal -> accept"),
]
ORIGINAL_GROUND = {3: {"school_field_same_time"}, 4: {"employer_same_time", "mutual"},
                   10: {"school_same_time", "mutual"}, 9: set(), 13: set(),
                   1: set(), 2: set(), 5: set(), 6: set(), 7: set(), 8: set(), 11: set(),
                   12: set()}
for ident, sender, recipient, when, note, label, family, reason in ORIGINAL:
    case(family, sender, recipient, at(when), label, reason, note=note, ident=ident,
         ground=ORIGINAL_GROUND[ident])
for ident, recipient, day, state in [(20, 20, "01", "reported"), (21, 21, "02", "reported"),
                                     (22, 22, "03", "reported"), (23, 23, "04", "ignored")]:
    invite(17, recipient, at(f"2026-06-{day}T10:00"), state=state, ident=ident)

# ---------------------------------------------------------------------------------------
# Names

NO_FEMALE = """Kari Marte Silje Ida Hanne Ane Camilla Kristine Nina Tone Hilde Siri Line Eli
Guro Solveig Ragnhild Tuva Thea Maren Sunniva Synnøve Åse Vilde Emilie Frida Astrid Jorunn
Birgitte Ingvild Heidi Mari Randi Sigrid Torill Marianne Liv Elisabeth Hege Kjersti""".split()
NO_MALE = """Ola Per Lars Jon Knut Espen Håkon Magnus Sindre Eirik Øyvind Torbjørn Sigurd
Anders Jørgen Even Fredrik Kjetil Stian Trond Geir Terje Vegard Aksel Halvor Bjørnar Ørjan
Petter Morten Tor Arne Steinar Asbjørn Gaute Audun Runar Sverre Thomas Martin""".split()
NO_LAST = """Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen
Johnsen Pettersen Eriksen Haugen Hagen Johannessen Andreassen Jacobsen Jørgensen Halvorsen
Henriksen Sørensen Jakobsen Moen Gundersen Iversen Solberg Svendsen Eide Knutsen Martinsen
Paulsen Bakken Kristoffersen Mathisen Amundsen Lunde Solheim Berge Nygård Bakke Fredriksen
Lien Hauge Andresen Knudsen Evensen Myhre Haugland Thomassen Sivertsen Simonsen Danielsen
Berntsen Sandvik Rønning Arnesen Antonsen Næss Haug Ellingsen Thorsen Edvardsen Birkeland
Isaksen Gulbrandsen Ruud Aasen Strøm Myklebust Tangen Ødegaard Hovland Rustad Kleppe Tveit
Bjørnstad Brekke Fossum Grønvold Håland Lindahl Nordby Opsahl Sundby Vangen Wold Ystad""".split()
NO_NEW = [("Ahmed", "Hussain"), ("Fatima", "Khan"), ("Minh", "Nguyen"), ("Amir", "Rahimi"),
          ("Sara", "Mohammed"), ("Linh", "Tran"), ("Yusuf", "Ali"), ("Zahra", "Haidari"),
          ("Tomasz", "Nowak"), ("Mariam", "Abdi"), ("Daniel", "Tesfaye"), ("Aisha", "Warsame")]

FOREIGN_NAMES = {
    "SE": [("Anna", "Karlsson"), ("Johan", "Andersson"), ("Elin", "Nilsson"),
           ("Oskar", "Lindberg"), ("Maja", "Bergström"), ("Karl", "Johansson"),
           ("Linnea", "Holmqvist"), ("Viktor", "Sjöberg"), ("Emma", "Lindgren"),
           ("Gustav", "Axelsson"), ("Sofia", "Ekström"), ("Axel", "Wikström")],
    "DK": [("Mette", "Jensen"), ("Rasmus", "Nielsen"), ("Sofie", "Vestergaard"),
           ("Mads", "Pedersen"), ("Freja", "Christensen"), ("Anders", "Rasmussen"),
           ("Ida", "Mortensen"), ("Frederik", "Thomsen")],
    "DE": [("Lukas", "Müller"), ("Hannah", "Schmidt"), ("Felix", "Wagner"),
           ("Julia", "Becker"), ("Jonas", "Hoffmann"), ("Lena", "Fischer"),
           ("Maximilian", "Weber"), ("Katharina", "Schulz")],
    "GB": [("Oliver", "Smith"), ("Charlotte", "Evans"), ("James", "Taylor"),
           ("Emily", "Clarke"), ("Harry", "Wilson"), ("Sophie", "Hughes")],
    "US": [("Michael", "Johnson"), ("Jessica", "Miller"), ("David", "Brown"),
           ("Ashley", "Davis"), ("Ryan", "Garcia"), ("Megan", "Robinson")],
    "IN": [("Priya", "Sharma"), ("Rahul", "Verma"), ("Ananya", "Iyer"), ("Arjun", "Nair"),
           ("Sneha", "Reddy"), ("Vikram", "Patel"), ("Kavya", "Menon"), ("Rohan", "Gupta")],
    "PL": [("Katarzyna", "Nowicka"), ("Piotr", "Kowalski"), ("Agnieszka", "Wiśniewska"),
           ("Tomasz", "Wójcik"), ("Michał", "Kamiński"), ("Magdalena", "Lewandowska")],
    "LT": [("Eglė", "Kazlauskienė"), ("Tomas", "Petrauskas"), ("Rūta", "Jankauskaitė")],
    "NL": [("Daan", "de Vries"), ("Sanne", "Jansen"), ("Thijs", "van Dijk"),
           ("Lotte", "Bakker")],
    "FI": [("Aino", "Virtanen"), ("Mikko", "Korhonen"), ("Eero", "Mäkinen")],
    "ES": [("Lucía", "García"), ("Pablo", "Fernández"), ("Marta", "Ruiz")],
}


def norwegian_name():
    while True:
        if rng.random() < 0.08:
            first, last = rng.choice(NO_NEW)
        else:
            first = rng.choice(NO_FEMALE if rng.random() < 0.5 else NO_MALE)
            last = rng.choice(NO_LAST)
        if (first, last) not in names_used:
            return first, last


def foreign_name(country):
    """A name of the country's; once the pairs are used, other first and last names of
    the country's combined."""
    pairs = FOREIGN_NAMES[country]
    for first, last in rng.sample(pairs, len(pairs)):
        if (first, last) not in names_used:
            return first, last
    combined = [(f, l) for f, _ in pairs for _, l in pairs if (f, l) not in names_used]
    return rng.choice(combined)


# ---------------------------------------------------------------------------------------
# The recipients, their posts and appearances, and their own contacts

R_INGRID, R_SVEN, R_NORA, R_JONAS = 1, 2, 3, 4
R_ASTRID, R_HENRIK, R_MARTE, R_LARS, R_CAMILLA = 5, 6, 7, 8, 9
R_SARA, R_THOMAS, R_KRISTINE, R_ALI = 25, 26, 27, 28

add_member(R_ASTRID, "Astrid", "Haugen", headline="Engineering Manager i Kahoot!",
           summary="Leder to produktteam som lager læringsspill for skoler over hele verden. "
                   "Skriver om fjernarbeid, Kotlin og skalering.",
           city="Oslo", country="NO", industry="E-Learning", created="2011-09-12T19:20",
           policy="selective", markets="international",
           jobs_=[("Kahoot!", "Engineering Manager", "2019-03", ""),
                  ("Schibsted", "Utvikler", "2013-08", "2019-02")],
           studies_=[("Universitetet i Oslo", "Informatikk", "Mastergrad", "2008-08",
                      "2013-06")])
add_member(R_HENRIK, "Henrik", "Solberg", headline="Senior ingeniør i Kongsberg Maritime",
           summary="Dynamisk posisjonering og autonome fartøy.", city="Trondheim",
           country="NO", industry="Maritime", created="2012-02-02T07:45", policy="selective",
           markets="NO;SE",
           jobs_=[("Kongsberg Maritime", "Senior ingeniør", "2016-01", ""),
                  ("SINTEF", "Forsker", "2015-08", "2015-12")],
           studies_=[("NTNU", "Maskinteknikk", "Sivilingeniør", "2010-08", "2015-06")])
add_member(R_MARTE, "Marte", "Kristiansen", headline="Senioradvokat i Wikborg Rein",
           summary="Selskapsrett, åpenhetsloven og bærekraftsrapportering.", city="Bergen",
           country="NO", industry="Law Practice", created="2014-10-01T12:00",
           policy="liberal", markets="home",
           jobs_=[("Wikborg Rein", "Senioradvokat", "2017-01", "")],
           studies_=[("Universitetet i Bergen", "Rettsvitenskap", "Master i rettsvitenskap",
                      "2010-08", "2016-06")])
add_member(R_LARS, "Lars", "Johansen", headline="Reservoaringeniør i Aker BP",
           summary="Reservoarmodeller, CO2-lagring og maskinlæring på norsk sokkel.",
           city="Stavanger", country="NO", industry="Oil & Energy",
           created="2010-05-05T10:00", policy="selective", markets="home",
           jobs_=[("Aker BP", "Reservoaringeniør", "2018-02", ""),
                  ("Equinor", "Reservoaringeniør", "2011-08", "2018-01")],
           studies_=[("Universitetet i Stavanger", "Petroleumsteknologi", "Mastergrad",
                      "2006-08", "2011-06")])
add_member(R_CAMILLA, "Camilla", "Eriksen", headline="Markedssjef i Schibsted",
           summary="Innholdsmarkedsføring og merkevare. Underviser ved BI Executive.",
           city="Oslo", country="NO", industry="Online Media", created="2012-11-11T11:00",
           policy="liberal", markets="international",
           jobs_=[("Schibsted", "Markedssjef", "2020-04", ""),
                  ("Orkla", "Merkevareansvarlig", "2014-08", "2020-03")],
           studies_=[("Handelshøyskolen BI", "Markedsføring", "Bachelorgrad", "2011-08",
                      "2014-06")])
add_member(R_SARA, "Sara", "Lindqvist", headline="Product Owner at Volvo Cars",
           summary="Software-defined vehicles and over-the-air updates.", city="Göteborg",
           country="SE", industry="Automotive", created="2013-03-03T09:00",
           policy="selective", markets="home",
           jobs_=[("Volvo Cars", "Product Owner", "2017-09", "")],
           studies_=[("Chalmers tekniska högskola", "Mechanical Engineering",
                      "Master of Science", "2009-08", "2014-06")])
add_member(R_THOMAS, "Thomas", "Nilsen", headline="Salgsdirektør i Lerøy Seafood",
           summary="Sjømat fra Nord-Norge til Asia og Europa.", city="Tromsø", country="NO",
           industry="Fishery", created="2015-06-15T08:00", policy="liberal", markets="home",
           jobs_=[("Lerøy Seafood", "Salgsdirektør", "2018-01", ""),
                  ("Mowi", "Key account manager", "2012-03", "2017-12")],
           studies_=[("UiT Norges arktiske universitet", "Fiskeri- og havbruksvitenskap",
                      "Mastergrad", "2007-08", "2012-06")])
add_member(R_KRISTINE, "Kristine", "Bakke", headline="Bærekraftsansvarlig i DNB",
           summary="ESG i kreditt, grønne lån og CSRD-rapportering.", city="Oslo",
           country="NO", industry="Banking", created="2011-04-20T08:00",
           policy="selective", markets="international",
           jobs_=[("DNB", "Bærekraftsansvarlig", "2019-05", ""),
                  ("Deloitte", "Senior Manager", "2013-09", "2019-04")],
           studies_=[("Norges Handelshøyskole", "Økonomi og administrasjon",
                      "Siviløkonom", "2008-08", "2013-06")])
add_member(R_ALI, "Ali", "Rahimi", headline="Teknologileder i Bekk",
           summary="Plattformteam, Team Topologies og smidig arkitektur.", city="Oslo",
           country="NO", industry="IT Services", created="2013-01-15T08:00",
           policy="liberal", markets="NO;SE;DK",
           jobs_=[("Bekk", "Teknologileder", "2016-08", "")],
           studies_=[("OsloMet", "Informasjonsteknologi", "Bachelorgrad", "2010-08",
                      "2013-06")])

RECIPIENTS = [R_INGRID, R_SVEN, R_NORA, R_JONAS, R_ASTRID, R_HENRIK, R_MARTE, R_LARS,
              R_CAMILLA, R_SARA, R_THOMAS, R_KRISTINE, R_ALI]

# Posts (ids from 10) and appearances, published well before the invitations.
POSTS = {
    R_INGRID: [add_post(10, R_INGRID, "Lavkarbonbetong på Johan Castberg",
                        "Hva vi lærte av å bytte til lavkarbonbetong i fundamentene.",
                        "2026-04-14T07:30", 860)],
    R_SVEN: [add_post(11, R_SVEN, "Tidsseriedata fra tusen sensorer",
                      "Slik lagrer og komprimerer vi tidsserier fra industrianlegg.",
                      "2026-06-10T06:00", 1430),
             add_post(12, R_SVEN, "Hvorfor vi skrev om ingest-tjenesten i Rust",
                      "Minnebruk, latens og hva vi ville gjort annerledes.",
                      "2026-08-20T06:00", 2210)],
    R_NORA: [add_post(13, R_NORA, "Grønn skipsfart: ammoniakk eller hydrogen?",
                      "Hvilket drivstoff velger vi for neste nybygg, og hvorfor.",
                      "2026-05-15T09:00", 640)],
    R_ASTRID: [add_post(14, R_ASTRID, "Fem år med fjernarbeid i et produktteam",
                        "Ritualer, skriving og hvorfor vi møtes fysisk hver måned.",
                        "2026-04-02T08:00", 5120),
               add_post(15, R_ASTRID, "Kotlin Multiplatform i produksjon",
                        "Ett år med delt kode mellom Android, iOS og web.",
                        "2026-08-28T08:00", 3900)],
    R_HENRIK: [add_post(16, R_HENRIK, "Autonome ferjer i Trondheimsfjorden",
                        "Hva skal til før en ferje kan gå uten mannskap på broen?",
                        "2026-07-01T08:00", 980)],
    R_MARTE: [add_post(17, R_MARTE, "Åpenhetsloven: dette må styret vite",
                       "Aktsomhetsvurderinger, rapportering og styrets ansvar.",
                       "2026-06-20T08:00", 1750)],
    R_LARS: [add_post(18, R_LARS, "CO2-lagring på norsk sokkel: hva vet vi nå?",
                      "Erfaringer fra Sleipner, Snøhvit og Northern Lights.",
                      "2026-03-10T08:00", 2300),
             add_post(19, R_LARS, "Reservoarmodeller og maskinlæring",
                      "Når hjelper maskinlæring, og når lurer den oss?",
                      "2026-08-05T08:00", 1100)],
    R_CAMILLA: [add_post(20, R_CAMILLA, "Innholdsmarkedsføring som faktisk selger",
                         "Tre kampanjer, tre tall og én lærdom.", "2026-05-05T08:00", 2750)],
    R_SARA: [add_post(21, R_SARA, "Software-defined vehicles: what changes for product owners",
                      "Release trains, safety cases and the customer in the loop.",
                      "2026-07-14T08:00", 1900)],
    R_THOMAS: [add_post(22, R_THOMAS, "Laks til Asia på 36 timer",
                        "Fra merd i Troms til restaurant i Seoul.", "2026-06-01T08:00", 700)],
    R_KRISTINE: [add_post(23, R_KRISTINE, "ESG-rapportering etter CSRD: tre lærdommer",
                          "Dobbel vesentlighet i praksis, og hva revisor spør om.",
                          "2026-04-20T08:00", 3300),
                 add_post(24, R_KRISTINE, "Grønne lån til næringseiendom",
                          "Energimerking, taksonomien og hva kundene faktisk spør om.",
                          "2026-08-12T08:00", 1500)],
    R_ALI: [add_post(25, R_ALI, "Team Topologies i praksis",
                     "Hvordan vi delte plattformteamet i to uten å miste farten.",
                     "2026-05-25T08:00", 2600)],
}
TALK_ASTRID = add_appearance(1, R_ASTRID, "talk", "Skalerbare quiz for ti millioner elever",
                             "JavaZone 2026", "2026-09-03", "Oslo Spektrum",
                             "https://2026.javazone.no/", "2026-06-01T10:00")
TALK_HENRIK = add_appearance(2, R_HENRIK, "talk", "Autonome skip og sikkerhet",
                             "Arendalsuka 2026", "2026-08-13", "Arendal", "",
                             "2026-06-15T10:00")
MEDIA_MARTE = add_appearance(3, R_MARTE, "media", "Åpenhetsloven to år etter",
                             "NRK Dagsnytt 18", "2026-06-12", "Oslo",
                             "https://tv.nrk.no/serie/dagsnytt-atten", "2026-06-12T20:00")
TALK_LARS = add_appearance(4, R_LARS, "talk", "Digitale tvillinger for reservoarstyring",
                           "ONS 2026", "2026-08-25", "Stavanger", "https://www.ons.no/",
                           "2026-05-02T10:00")
COURSE_CAMILLA = add_appearance(5, R_CAMILLA, "course", "Innholdsmarkedsføring for B2B",
                                "BI Executive", "2026-04-15", "Oslo", "",
                                "2026-02-01T10:00")
TALK_SARA = add_appearance(6, R_SARA, "talk", "Over-the-air updates at scale",
                           "Automotive Tech Week 2026", "2026-05-20", "Göteborg", "",
                           "2026-03-01T10:00")
TALK_KRISTINE = add_appearance(7, R_KRISTINE, "talk", "Bærekraft i kredittvurderingen",
                               "Oslo Business Forum 2026", "2026-09-10", "Oslo", "",
                               "2026-06-20T10:00")
PODCAST_KRISTINE = add_appearance(8, R_KRISTINE, "media", "Finans og klima",
                                  "DN Podden", "2026-11-05", "Oslo", "",
                                  "2026-09-01T10:00")  # not yet recorded in the set's now
TALK_ALI = add_appearance(9, R_ALI, "talk", "Plattformteam uten byråkrati", "JavaZone 2026",
                          "2026-09-04", "Oslo Spektrum", "https://2026.javazone.no/",
                          "2026-06-01T10:00")

# Each new recipient's own contacts (ids from 500): colleagues, classmates, old friends,
# with fewer than 1,000 contacts each. The original recipients 1 and 2 get some too,
# none of them connected to the original senders.
FRIENDS = {}
_next_friend = [500]
for recipient in RECIPIENTS:
    FRIENDS[recipient] = []
    employer = jobs[recipient][0][0]
    country = members[recipient]["country"]
    for n in range(12):
        ident = _next_friend[0]
        _next_friend[0] += 1
        first, last = foreign_name("SE") if country == "SE" else norwegian_name()
        colleague = n < 5
        company = employer if colleague else rng.choice(
            ["Telenor", "Statkraft", "Orkla", "Posten Bring", "Tietoevry", "Gjensidige",
             "Oslo kommune", "NRK", "SINTEF", "Sopra Steria"] if country == "NO" else
            ["Ericsson", "SEB", "Scania", "H&M"])
        title = rng.choice(["Rådgiver", "Prosjektleder", "Seniorrådgiver", "Utvikler",
                            "Controller", "Avdelingsleder"] if country == "NO" else
                           ["Engineer", "Project Manager", "Analyst", "Team Lead"])
        add_member(ident, first, last,
                   headline=f"{title} {'i' if country == 'NO' else 'at'} {company}",
                   city=members[recipient]["city"] if colleague else
                   rng.choice(["Oslo", "Bergen", "Trondheim", "Stavanger"] if country == "NO"
                              else ["Stockholm", "Göteborg", "Malmö"]),
                   country=country, industry=ORGS[company][2],
                   created=f"{rng.randint(2010, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T08:00",
                   jobs_=[(company, title, f"{rng.randint(2008, 2020)}-0{rng.randint(1, 9)}", "")])
        connect(recipient, ident, f"{rng.randint(2014, 2025)}-0{rng.randint(1, 9)}-15T12:00:00Z")
        FRIENDS[recipient].append(ident)
    # A few of them know each other.
    for a, b in zip(FRIENDS[recipient][:-1:2], FRIENDS[recipient][1::2]):
        connect(a, b, "2020-05-05T12:00:00Z")

# ---------------------------------------------------------------------------------------
# Hubs: open networkers with more than 1,000 contacts, and the fillers who make them so.

HUBS = [900, 901, 902, 903]
add_member(900, "Kjetil", "Vang", headline="Headhunter | Åpen for alle invitasjoner | LION",
           summary="Jeg kobler folk. 30 000 følgere. Alle invitasjoner godtas.", city="Oslo",
           country="NO", industry="Staffing & Recruiting", created="2009-04-01T08:00",
           jobs_=[("Vang Executive Search", "Partner", "2011-01", "")],
           studies_=[("Handelshøyskolen BI", "Ledelse", "Bachelorgrad", "2002-08", "2005-06")])
add_member(901, "Sunniva", "Brekke", headline="Rekrutteringspartner i Adecco Norge",
           summary="Rekrutterer ingeniører og økonomer over hele landet.", city="Bergen",
           country="NO", industry="Staffing & Recruiting", created="2010-02-01T08:00",
           jobs_=[("Adecco Norge", "Rekrutteringspartner", "2014-03", "")],
           studies_=[("Universitetet i Bergen", "Psykologi", "Bachelorgrad", "2008-08",
                      "2011-06")])
add_member(902, "Michael", "Brandt", headline="Global Talent Acquisition Partner",
           summary="Connecting Nordic engineers with opportunities across Europe.",
           city="Hamburg", country="DE", industry="Staffing & Recruiting",
           created="2010-06-01T08:00",
           jobs_=[("Talent Bridge GmbH", "Talent Acquisition Partner", "2012-01", "")],
           studies_=[("RWTH Aachen", "Economics", "Master of Science", "2005-10", "2010-09")])
add_member(903, "Rune", "Aalvik", headline="Gründer og investor | Åpen nettverker",
           summary="Investerer i norske oppstartsselskaper. Godtar alle invitasjoner.",
           city="Oslo", country="NO", industry="Venture Capital & Private Equity",
           created="2008-09-01T08:00", jobs_=[("Aalvik Invest", "Daglig leder", "2010-01", "")],
           studies_=[("Norges Handelshøyskole", "Finans", "Mastergrad", "2001-08",
                      "2006-06")])
FILLERS = []
_filler_industries = ["IT Services", "Banking", "Retail", "Construction", "Oil & Energy",
                      "Hospital & Health Care", "Telecommunications", "Consumer Goods",
                      "Government Administration", "Staffing & Recruiting"]
_filler_titles = ["Konsulent", "Rådgiver", "Selger", "Prosjektleder", "Ingeniør",
                  "Daglig leder", "Controller", "Markedskoordinator", "Utvikler", "HR-partner"]
_filler_cities = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Kristiansand", "Drammen",
                  "Tromsø", "Fredrikstad", "Bodø", "Ålesund", "Hamar", "Lillehammer"]
for n in range(1010):
    ident = 10000 + n
    first = rng.choice(NO_FEMALE + NO_MALE)
    last = rng.choice(NO_LAST)
    title = rng.choice(_filler_titles)
    add_member(ident, first, last, headline=title, photo=rng.random() < 0.9,
               city=rng.choice(_filler_cities), country="NO",
               industry=rng.choice(_filler_industries),
               created=f"{rng.randint(2009, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}T08:00")
    FILLERS.append(ident)
    for hub in HUBS:
        connect(hub, ident, f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-01T08:00:00Z")
# The recipients that the hub cases write to know the hubs, as most members do.
for recipient in [R_ASTRID, R_HENRIK, R_LARS, R_CAMILLA, R_THOMAS, R_KRISTINE, R_MARTE]:
    for hub in HUBS:
        connect(recipient, hub, "2019-03-01T08:00:00Z")


def own_contacts(sender, count, since="2016"):
    """The sender's own contacts among the fillers (nobody the recipient knows)."""
    for filler in rng.sample(FILLERS, count):
        connect(sender, filler, f"{rng.randint(int(since), 2025)}-{rng.randint(1, 12):02d}-20T09:00:00Z")

# ---------------------------------------------------------------------------------------
# Senders

NO_JOBS = [  # (company, title, city)
    ("Telenor", "Nettverksarkitekt", "Fornebu"), ("Statkraft", "Prosjektleder", "Oslo"),
    ("Norsk Hydro", "Prosessingeniør", "Sunndalsøra"), ("Yara", "Innkjøpsleder", "Porsgrunn"),
    ("Orkla", "Kategorisjef", "Oslo"), ("Posten Bring", "Logistikkplanlegger", "Oslo"),
    ("Sweco", "Arealplanlegger", "Bergen"), ("Helse Bergen", "Overlege", "Bergen"),
    ("Oslo universitetssykehus", "Sykepleier", "Oslo"), ("NRK", "Journalist", "Oslo"),
    ("Visma", "Utvikler", "Oslo"), ("Tietoevry", "Løsningsarkitekt", "Oslo"),
    ("Sopra Steria", "Seniorkonsulent", "Oslo"), ("Deloitte", "Revisor", "Oslo"),
    ("Gjensidige", "Aktuar", "Oslo"), ("SINTEF", "Forsker", "Trondheim"),
    ("Kongsberg Gruppen", "Systemingeniør", "Kongsberg"), ("Mowi", "Driftsleder", "Bergen"),
    ("Statens vegvesen", "Senioringeniør", "Trondheim"),
    ("Oslo kommune", "Spesialrådgiver", "Oslo"), ("Elkjøp", "Butikksjef", "Drammen"),
    ("Bane NOR", "Signalingeniør", "Oslo"), ("Thommessen", "Advokatfullmektig", "Oslo"),
    ("Skanska Norge", "Anleggsleder", "Kristiansand"),
    ("Fjordkraft", "Kundeservicesjef", "Bergen"),
    ("Nordic Semiconductor", "Hardware-designer", "Trondheim"),
    ("Storebrand", "Porteføljeforvalter", "Oslo"), ("Vipps", "Produktleder", "Oslo")]
NO_STUDIES = [  # (school, field, degree)
    ("NTNU", "Industriell økonomi og teknologiledelse", "Sivilingeniør"),
    ("NTNU", "Elektronikk", "Sivilingeniør"), ("NTNU", "Marin teknikk", "Sivilingeniør"),
    ("NTNU", "Kybernetikk og robotikk", "Sivilingeniør"),
    ("Universitetet i Oslo", "Statsvitenskap", "Mastergrad"),
    ("Universitetet i Oslo", "Medisin", "Profesjonsstudium"),
    ("Universitetet i Bergen", "Psykologi", "Profesjonsstudium"),
    ("Universitetet i Bergen", "Geologi", "Mastergrad"),
    ("Norges Handelshøyskole", "Finans", "Mastergrad"),
    ("Handelshøyskolen BI", "Ledelse", "Bachelorgrad"), ("OsloMet", "Sykepleie", "Bachelorgrad"),
    ("OsloMet", "Journalistikk", "Bachelorgrad"), ("NMBU", "Kjemi", "Mastergrad"),
    ("Universitetet i Stavanger", "Logistikk", "Bachelorgrad")]
FOREIGN = {  # country: cities, jobs (company, title), studies (school, field, degree)
    "SE": (["Stockholm", "Göteborg", "Malmö", "Uppsala"],
           [("Ericsson", "Solution Architect"), ("Spotify", "Data Engineer"),
            ("SEB", "Credit Analyst"), ("Scania", "Test Engineer"), ("H&M", "Buyer")],
           [("Uppsala universitet", "Computer Science", "Master of Science"),
            ("Lunds universitet", "Economics", "Master of Science"),
            ("Handelshögskolan i Stockholm", "Finance", "Master of Science"),
            ("Chalmers tekniska högskola", "Electrical Engineering", "Master of Science")]),
    "DK": (["København", "Aarhus", "Odense"],
           [("Novo Nordisk", "Regulatory Affairs Manager"), ("Maersk", "Chartering Manager"),
            ("Danske Bank", "Risk Analyst"), ("Vestas", "Service Engineer")],
           [("Danmarks Tekniske Universitet", "Electrical Engineering", "Master of Science"),
            ("Copenhagen Business School", "Finance", "Master of Science")]),
    "DE": (["Berlin", "München", "Hamburg"],
           [("Siemens", "Automation Engineer"), ("SAP", "Product Manager"),
            ("Zalando", "Data Scientist"), ("Allianz", "Actuary")],
           [("Technische Universität München", "Electrical Engineering", "Master of Science"),
            ("RWTH Aachen", "Chemistry", "Master of Science")]),
    "GB": (["London", "Manchester", "Edinburgh", "Aberdeen"],
           [("BP", "Reservoir Engineer"), ("HSBC", "Relationship Manager")],
           [("University of Edinburgh", "Geology", "Master of Science"),
            ("London School of Economics", "Political Science", "Master of Science")]),
    "US": (["Houston", "New York", "San Francisco", "Seattle"],
           [("Google", "Software Engineer"), ("Microsoft", "Program Manager"),
            ("ExxonMobil", "Drilling Engineer")],
           [("Stanford University", "Electrical Engineering", "Master of Science"),
            ("University of Texas at Austin", "Petroleum Engineering", "Master of Science")]),
    "IN": (["Bengaluru", "Pune", "Chennai", "Hyderabad"],
           [("Infosys", "Technology Lead"), ("Tata Consultancy Services", "Business Analyst"),
            ("Wipro", "Project Manager")],
           [("IIT Bombay", "Computer Science", "Bachelor of Technology"),
            ("IIT Madras", "Electrical Engineering", "Bachelor of Technology")]),
    "PL": (["Warszawa", "Kraków", "Gdańsk", "Wrocław"],
           [("Allegro", "Software Engineer"), ("PKO Bank Polski", "Analyst"),
            ("Comarch", "Consultant")],
           [("Politechnika Warszawska", "Computer Science", "Master of Science"),
            ("Uniwersytet Jagielloński", "Law", "Master of Laws")]),
    "LT": (["Vilnius", "Kaunas"], [("Vinted", "Growth Marketer")],
           [("Vilniaus universitetas", "Economics", "Bachelor of Science")]),
    "NL": (["Amsterdam", "Eindhoven", "Rotterdam"],
           [("ASML", "Systems Engineer"), ("ING", "Data Analyst")],
           [("TU Delft", "Civil Engineering", "Master of Science")]),
    "FI": (["Helsinki", "Espoo", "Turku"],
           [("Nokia", "Radio Engineer"), ("Wärtsilä", "Sales Engineer")],
           [("Aalto University", "Electrical Engineering", "Master of Science")]),
    "ES": (["Madrid", "Barcelona", "Bilbao"], [("Iberdrola", "Energy Trader")],
           [("Universidad Politécnica de Madrid", "Civil Engineering", "Máster")]),
}
SUMMARIES_NO = [
    "Liker å løse vanskelige problemer sammen med flinke folk.",
    "Opptatt av bærekraft, ledelse og gode team.", "Brenner for kvalitet og kundeopplevelse.",
    "Tidligere erfaring fra prosjektledelse og forretningsutvikling.",
    "Nysgjerrig, strukturert og glad i friluftsliv.", "Jobber i skjæringspunktet mellom teknologi og forretning."]
SUMMARIES_EN = [
    "Curious engineer who likes hard problems and good teams.",
    "Fifteen years in the industry; open to exchanging ideas.",
    "Passionate about sustainability and building things that last.",
    "Background in consulting and product management."]
THIN_HEADLINES = ["Entrepreneur", "CEO | Investor | Mentor", "Selger", "Business Owner",
                  "Gründer", "Consultant"]

_next_sender = [1000]


def _year_month(year, month):
    return f"{year}-{month:02d}"


def sender(avoid=None, *, country="NO", profile="serious", photo=True, created=None,
           jobs_=None, studies_=None, contacts_=None, industry=None, city=None,
           headline=None, first_last=None, note_country=True):
    """A new sender. `avoid`: a recipient the randomly drawn background must share
    nothing with (no employer, industry, school or field of study); explicit jobs_ and
    studies_ are taken as they are. profile: serious (all six sections), no_education
    (no education: five sections, not serious), no_background (headline, summary,
    location, industry), thin (two sections at most), empty (none but maybe a country)."""
    ident = _next_sender[0]
    _next_sender[0] += 1
    first, last = first_last or (foreign_name(country) if country in FOREIGN_NAMES
                                 else norwegian_name())
    avoid_orgs = {j[0] for j in jobs[avoid]} if avoid else set()
    avoid_schools = {s[0] for s in studies[avoid]} if avoid else set()
    avoid_concepts = {FIELD_CONCEPT[s[1]] for s in studies[avoid]} if avoid else set()
    avoid_industry = members[avoid]["industry"] if avoid else None
    norwegian = country in ("NO", "")
    start_year = rng.randint(2004, 2016)
    if jobs_ is None:
        jobs_ = []
        if profile in ("serious", "no_education"):
            pool = NO_JOBS if norwegian else [(c, t, rng.choice(FOREIGN[country][0]))
                                              for c, t in FOREIGN[country][1]]
            pool = [j for j in pool if j[0] not in avoid_orgs and ORGS[j[0]][2] != avoid_industry]
            company, title, job_city = rng.choice(pool)
            city = city or job_city
            jobs_ = [(company, title, _year_month(start_year + 5 + rng.randint(0, 3),
                                                  rng.randint(1, 12)), "")]
    if studies_ is None:
        studies_ = []
        if profile == "serious":
            pool = NO_STUDIES if norwegian else FOREIGN[country][2]
            pool = [s for s in pool
                    if s[0] not in avoid_schools and FIELD_CONCEPT[s[1]] not in avoid_concepts]
            school, field, degree = rng.choice(pool)
            studies_ = [(school, field, degree, _year_month(start_year, 8),
                         _year_month(start_year + 5, 6))]
    if city is None and profile != "empty":
        city = rng.choice(["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"]) if norwegian \
            else rng.choice(FOREIGN[country][0])
    if industry is None and jobs_ and profile not in ("thin", "empty"):
        industry = ORGS[jobs_[0][0]][2]
    if profile == "no_background":
        industry = industry or rng.choice(["Management Consulting", "Real Estate",
                                           "Events Services"])
    summary = ""
    if headline is None:
        if profile in ("thin", "empty"):
            headline = "" if jobs_ or profile == "empty" else rng.choice(THIN_HEADLINES)
        elif jobs_:
            headline = f"{jobs_[0][1]} {'i' if norwegian else 'at'} {jobs_[0][0]}"
        else:
            headline = rng.choice(["Rådgiver og foredragsholder", "Selvstendig konsulent",
                                   "Eiendomsmegler", "Daglig leder i eget selskap"])
    if profile not in ("thin", "empty"):
        summary = rng.choice(SUMMARIES_NO if norwegian else SUMMARIES_EN)
    if created is None:
        created = f"{rng.randint(2010, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
    elif not isinstance(created, str):
        created = iso(created)[:16]
    add_member(ident, first, last, headline=headline, summary=summary, photo=photo,
               city=city if profile != "empty" else "",
               country=country if (profile != "empty" or note_country) else "",
               industry=industry or "", created=created, jobs_=jobs_, studies_=studies_)
    if contacts_ is None:
        contacts_ = rng.randint(6, 30) if profile not in ("thin", "empty") else rng.randint(0, 2)
    own_contacts(ident, contacts_)
    return ident


def name(member):
    return f"{members[member]['first_name']} {members[member]['last_name']}"


def first(member):
    return members[member]["first_name"]


def job_text(member, n=0):
    company, title, start, end = jobs[member][n]
    return f"{title} at {company} {start[:4]}-{end[:4] if end else 'now'}"


_clock = [at("2026-09-01T07:40")]


def clock():
    """The next invitation time: the cases are spread over 2026-09-01 .. 2026-10-10."""
    _clock[0] += timedelta(minutes=rng.randint(150, 260))
    return _clock[0]


_next_history = [5000]  # earlier, answered invitations; the labelled ones are 1-13 and 100 on


def history(sender_, when, count, state, *, span=DAY * 60, recipients=None):
    """Earlier invitations of the sender to fillers, spread over `span` before `when`
    (none pending: every pending invitation of the set is a labelled case)."""
    targets = recipients or rng.sample(FILLERS, count)
    for n, target in enumerate(targets[:count]):
        sent = when - span + (span - HOUR) * n / max(count, 1)
        invite(sender_, target, sent, state=state, ident=_next_history[0])
        _next_history[0] += 1
        if state == "accepted":
            connect(sender_, target, sent + HOUR * 20)

# ---------------------------------------------------------------------------------------
# The rules a label quotes (docs/triage.md's decision list, issue 11's article rules)

SPAM = "spam signs (article: no photo or a thin profile -> decline) and no verified common ground"
SPAM_BUT = "spam signs but verified common ground (article: the signs are evidence, not the verdict) -> consider"
PROVENANCE = ("verified provenance (article: invitations I get because of my visibility - they read "
              "my blog, heard my talk - I certainly don't say no to) -> accept under either policy")
LIBERAL_RULE = "liberal, the article's default, accepts every other invitation -> accept"
SELECTIVE_YES = "selective needs common ground; with a serious profile (experience and education) -> accept"
SELECTIVE_NO = "selective needs common ground and there is none -> consider"
FOREIGN_NO = "home-only recipient, foreign sender, no common ground (article: decline foreigners only if I do business at home only) -> decline"
FOREIGN_CG = "home-only recipient, foreign sender, but common ground -> consider"
INTERNATIONAL = "the recipient does business internationally, so geography is neutral"
FRESH = "fresh follows, comments and reads and brand-new accounts count for nothing"
HUBS_SAY_LITTLE = "mutual contacts who are all hubs (over 1,000 contacts) say little: no common ground"


# ---- A. Spam signs without verified common ground -> decline ----
SPAM_NOTES = ["Hello dear, I have a business proposal for you.",
              "Hi! I'd like to add you to my professional network.",
              "Invest with me and earn 20% monthly. Guaranteed!",
              "Hei! Jeg har en spennende mulighet til deg, send meg en melding.",
              "", "Looking for partners in Norway. Reply fast."]
for n, (recipient, country) in enumerate(zip([R_SVEN, R_NORA, R_ASTRID, R_THOMAS, R_KRISTINE,
                                              R_ALI], ["", "US", "", "NO", "IN", "GB"])):
    when = clock()
    s = sender(country=country or "NO", profile="empty", photo=False,
               note_country=bool(country), created=when - DAY * rng.randint(2, 120))
    case("spam_signs", s, recipient, when, "decline",
         f"No photo and an empty profile (0-1 of 6 sections), account created "
         f"{(when - at(members[s]['created_at'][:16])).days} days before inviting: {SPAM} -> decline",
         note=SPAM_NOTES[n])
for recipient in [R_INGRID, R_HENRIK, R_CAMILLA, R_MARTE, R_SARA]:
    when = clock()
    s = sender(country="SE" if recipient == R_SARA else "NO", profile="thin")
    case("spam_signs", s, recipient, when, "decline",
         f"A photo, but only a headline ('{members[s]['headline']}') and a city: a thin profile "
         f"(2 of 6 sections), nothing in common with {first(recipient)}: {SPAM} -> decline")
for recipient in [R_INGRID, R_MARTE, R_THOMAS, R_NORA]:
    when = clock()
    s = sender(recipient, photo=False)
    case("no_photo", s, recipient, when, "decline",
         f"Full profile ({job_text(s)}, an education) but no photo, and nothing in common with "
         f"{first(recipient)}: {SPAM} -> decline")
for recipient, company, title in [(R_LARS, "ExxonMobil", "Drilling Engineer"),
                                  (R_KRISTINE, "Storebrand", "Porteføljeforvalter"),
                                  (R_ALI, "Sopra Steria", "Seniorkonsulent")]:
    when = clock()
    foreign = ORGS[company][3] != "NO"
    s = sender(recipient, country="US" if foreign else "NO", photo=False,
               jobs_=[(company, title, "2015-03", "")],
               industry=members[recipient]["industry"])
    abroad = f" (and lives in {members[s]['city']}, outside a home-only market)" if foreign else ""
    case("no_photo", s, recipient, when, "decline",
         f"No photo; the only common ground is the industry ({members[recipient]['industry']}), "
         f"which is not verified common ground{abroad}: {SPAM} -> decline", ground={"industry"})
for recipient, company, title, start, end in [
        (R_ASTRID, "Schibsted", "Frontendutvikler", "2020-01", "2023-06"),
        (R_LARS, "Equinor", "Boreingeniør", "2019-02", ""),
        (R_CAMILLA, "Orkla", "Salgssjef", "2021-03", "")]:
    when = clock()
    s = sender(recipient, photo=False, jobs_=[(company, title, start, end)] if end else
               [(company, title, start, end)])
    mine = [j for j in jobs[recipient] if j[0] == company][0]
    case("no_photo", s, recipient, when, "decline",
         f"No photo; worked at {company} {start[:4]}-{end[:4] if end else 'now'}, after "
         f"{first(recipient)} left ({mine[2][:4]}-{mine[3][:4]}): the same employer at different "
         f"times is not verified common ground: {SPAM} -> decline", ground={"employer"})
for recipient, school, field, start, end in [
        (R_HENRIK, "NTNU", "Elektronikk", "2001-08", "2006-06"),
        (R_MARTE, "Universitetet i Bergen", "Geologi", "2018-08", "2023-06")]:
    when = clock()
    s = sender(recipient, photo=False, studies_=[(school, field, "Mastergrad", start, end)])
    case("no_photo", s, recipient, when, "decline",
         f"No photo; studied {field} at {school} {start[:4]}-{end[:4]}, not when "
         f"{first(recipient)} was there: the same school at other times is not verified "
         f"common ground: {SPAM} -> decline", ground={"school"})
for recipient in [R_ASTRID, R_THOMAS]:
    when = clock()
    s = sender(recipient, photo=False)
    for friend in FRIENDS[recipient][:2]:
        connect(s, friend, when - DAY * rng.randint(200, 900))
    case("no_photo", s, recipient, when, "decline",
         f"No photo; 2 mutual contacts ({name(FRIENDS[recipient][0])}, "
         f"{name(FRIENDS[recipient][1])}): fewer than the 3 that make verified common ground: "
         f"{SPAM} -> decline", ground={"mutual"})
for recipient, note in [(R_SVEN, "Leste innlegget ditt om tidsseriedata, veldig bra!"),
                        (R_LARS, "Great post on CO2-lagring, let's connect.")]:
    when = clock()
    s = sender(recipient, photo=False)
    case("claim_matched", s, recipient, when, "decline",
         f"No photo; the note names one of {first(recipient)}'s posts, but a note is the "
         f"sender's own claim, not verified common ground: {SPAM} -> decline", note=note)
for recipient in [R_KRISTINE, R_CAMILLA]:
    when = clock()
    s = sender(recipient, photo=False)
    follow(s, recipient, when - DAY * 140)
    case("no_photo", s, recipient, when, "decline",
         f"No photo; has followed {first(recipient)} for months (visibility, but a follow is "
         f"not verified common ground): {SPAM} -> decline")

# ---- B. Spam signs with verified common ground -> consider (the no-photo colleague) ----
for recipient, company, title, start in [
        (R_ASTRID, "Kahoot!", "Senior Backend Developer", "2020-09"),
        (R_HENRIK, "Kongsberg Maritime", "Systemingeniør", "2017-04"),
        (R_MARTE, "Wikborg Rein", "Advokatfullmektig", "2021-09"),
        (R_LARS, "Aker BP", "Geofysiker", "2019-01"),
        (R_KRISTINE, "DNB", "Kredittanalytiker", "2018-02"),
        (R_INGRID, "Equinor", "Prosjektingeniør", "2015-01")]:
    when = clock()
    s = sender(recipient, photo=False, jobs_=[(company, title, start, "")])
    case("no_photo_colleague", s, recipient, when, "consider",
         f"No photo, but a full profile and {title} at {company} since {start[:4]}, while "
         f"{first(recipient)} works there too (colleagues now): {SPAM_BUT}",
         ground={"employer_same_time"})
for recipient, school, field, degree, start, end in [
        (R_HENRIK, "NTNU", "Maskinteknikk", "Sivilingeniør", "2010-08", "2015-06"),
        (R_KRISTINE, "Norges Handelshøyskole", "Økonomi og administrasjon", "Siviløkonom",
         "2009-08", "2014-06"),
        (R_MARTE, "Universitetet i Bergen", "Rettsvitenskap", "Master i rettsvitenskap",
         "2011-08", "2016-06"),
        (R_THOMAS, "UiT Norges arktiske universitet", "Fiskeri- og havbruksvitenskap",
         "Mastergrad", "2008-08", "2013-06")]:
    when = clock()
    s = sender(recipient, photo=False, studies_=[(school, field, degree, start, end)])
    case("no_photo_classmate", s, recipient, when, "consider",
         f"No photo, but studied {field} at {school} {start[:4]}-{end[:4]}, the same programme "
         f"at the same time as {first(recipient)}: {SPAM_BUT}", ground={"school_field_same_time"})
for recipient, company, title, start in [
        (R_LARS, "Aker BP", "Brønningeniør", "2020-05"),
        (R_CAMILLA, "Schibsted", "Innholdsprodusent", "2021-01"),
        (R_ALI, "Bekk", "Utvikler", "2019-08")]:
    when = clock()
    s = sender(recipient, profile="thin", jobs_=[(company, title, start, "")], headline="")
    case("no_photo_colleague", s, recipient, when, "consider",
         f"A photo but a thin profile (a position and a city, 2 of 6 sections); {title} at "
         f"{company} since {start[:4]}, at the same time as {first(recipient)}: {SPAM_BUT}",
         ground={"employer_same_time"})
for recipient, count in [(R_SVEN, 3), (R_ASTRID, 4), (R_HENRIK, 3), (R_NORA, 5)]:
    when = clock()
    s = sender(recipient, photo=False)
    for friend in FRIENDS[recipient][2:2 + count]:
        connect(s, friend, when - DAY * rng.randint(100, 1500))
    case("no_photo_mutuals", s, recipient, when, "consider",
         f"No photo, but {count} mutual contacts, none of them hubs ("
         f"{', '.join(name(f) for f in FRIENDS[recipient][2:4])}, ...): several mutual "
         f"contacts that are not all hubs are verified common ground: {SPAM_BUT}",
         ground={"mutual"})
for recipient, school, field, start, end in [
        (R_ASTRID, "Universitetet i Oslo", "Computer Science", "2008-08", "2013-06"),
        (R_HENRIK, "NTNU", "Mechanical Engineering", "2011-08", "2016-06"),
        (R_KRISTINE, "Norges Handelshøyskole", "Business Administration", "2009-08",
         "2014-06")]:
    when = clock()
    s = sender(recipient, photo=False, studies_=[(school, field, "Master of Science", start, end)])
    mine = studies[recipient][0]
    case("two_languages", s, recipient, when, "consider",
         f"No photo; studied '{field}' at {school} {start[:4]}-{end[:4]} while "
         f"{first(recipient)} studied '{mine[1]}' there {mine[3][:4]}-{mine[4][:4]}: the same "
         f"field in two languages, the same programme at the same time: {SPAM_BUT}",
         ground={"school_field_same_time"})
for recipient, country, company, title, start, end in [
        (R_SARA, "NO", "Volvo Cars", "Software Engineer", "2018-03", "2022-08"),
        (R_LARS, "DK", "Aker BP", "Reservoir Engineer", "2019-01", "2023-06")]:
    when = clock()
    s = sender(recipient, country=country, photo=False,
               jobs_=[("Vestas" if country == "DK" else "Telenor",
                       "Service Engineer" if country == "DK" else "Nettverksarkitekt",
                       end, ""), (company, title, start, end)])
    case("no_photo_colleague", s, recipient, when, "consider",
         f"No photo and living abroad for a home-only recipient, but was {title} at {company} "
         f"{start[:4]}-{end[:4]} at the same time as {first(recipient)}: {SPAM_BUT} "
         f"(geography would say consider too)", ground={"employer_same_time"})

# ---- C. Mutual contacts who are all hubs ----
def hub_contacts(s, hubs, when):
    for hub in hubs:
        connect(s, hub, when - DAY * rng.randint(300, 2000))


for recipient, hubs in [(R_ASTRID, HUBS), (R_LARS, HUBS[:3]), (R_KRISTINE, HUBS[1:])]:
    when = clock()
    s = sender(recipient, photo=False)
    hub_contacts(s, hubs, when)
    case("hub_only", s, recipient, when, "decline",
         f"No photo; {len(hubs)} mutual contacts, every one an open networker with over 1,000 "
         f"contacts ({', '.join(name(h) for h in hubs[:2])}, ...): {HUBS_SAY_LITTLE}, so not "
         f"verified either: {SPAM} -> decline", ground={"hub_mutual"})
for recipient in [R_HENRIK, R_CAMILLA]:
    when = clock()
    s = sender(recipient, photo=False)
    hub_contacts(s, HUBS[:2], when)
    connect(s, FRIENDS[recipient][6], when - DAY * 400)
    case("hub_only", s, recipient, when, "decline",
         f"No photo; 3 mutual contacts, but two are hubs ({name(HUBS[0])}, {name(HUBS[1])}) and "
         f"only {name(FRIENDS[recipient][6])} is not: verified common ground needs at least 2 "
         f"who are not hubs: {SPAM} -> decline", ground={"mutual"})
for recipient in [R_THOMAS, R_MARTE]:
    when = clock()
    s = sender(recipient, photo=False)
    hub_contacts(s, HUBS[:1], when)
    for friend in FRIENDS[recipient][6:8]:
        connect(s, friend, when - DAY * 700)
    case("no_photo_mutuals", s, recipient, when, "consider",
         f"No photo; 3 mutual contacts, one a hub ({name(HUBS[0])}) and two who are not "
         f"({name(FRIENDS[recipient][6])}, {name(FRIENDS[recipient][7])}): verified common "
         f"ground: {SPAM_BUT}", ground={"mutual"})
for recipient, hubs in [(R_ASTRID, HUBS[:3]), (R_HENRIK, HUBS), (R_LARS, HUBS[1:]),
                        (R_KRISTINE, HUBS)]:
    when = clock()
    s = sender(recipient)
    hub_contacts(s, hubs, when)
    case("hub_only", s, recipient, when, "consider",
         f"Photo and a serious profile ({job_text(s)}); {len(hubs)} mutual contacts, all of them "
         f"hubs ({name(hubs[0])}, ...): {HUBS_SAY_LITTLE}; {SELECTIVE_NO}",
         ground={"hub_mutual"})
for recipient, country in [(R_LARS, "DE"), (R_THOMAS, "GB"), (R_MARTE, "PL")]:
    when = clock()
    s = sender(recipient, country=country)
    hub_contacts(s, HUBS[2:] if country == "DE" else HUBS, when)
    case("hub_only", s, recipient, when, "decline",
         f"Lives in {members[s]['city']} ({country}); {first(recipient)} does business in Norway "
         f"only; the only link is mutual contacts who are all hubs: {HUBS_SAY_LITTLE}; "
         f"{FOREIGN_NO}", ground={"hub_mutual"})
for recipient in [R_CAMILLA, R_THOMAS]:
    when = clock()
    s = sender(recipient)
    hub_contacts(s, HUBS[:3], when)
    case("hub_only", s, recipient, when, "accept",
         f"Photo, serious profile ({job_text(s)}), 3 mutual contacts who are all hubs (they say "
         f"little), otherwise nothing in common; {LIBERAL_RULE}", ground={"hub_mutual"})

# ---- D. Sender behaviour ----
for recipient, reports in [(R_CAMILLA, 3), (R_ALI, 4), (R_KRISTINE, 5), (R_THOMAS, 3)]:
    when = clock()
    s = sender(recipient)
    history(s, when, reports, "reported", span=DAY * 90)
    history(s, when - DAY * 100, 4, "accepted", span=DAY * 300)
    case("behaviour", s, recipient, when, "decline",
         f"Complete profile with a photo, but {reports} earlier recipients reported "
         f"{first(s)} as unknown: behaviour that marks a spammer (reported often) -> decline")
for recipient in [R_INGRID, R_ASTRID, R_NORA]:
    when = clock()
    s = sender(recipient)
    history(s, when, 18, "ignored", span=DAY * 6)
    history(s, when - HOUR * 2, 2, "accepted", span=DAY * 5)
    history(s, when - HOUR, 4, "withdrawn", span=DAY * 5)
    case("behaviour", s, recipient, when, "decline",
         f"24 invitations in the 6 days before this one, 2 of the 20 answered accepted: mass "
         f"inviting that few accept marks a spammer -> decline")
for recipient in [R_SVEN, R_MARTE, R_HENRIK]:
    when = clock()
    s = sender(recipient)
    history(s, when, 1, "reported", span=DAY * 40)
    history(s, when - DAY * 50, 8, "accepted", span=DAY * 200)
    case("behaviour", s, recipient, when, "consider",
         f"Serious profile; one earlier recipient reported {first(s)} as unknown (8 others "
         f"accepted): some behaviour against the sender, not enough to call spam -> consider")
for recipient in [R_JONAS, R_CAMILLA]:
    when = clock()
    s = sender(recipient)
    history(s, when, 12, "accepted", span=DAY * 6)
    history(s, when - HOUR, 10, "withdrawn", span=DAY * 6)
    case("behaviour", s, recipient, when, "consider",
         f"A recruiter-like burst: 22 invitations in the last 6 days, though 12 of the 12 "
         f"answered were accepted: mass inviting alone is some behaviour against the sender "
         f"-> consider")
for recipient in [R_INGRID, R_ALI]:
    when = clock()
    s = sender(recipient)
    history(s, when - DAY * 30, 13, "ignored", span=DAY * 200)
    history(s, when - DAY * 31, 2, "accepted", span=DAY * 200)
    case("behaviour", s, recipient, when, "consider",
         f"Only 2 of 15 earlier invitations were accepted over the past months: a low "
         f"acceptance rate is behaviour against the sender, short of spam -> consider")
for recipient, post in [(R_SVEN, POSTS[R_SVEN][1]), (R_KRISTINE, POSTS[R_KRISTINE][0])]:
    when = clock()
    s = sender(recipient)
    history(s, when, 4, "reported", span=DAY * 60)
    view(post, s, when - DAY * 3)
    case("behaviour", s, recipient, when, "decline",
         f"Invited from {first(recipient)}'s post (read 3 days before), but 4 earlier "
         f"recipients reported {first(s)} as unknown: provenance accepts unless the behaviour "
         f"marks a spammer, and it does -> decline", via=f"post:{post}")

# ---- E. Geography ----
for recipient, country in [(R_INGRID, "IN"), (R_SVEN, "US"), (R_MARTE, "DE"), (R_LARS, "PL"),
                           (R_THOMAS, "LT"), (R_MARTE, "GB"), (R_SVEN, "NL"),
                           (R_THOMAS, "ES")]:
    when = clock()
    s = sender(recipient, country=country)
    case("foreign_home", s, recipient, when, "decline",
         f"{job_text(s)} in {members[s]['city']} ({country}), photo and a serious profile, "
         f"nothing in common with {first(recipient)}, who does business in Norway only: "
         f"{FOREIGN_NO}")
FOREIGN_WITH_GROUND = [
    (R_LARS, "GB", dict(jobs_=[("BP", "Reservoir Engineer", "2012-01", "")]), {"industry"},
     "works in the same industry (Oil & Energy, BP)"),
    (R_SVEN, "SE", dict(studies_=[("Universitetet i Oslo", "Statsvitenskap", "Mastergrad",
                                   "2003-08", "2008-06")]), {"school"},
     "studied at Universitetet i Oslo (2003-2008, before Sven)"),
    (R_MARTE, "DK", dict(jobs_=[("Danske Bank", "Legal Counsel", "2019-01", ""),
                                ("Wikborg Rein", "Associate", "2015-09", "2018-12")]),
     {"employer_same_time"}, "was an associate at Wikborg Rein 2015-2018, with Marte"),
    (R_INGRID, "SE", dict(studies_=[("NTNU", "Bygg- og miljøteknikk", "Sivilingeniør",
                                     "2009-08", "2014-06")]), {"school_field_same_time"},
     "studied Bygg- og miljøteknikk at NTNU 2009-2014 with Ingrid"),
    (R_THOMAS, "DK", dict(jobs_=[("Maersk", "Reefer Logistics Manager", "2014-04", "")]),
     set(), "has followed Thomas for two years"),
    (R_LARS, "US", dict(jobs_=[("ExxonMobil", "Drilling Engineer", "2010-06", "")]),
     {"industry"}, "works in the same industry (Oil & Energy)"),
    (R_SVEN, "PL", dict(), {"mutual"}, "has 3 mutual contacts with Sven, none of them hubs"),
    (R_SARA, "NO", dict(studies_=[("Chalmers tekniska högskola", "Elektronikk",
                                   "Master of Science", "2002-08", "2007-06")]), {"school"},
     "studied at Chalmers (2002-2007, before Sara)"),
]
for recipient, country, background, ground, what in FOREIGN_WITH_GROUND:
    when = clock()
    s = sender(recipient, country=country, **background)
    if ground == {"mutual"}:
        for friend in FRIENDS[recipient][8:11]:
            connect(s, friend, when - DAY * 500)
    if not ground:
        follow(s, recipient, when - DAY * 730)
    case("foreign_home", s, recipient, when, "consider",
         f"Lives in {members[s]['city']} ({country}), outside {first(recipient)}'s markets "
         f"({members[recipient]['markets']}), but {what}: {FOREIGN_CG}", ground=ground)
for recipient, country in [(R_NORA, "DE"), (R_NORA, "IN"), (R_CAMILLA, "US"),
                           (R_CAMILLA, "PL"), (R_NORA, "FI")]:
    when = clock()
    s = sender(recipient, country=country)
    case("foreign_international", s, recipient, when, "accept",
         f"{job_text(s)} in {members[s]['city']} ({country}), nothing in common; "
         f"{INTERNATIONAL}; {LIBERAL_RULE}")
for recipient, country in [(R_ASTRID, "US"), (R_KRISTINE, "GB"), (R_ASTRID, "IN")]:
    when = clock()
    s = sender(recipient, country=country)
    case("foreign_international", s, recipient, when, "consider",
         f"{job_text(s)} in {members[s]['city']} ({country}), serious profile; {INTERNATIONAL}; "
         f"{SELECTIVE_NO}")
for recipient, country, background, ground, what in [
        (R_ASTRID, "SE", dict(jobs_=[("Spotify", "Engineering Manager", "2018-01", ""),
                                     ("Schibsted", "Developer", "2014-01", "2017-12")]),
         {"employer_same_time"}, "worked at Schibsted 2014-2017 at the same time as Astrid"),
        (R_KRISTINE, "DK", dict(jobs_=[("Danske Bank", "ESG Analyst", "2017-03", "")]),
         {"industry"}, "works in the same industry (Banking, Danske Bank)")]:
    when = clock()
    s = sender(recipient, country=country, **background)
    case("foreign_international", s, recipient, when, "accept",
         f"Lives in {members[s]['city']} ({country}) and {what}; {INTERNATIONAL}; {SELECTIVE_YES}",
         ground=ground)
for recipient in [R_JONAS, R_JONAS]:
    when = clock()
    s = sender(recipient, country="SE")
    case("markets_listed", s, recipient, when, "accept",
         f"Lives in Sweden ({job_text(s)}), inside Jonas's markets NO;SE; nothing in common; "
         f"{LIBERAL_RULE}")
when = clock()
s = sender(R_HENRIK, country="SE", jobs_=[("Ericsson", "Systems Engineer", "2016-02", ""),
                                          ("SINTEF", "Research Scientist", "2014-01", "2016-01")])
case("markets_listed", s, R_HENRIK, when, "accept",
     "Lives in Sweden, inside Henrik's markets NO;SE, and was at SINTEF 2014-2016 when Henrik "
     f"was there (2015): verified common ground; {SELECTIVE_YES}", ground={"employer_same_time"})
for recipient, country in [(R_JONAS, "DK"), (R_JONAS, "FI"), (R_ALI, "FI")]:
    when = clock()
    s = sender(recipient, country=country)
    case("markets_listed", s, recipient, when, "decline",
         f"Lives in {members[s]['city']} ({country}), outside {first(recipient)}'s markets "
         f"{members[recipient]['markets']}; nothing in common: {FOREIGN_NO.replace('home-only', 'listed-markets')}")
when = clock()
s = sender(R_ALI, country="DK")
case("markets_listed", s, R_ALI, when, "accept",
     f"Lives in Denmark, inside Ali's markets NO;SE;DK; nothing in common; {LIBERAL_RULE}")
for n in range(2):
    when = clock()
    s = sender(R_SARA, country="NO")
    case("foreign_home", s, R_SARA, when, "decline",
         f"A Norwegian ({job_text(s)}) writing to Sara in Göteborg, who does business in Sweden "
         f"only; nothing in common: {FOREIGN_NO}")
when = clock()
s = sender(R_INGRID, city="Bergen", country="", industry="Real Estate", profile="no_background",
           headline="Eiendomsmegler")
case("ordinary", s, R_INGRID, when, "accept",
     "Photo, headline, summary, city and industry but no country: not known to be foreign; "
     f"nothing in common; {LIBERAL_RULE}")

# ---- F. Provenance ----
for recipient, post, days in [(R_SVEN, POSTS[R_SVEN][1], 4), (R_ASTRID, POSTS[R_ASTRID][1], 9),
                              (R_LARS, POSTS[R_LARS][0], 20), (R_KRISTINE, POSTS[R_KRISTINE][1], 2),
                              (R_SARA, POSTS[R_SARA][0], 6)]:
    when = clock()
    s = sender(recipient, country=members[recipient]["country"])
    view(post, s, when - DAY * days)
    title = [p["title"] for p in posts if p["id"] == post][0]
    case("via_post", s, recipient, when, "accept",
         f"Read '{title}' {days} days before and invited {first(recipient)} from that post; "
         f"nothing else in common: {PROVENANCE}", via=f"post:{post}")
for recipient, post in [(R_KRISTINE, POSTS[R_KRISTINE][0]), (R_HENRIK, POSTS[R_HENRIK][0])]:
    when = clock()
    s = sender(recipient)
    view(post, s, when - MINUTE * 7)
    case("via_post", s, recipient, when, "accept",
         f"An account of several years read the post 7 minutes before inviting from it (the "
         f"ordinary way: read, then connect): {PROVENANCE}", via=f"post:{post}")
for recipient, appearance, country in [(R_ASTRID, TALK_ASTRID, "NO"), (R_HENRIK, TALK_HENRIK, "NO"),
                                       (R_MARTE, MEDIA_MARTE, "NO"), (R_CAMILLA, COURSE_CAMILLA, "NO"),
                                       (R_ALI, TALK_ALI, "NO"), (R_KRISTINE, TALK_KRISTINE, "NO"),
                                       (R_SARA, TALK_SARA, "SE")]:
    when = clock()
    s = sender(recipient, country=country)
    a = [x for x in appearances if x["id"] == appearance][0]
    what = {"talk": "heard the talk", "media": "saw the interview", "course": "took the course"}[a["kind"]]
    case("via_appearance", s, recipient, when, "accept",
         f"{what.capitalize()} '{a['title']}' ({a['event']}, {a['date']}) and invited from its "
         f"page; nothing else in common: {PROVENANCE}", via=f"appearance:{appearance}")
for recipient, via, country, what in [(R_LARS, f"appearance:{TALK_LARS}", "GB",
                                       "heard Lars's talk at ONS 2026"),
                                      (R_MARTE, f"post:{POSTS[R_MARTE][0]}", "SE",
                                       "read Marte's post on åpenhetsloven 5 days before")]:
    when = clock()
    s = sender(recipient, country=country)
    if via.startswith("post:"):
        view(int(via[5:]), s, when - DAY * 5)
    case("via_foreign", s, recipient, when, "accept",
         f"Lives in {members[s]['city']} ({country}), outside a home-only recipient's market, "
         f"but {what} and invited from it: {PROVENANCE} (the article's only exception is a "
         f"spammer's behaviour)", via=via)
for recipient, post in [(R_ASTRID, POSTS[R_ASTRID][0]), (R_THOMAS, POSTS[R_THOMAS][0])]:
    when = clock()
    s = sender(recipient, photo=False, created=when - DAY * 900)
    view(post, s, when - DAY * 12)
    case("via_post", s, recipient, when, "accept",
         f"No photo, but a full profile on a 2-year-old account that read the post 12 days "
         f"before inviting from it: provenance is verified, and the article names only a "
         f"spammer's behaviour as an exception: {PROVENANCE}", via=f"post:{post}")
for recipient, post in [(R_SVEN, POSTS[R_SVEN][0]), (R_LARS, POSTS[R_LARS][1])]:
    when = clock()
    s = sender(recipient)
    case("via_unverified", s, recipient, when, "consider",
         f"Claims to come from {first(recipient)}'s post, but no read of it is recorded: no "
         f"provenance; nothing else in common; {SELECTIVE_NO}", via=f"post:{post}")
when = clock()
s = sender(R_KRISTINE)
case("via_unverified", s, R_KRISTINE, when, "consider",
     "Invited from the page of Kristine's podcast episode, which is not recorded until "
     f"2026-11-05: nobody can have heard it yet, no provenance; {SELECTIVE_NO}",
     via=f"appearance:{PODCAST_KRISTINE}")
when = clock()
s = sender(R_HENRIK)
view(POSTS[R_HENRIK][0], s, when + HOUR * 3)
case("via_unverified", s, R_HENRIK, when, "consider",
     "Invited from Henrik's post but read it only 3 hours after inviting: no provenance; "
     f"nothing else in common; {SELECTIVE_NO}", via=f"post:{POSTS[R_HENRIK][0]}")

# ---- G. Gamed and fresh attention ----
def gamed(recipient, when, *, photo=True, country="NO", minutes=None):
    """An account made minutes before inviting, with a made-up full profile, that
    follows, reads and comments within those minutes."""
    minutes = minutes or rng.randint(8, 25)
    s = sender(recipient, country=country, photo=photo, created=when - MINUTE * minutes,
               contacts_=0)
    follow(s, recipient, when - MINUTE * (minutes - 2))
    post = POSTS[recipient][0]
    view(post, s, when - MINUTE * (minutes - 3))
    comment(post, s, rng.choice(["Great insights! Let's connect.", "Så bra skrevet!",
                                 "Very inspiring, thank you!"]), when - MINUTE * 2)
    return s, minutes


for recipient in [R_SVEN, R_ASTRID, R_LARS, R_KRISTINE]:
    when = clock()
    s, minutes = gamed(recipient, when)
    case("gamed", s, recipient, when, "consider",
         f"Account created {minutes} minutes before inviting; followed, read and commented on "
         f"{first(recipient)}'s post within those minutes; a photo and a plausible profile, "
         f"nothing verifiable in common: {FRESH}; a new account without verified common "
         f"ground -> consider (never accept)")
for recipient in [R_INGRID, R_CAMILLA, R_ALI]:
    when = clock()
    s, minutes = gamed(recipient, when)
    case("gamed", s, recipient, when, "consider",
         f"Account created {minutes} minutes before inviting, with a fresh follow, read and "
         f"comment: {FRESH}; even the liberal default does not accept a new account without "
         f"verified common ground -> consider")
for recipient in [R_SVEN, R_CAMILLA, R_KRISTINE]:
    when = clock()
    s, minutes = gamed(recipient, when)
    case("gamed", s, recipient, when, "consider",
         f"Account created {minutes} minutes before inviting from {first(recipient)}'s post, "
         f"read {minutes - 3} minutes before: provenance from a brand-new account is no "
         f"provenance ({FRESH}) -> consider, not accept", via=f"post:{POSTS[recipient][0]}")
for recipient in [R_MARTE, R_NORA]:
    when = clock()
    s, minutes = gamed(recipient, when, photo=False)
    case("gamed", s, recipient, when, "decline",
         f"Account created {minutes} minutes before, no photo, fresh follow and comment: {FRESH}; "
         f"{SPAM} -> decline")
when = clock()
s, minutes = gamed(R_ASTRID, when)
case("gamed", s, R_ASTRID, when, "consider",
     f"Account created {minutes} minutes before, with a fresh follow, read and comment; the "
     f"note names Astrid's real post on Kotlin Multiplatform, but a note is the sender's own "
     f"claim, not verified: {FRESH}; a new account without verified common ground -> "
     f"consider", note="Loved your post on Kotlin Multiplatform! Let's connect.")
when = clock()
s, minutes = gamed(R_MARTE, when, country="US")
case("gamed", s, R_MARTE, when, "decline",
     f"Account created {minutes} minutes before in the US, fresh follow and comment ({FRESH}): "
     f"nothing counts, so no common ground; {FOREIGN_NO}")
for recipient in [R_HENRIK, R_LARS]:
    when = clock()
    s = sender(recipient)
    follow(s, recipient, when - HOUR * 5)
    comment(POSTS[recipient][0], s, "Interessant, takk for at du deler.", when - HOUR * 3)
    case("fresh_attention", s, recipient, when, "consider",
         f"An established account (since {members[s]['created_at'][:4]}) that followed "
         f"{first(recipient)} 5 hours and commented 3 hours before inviting: {FRESH}; "
         f"{SELECTIVE_NO}")
when = clock()
s = sender(R_SARA, country="SE")
follow(s, R_SARA, when - HOUR * 20)
view(POSTS[R_SARA][0], s, when - HOUR * 19)
case("fresh_attention", s, R_SARA, when, "consider",
     f"A Swede on an old account who followed Sara 20 hours and read her post 19 hours before "
     f"inviting: {FRESH}; {SELECTIVE_NO}")
for recipient, company, title, start in [(R_ASTRID, "Kahoot!", "Product Designer", "2023-02"),
                                         (R_SVEN, "Cognite", "Data Engineer", "2021-06")]:
    when = clock()
    s = sender(recipient, created=when - DAY * rng.randint(2, 5),
               jobs_=[(company, title, start, "")])
    case("new_account", s, recipient, when, "accept",
         f"A new account ({(when - at(members[s]['created_at'][:16])).days} days old), but "
         f"{title} at {company} since {start[:4]}, {first(recipient)}'s colleague now: a new "
         f"member with verified common ground; {SELECTIVE_YES}",
         ground={"employer_same_time"})
for recipient in [R_THOMAS, R_JONAS]:
    when = clock()
    s = sender(recipient, created=when - DAY * 2)
    case("new_account", s, recipient, when, "consider",
         f"Account created 2 days before inviting, serious-looking profile, nothing in "
         f"common: a new account without verified common ground -> consider")

# ---- H. Notes that claim visibility ----
for recipient, note in [
        (R_SVEN, "Leste innlegget ditt om ingest-tjenesten i Rust. Vi vurderer det samme!"),
        (R_ASTRID, "I enjoyed your post on Kotlin Multiplatform, we are trying it too."),
        (R_LARS, "Takk for innlegget om CO2-lagring, nyttig for oss i Northern Lights."),
        (R_KRISTINE, "Read your article on CSRD reporting, very useful.")]:
    when = clock()
    s = sender(recipient)
    case("claim_matched", s, recipient, when, "accept",
         f"Serious profile, nothing else in common; the note names a post that "
         f"{first(recipient)} did publish (visibility, though unverified): common ground; "
         f"{SELECTIVE_YES}", note=note)
for recipient, note in [
        (R_KRISTINE, "I read your post about blockchain in banking, would love to connect."),
        (R_SVEN, "Likte foredraget ditt om kunstig intelligens i helse."),
        (R_ASTRID, "Great talk at Web Summit last year!"),
        (R_HENRIK, "Så innlegget ditt om hydrogenferjer, spennende!")]:
    when = clock()
    s = sender(recipient)
    case("claim_unmatched", s, recipient, when, "consider",
         f"The note claims a post or talk of {first(recipient)}'s that does not exist (article: "
         f"a claim that matches nothing is not a reason); nothing else in common; {SELECTIVE_NO}",
         note=note)
for recipient, note in [(R_ASTRID, "Heard your talk at JavaZone, great stuff!"),
                        (R_KRISTINE, "Hørte foredraget ditt på Oslo Business Forum.")]:
    when = clock()
    s = sender(recipient)
    case("claim_matched", s, recipient, when, "accept",
         f"The note names {first(recipient)}'s talk and its event, which took place: "
         f"visibility (unverified, no provenance) is common ground; {SELECTIVE_YES}", note=note)
when = clock()
s = sender(R_LARS, country="GB")
case("claim_matched", s, R_LARS, when, "consider",
     f"Lives in Aberdeen (GB), outside Lars's home market; the note names his post on "
     f"CO2-lagring, which exists: {FOREIGN_CG}",
     note="Read your post on CO2-lagring, we face the same questions in Aberdeen.")
when = clock()
s = sender(R_MARTE, country="DE")
case("claim_unmatched", s, R_MARTE, when, "decline",
     f"Lives in Germany; the note claims an article on GDPR fines that Marte never published "
     f"(not a reason); nothing in common: {FOREIGN_NO}",
     note="I read your article about GDPR fines, let's connect.")
for recipient, note in [(R_INGRID, "Loved your talk on offshore wind!"),
                        (R_THOMAS, "Leste artikkelen din om oppdrett i Chile.")]:
    when = clock()
    s = sender(recipient)
    case("claim_unmatched", s, recipient, when, "accept",
         f"The note claims something {first(recipient)} never published (not a reason), but "
         f"the profile is serious and {LIBERAL_RULE.replace('liberal', 'the recipient is liberal;')}",
         note=note)

# ---- I. Seasoned visibility ----
for recipient, country in [(R_ASTRID, "NO"), (R_LARS, "NO"), (R_SARA, "SE")]:
    when = clock()
    s = sender(recipient, country=country)
    follow(s, recipient, when - DAY * rng.randint(60, 400))
    case("visibility", s, recipient, when, "accept",
         f"Has followed {first(recipient)} for months (seasoned, from an established account), "
         f"serious profile: visibility is common ground; {SELECTIVE_YES}")
for recipient in [R_SVEN, R_KRISTINE]:
    when = clock()
    s = sender(recipient)
    comment(POSTS[recipient][0], s, "Godt poeng. Vi har sett det samme hos oss.", when - DAY * 30)
    case("visibility", s, recipient, when, "accept",
         f"Commented on {first(recipient)}'s post a month before inviting: seasoned visibility "
         f"is common ground; serious profile; {SELECTIVE_YES}")
for recipient in [R_HENRIK, R_KRISTINE]:
    when = clock()
    s = sender(recipient)
    view(POSTS[recipient][-1], s, when - DAY * 10)
    case("visibility", s, recipient, when, "accept",
         f"Read {first(recipient)}'s post 10 days before inviting (seasoned read): visibility "
         f"is common ground; serious profile; {SELECTIVE_YES}")
for recipient in [R_ASTRID, R_HENRIK]:
    when = clock()
    s = sender(recipient)
    follow(recipient, s, when - DAY * 200)
    case("visibility", s, recipient, when, "accept",
         f"{first(recipient)} has followed {first(s)} for half a year (the recipient's own "
         f"choice); serious profile; {SELECTIVE_YES}")
for recipient in [R_LARS, R_SVEN]:
    when = clock()
    s = sender(recipient, profile="no_education")
    follow(s, recipient, when - DAY * 150)
    case("visibility", s, recipient, when, "consider",
         f"Has followed {first(recipient)} for five months, but lists no education (experience "
         f"only, not a serious profile by the article): common ground without a serious "
         f"profile or verified ground; selective -> consider")

# ---- J. Common ground from the profiles ----
for recipient, country, company, title, start in [
        (R_SVEN, "NO", "Cognite", "Senior Data Scientist", "2018-04"),
        (R_KRISTINE, "NO", "DNB", "Bærekraftsanalytiker", "2020-09"),
        (R_HENRIK, "NO", "Kongsberg Maritime", "Prosjektleder", "2014-05"),
        (R_SARA, "SE", "Volvo Cars", "Software Architect", "2016-01")]:
    when = clock()
    s = sender(recipient, country=country, jobs_=[(company, title, start, "")])
    case("common_ground", s, recipient, when, "accept",
         f"{title} at {company} since {start[:4]}, a colleague of {first(recipient)}'s now: "
         f"verified common ground; {SELECTIVE_YES}", ground={"employer_same_time"})
for recipient, company, title, start, end in [
        (R_LARS, "Equinor", "Reservoaringeniør", "2003-08", "2010-12"),
        (R_KRISTINE, "Deloitte", "Manager", "2020-01", "2024-05")]:
    when = clock()
    s = sender(recipient, jobs_=[("Statkraft", "Seniorrådgiver", end, ""),
                                 (company, title, start, end)])
    case("common_ground", s, recipient, when, "accept",
         f"Was {title} at {company} {start[:4]}-{end[:4]}, not when {first(recipient)} was: "
         f"the same employer at other times is common ground (not verified); serious "
         f"profile; {SELECTIVE_YES}", ground={"employer"})
for recipient, school, field, start, end in [
        (R_SVEN, "Universitetet i Oslo", "Informatikk", "2011-08", "2016-06"),
        (R_LARS, "Universitetet i Stavanger", "Petroleumsteknologi", "2007-08", "2012-06"),
        (R_ASTRID, "Universitetet i Oslo", "Informatikk", "2009-08", "2014-06")]:
    when = clock()
    s = sender(recipient, studies_=[(school, field, "Mastergrad", start, end)])
    case("common_ground", s, recipient, when, "accept",
         f"Studied {field} at {school} {start[:4]}-{end[:4]}, the same programme at the same "
         f"time as {first(recipient)}: verified common ground; {SELECTIVE_YES}",
         ground={"school_field_same_time"})
for recipient, school, field, start, end, ground in [
        (R_HENRIK, "NTNU", "Marin teknikk", "2012-08", "2017-06", "school_same_time"),
        (R_KRISTINE, "Norges Handelshøyskole", "Finans", "2016-08", "2021-06", "school")]:
    when = clock()
    s = sender(recipient, studies_=[(school, field, "Mastergrad", start, end)])
    case("common_ground", s, recipient, when, "accept",
         f"Studied {field} at {school} {start[:4]}-{end[:4]} ({first(recipient)} studied "
         f"{studies[recipient][0][1]} there): the same school is common ground; serious "
         f"profile; {SELECTIVE_YES}", ground={ground})
for recipient, school, field in [(R_SVEN, "NTNU", "Informatikk"),
                                 (R_LARS, "NTNU", "Petroleumsteknologi")]:
    when = clock()
    s = sender(recipient, studies_=[(school, field, "Mastergrad", "2004-08", "2009-06")])
    case("common_ground", s, recipient, when, "accept",
         f"Studied {field} at {school}, the same field as {first(recipient)} at another "
         f"school: common ground; serious profile; {SELECTIVE_YES}", ground={"field"})
for recipient, school, field in [(R_SVEN, "University of Edinburgh", "Computer Science"),
                                 (R_HENRIK, "Technische Universität München",
                                  "Mechanical Engineering"),
                                 (R_LARS, "University of Texas at Austin", "Petroleum Engineering"),
                                 (R_KRISTINE, "London School of Economics", "Economics")]:
    when = clock()
    s = sender(recipient, studies_=[(school, field, "Master of Science", "2006-09", "2011-06")])
    mine = studies[recipient][0][1]
    case("two_languages", s, recipient, when, "accept",
         f"A Norwegian who studied '{field}' at {school}; {first(recipient)} studied '{mine}': "
         f"the same field in two languages is common ground; serious profile; {SELECTIVE_YES}",
         ground={"field"})
for recipient, company, title in [(R_SVEN, "Visma", "Utvikler"),
                                  (R_KRISTINE, "SpareBank 1 SR-Bank", "Kredittsjef")]:
    when = clock()
    s = sender(recipient, jobs_=[(company, title, "2017-03", "")])
    case("common_ground", s, recipient, when, "accept",
         f"{title} at {company}: the same industry ({members[recipient]['industry']}) is common "
         f"ground; serious profile; {SELECTIVE_YES}", ground={"industry"})
for recipient, country in [(R_LARS, "NO"), (R_KRISTINE, "NO"), (R_SARA, "SE")]:
    when = clock()
    s = sender(recipient, country=country)
    for friend in FRIENDS[recipient][1:4]:
        connect(s, friend, when - DAY * rng.randint(100, 900))
    case("mutual_contacts", s, recipient, when, "accept",
         f"3 mutual contacts, none of them hubs ({name(FRIENDS[recipient][1])}, "
         f"{name(FRIENDS[recipient][2])}, {name(FRIENDS[recipient][3])}): verified common "
         f"ground; {SELECTIVE_YES}", ground={"mutual"})
for recipient in [R_ASTRID, R_HENRIK]:
    when = clock()
    s = sender(recipient)
    connect(s, FRIENDS[recipient][9], when - DAY * 300)
    case("mutual_contacts", s, recipient, when, "accept",
         f"One mutual contact who is not a hub ({name(FRIENDS[recipient][9])}): common ground; "
         f"serious profile; {SELECTIVE_YES}", ground={"mutual"})
for recipient, company, title in [(R_SVEN, "Visma", "Frontendutvikler"),
                                  (R_LARS, "Vår Energi", "Boreleder")]:
    when = clock()
    s = sender(recipient, profile="no_education", jobs_=[(company, title, "2019-09", "")])
    case("common_ground", s, recipient, when, "consider",
         f"The same industry ({members[recipient]['industry']}, {company}) but no education "
         f"listed: common ground without a serious profile or verified ground; selective -> "
         f"consider", ground={"industry"})
for recipient, country, school, field in [
        (R_SVEN, "SE", "Uppsala universitet", "Computer Science"),
        (R_MARTE, "PL", "Uniwersytet Jagielloński", "Law")]:
    when = clock()
    s = sender(recipient, country=country, studies_=[(school, field, "Master", "2008-10",
                                                       "2013-06")])
    mine = studies[recipient][0][1]
    case("two_languages", s, recipient, when, "consider",
         f"Lives in {members[s]['city']} ({country}), outside {first(recipient)}'s home market; "
         f"studied '{field}', the same field as {first(recipient)}'s '{mine}' in another "
         f"language: {FOREIGN_CG}", ground={"field"})

# ---- K. Ordinary invitations ----
for recipient in [R_INGRID, R_MARTE, R_THOMAS, R_CAMILLA, R_ALI, R_JONAS]:
    when = clock()
    s = sender(recipient)
    case("ordinary", s, recipient, when, "accept",
         f"{job_text(s)}, a serious profile with a photo, nothing in common with "
         f"{first(recipient)}: no spam signs; {LIBERAL_RULE}")
for recipient in [R_MARTE, R_CAMILLA, R_NORA]:
    when = clock()
    s = sender(recipient, profile="no_background")
    case("ordinary", s, recipient, when, "accept",
         f"Photo, headline ('{members[s]['headline']}'), summary, city and industry but no "
         f"experience or education listed: not thin (4 of 6 sections), not serious either; "
         f"{LIBERAL_RULE}")
for recipient, country in [(R_SVEN, "NO"), (R_ASTRID, "NO"), (R_HENRIK, "NO"), (R_LARS, "NO"),
                           (R_KRISTINE, "NO"), (R_SARA, "SE")]:
    when = clock()
    s = sender(recipient, country=country)
    case("ordinary", s, recipient, when, "consider",
         f"{job_text(s)}, serious profile, nothing in common with {first(recipient)}: "
         f"{SELECTIVE_NO}")
for recipient, note in [
        (R_THOMAS, "Hei Thomas! Vi satt ved samme bord på Sjømatdagene i Tromsø."),
        (R_INGRID, "Hei Ingrid, jeg er ny i bransjen og vil gjerne bygge nettverk.")]:
    when = clock()
    s = sender(recipient)
    case("ordinary", s, recipient, when, "accept",
         f"A personal note, a serious profile, nothing in common on the profiles: "
         f"{LIBERAL_RULE}", note=note)


# ---------------------------------------------------------------------------------------
# Check every case's declared common ground against the profiles, then write the files.


def overlap(a_start, a_end, b_start, b_end):
    if not a_start or not b_start:
        return False
    return a_start < (b_end or "9999") and b_start < (a_end or "9999")


def common_ground(s, r):
    found = set()
    weights = {"school_field_same_time": 4, "school_field": 3, "school_same_time": 2.5,
               "school": 2, "field": 1}
    best = None
    for school, field, _, start, end in studies[s]:
        for school2, field2, _, start2, end2 in studies[r]:
            same_field = FIELD_CONCEPT[field] == FIELD_CONCEPT[field2]
            if school == school2:
                together = overlap(start, end, start2, end2)
                signal = ("school_field" if same_field else "school") + \
                         ("_same_time" if together else "")
            elif same_field:
                signal = "field"
            else:
                continue
            if best is None or weights[signal] > weights[best]:
                best = signal
    if best:
        found.add(best)
    employer = None
    for company, _, start, end in jobs[s]:
        for company2, _, start2, end2 in jobs[r]:
            if company == company2:
                if overlap(start, end, start2, end2):
                    employer = "employer_same_time"
                elif employer is None:
                    employer = "employer"
    if employer:
        found.add(employer)
    elif members[s]["industry"] and members[s]["industry"] == members[r]["industry"]:
        found.add("industry")
    mutual = contacts[s] & contacts[r]
    if any(len(contacts[m]) < 1000 for m in mutual):
        found.add("mutual")
    elif mutual:
        found.add("hub_mutual")
    return found


for ident, s, r, ground in declared:
    found = common_ground(s, r)
    assert found == set(ground), (ident, name(s), name(r), sorted(found), sorted(ground))
    assert r not in contacts[s], (ident, "already connected")
for hub in HUBS:
    assert len(contacts[hub]) >= 1000, hub
pending = [(i["from"], i["to"]) for i in invitations if i["state"] == "pending"]
assert len(set(frozenset(p) for p in pending)) == len(pending), "two pending in one pair"
assert len(labels) == len(pending)


def write(file, columns, rows):
    with open(os.path.join(HERE, file), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] if isinstance(row, dict) else row[n]
                             for n, c in enumerate(columns)])


write("members.csv", MEMBER_COLUMNS, [members[i] for i in sorted(members)])
write("organizations.csv", ["id", "kind", "name", "industry", "country"],
      sorted([(ident, kind, org_name, industry, country)
              for org_name, (ident, kind, industry, country) in ORGS.items()]))
write("positions.csv", ["member_id", "organization_id", "title", "start", "end"],
      [(m, ORGS[o][0], title, start, end) for m in sorted(jobs) for o, title, start, end in jobs[m]])
write("educations.csv", ["member_id", "school_id", "field", "degree", "start", "end"],
      [(m, ORGS[s][0], field, degree, start, end)
       for m in sorted(studies) for s, field, degree, start, end in studies[m]])
write("connections.csv", ["a", "b", "created_at"],
      [(a, b, when) for (a, b), when in sorted(connections.items())])
write("follows.csv", ["follower", "followee", "created_at"],
      [(f, e, when) for (f, e), when in sorted(follows.items())])
write("posts.csv", ["id", "author", "title", "body", "created_at", "views"], posts)
write("comments.csv", ["id", "post_id", "author", "body", "created_at"], comments)
write("post_views.csv", ["post_id", "viewer", "at"], post_views)
write("appearances.csv", ["id", "member_id", "kind", "title", "event", "date", "place", "link",
                          "created_at"], appearances)
write("invitations.csv", ["id", "from", "to", "note", "created_at", "state", "via"],
      sorted(invitations, key=lambda i: i["id"]))
write("labels.csv", ["invitation_id", "label", "reason", "case"],
      [(i, label, reason, family) for i, label, reason, family in sorted(labels)])

counts = {}
for _, label, _, family in labels:
    counts.setdefault(family, {}).setdefault(label, 0)
    counts[family][label] += 1
print(f"{len(labels)} labelled invitations, {len(members)} members, "
      f"{len(connections)} connections")
for family in sorted(counts):
    print(f"  {family:24} {counts[family]}")
