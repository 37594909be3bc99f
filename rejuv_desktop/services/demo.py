"""A demo clinic: realistic, deterministic records for trying the app and for screenshots."""

from __future__ import annotations

import random
from datetime import date, timedelta

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import patients as patients_repo

# (given, family, sex, language) — names from the clinic's real mix of patients: accents,
# Polish, Greek, Cyrillic and East Asian scripts among them.
NAMES = [
    ("Zoë", "Łukasiewicz-Ødegård", "female", "en"), ("Eléna", "Moreau", "female", "fr"),
    ("Margaret", "O'Brien", "female", "en"), ("Ελένη", "Παπαδοπούλου", "female", "en"),
    ("Анна", "Смирнова", "female", "en"), ("Łucja", "Wiśniewska", "female", "en"),
    ("Françoise", "Lefèvre", "female", "fr"), ("Siobhán", "Ní Bhriain", "female", "en"),
    ("Małgorzata", "Żółkiewska", "female", "en"), ("Hélène", "Dubois", "female", "fr"),
    ("Jane", "Whitfield", "female", "en"), ("Αικατερίνη", "Γεωργίου", "female", "en"),
    ("Ольга", "Кузнецова", "female", "en"), ("Chloé", "Garnier", "female", "fr"),
    ("Patricia", "Henderson", "female", "en"), ("Agnieszka", "Kowalczyk", "female", "en"),
    ("Renée", "Bélanger", "female", "fr"), ("Susan", "McAllister", "female", "en"),
    ("芳", "王", "female", "en"), ("Yuki", "Tanaka", "female", "en"),
    ("Ingrid", "Sørensen", "female", "en"), ("Maëlle", "Le Goff", "female", "fr"),
    ("Dorota", "Szymańska", "female", "en"), ("Linda", "Fairbanks", "female", "en"),
    ("Gwen", "Llewellyn", "female", "en"), ("Αναστασία", "Νικολάου", "female", "en"),
    ("Татьяна", "Волкова", "female", "en"), ("Béatrice", "Rousseau", "female", "fr"),
    ("Carol", "Ashworth", "female", "en"), ("Zofia", "Dąbrowska", "female", "en"),
    ("Nathalie", "Fournier", "female", "fr"), ("Elizabeth", "Carrington", "female", "en"),
    ("Mónica", "Fernández", "female", "en"), ("Aoife", "Ó Súilleabháin", "female", "en"),
    ("Jolanta", "Wójcik", "female", "en"), ("Sophie", "Girard", "female", "fr"),
    ("Barbara", "Pemberton", "female", "en"), ("Ирина", "Соколова", "female", "en"),
    ("Δήμητρα", "Κωνσταντίνου", "female", "en"), ("Amélie", "Chevalier", "female", "fr"),
    ("Helen", "Thornbury", "female", "en"), ("Ewa", "Kamińska", "female", "en"),
    ("Sylvie", "Mercier", "female", "fr"), ("Deborah", "Quinlan", "female", "en"),
    ("Kirsten", "Åberg", "female", "en"), ("Gillian", "Prescott", "female", "en"),
    ("Joanna", "Lewandowska", "female", "en"), ("Céline", "Bonnet", "female", "fr"),
    ("Fiona", "MacLeod", "female", "en"), ("민지", "김", "female", "en"),
    ("Rachel", "Goldstein", "female", "en"), ("Isabelle", "Lambert", "female", "fr"),
    ("Priya", "Raman", "female", "en"), ("Karen", "Blackwood", "female", "en"),
    ("Michael", "Harrington", "male", "en"), ("Jean-Luc", "Fabre", "male", "fr"),
    ("Paweł", "Nowak", "male", "en"), ("Γιώργος", "Αντωνίου", "male", "en"),
    ("Дмитрий", "Иванов", "male", "en"), ("Robert", "Llewellyn-Jones", "male", "en"),
]
STREETS = ["High Street", "Church Lane", "Station Road", "Victoria Road", "Mill Lane",
           "rue de la République", "Park Avenue", "Queen's Road"]
TOWNS = ["Bath BA1", "Harrogate HG1", "Cheltenham GL50", "Guildford GU1", "Chester CH1",
         "York YO1", "Winchester SO23", "Lyon 69002"]
DEMO_PASSWORD = "demo-clinic"
DEMO_PRACTITIONERS = [
    {"name": "Claire Martin", "title": "Dr", "registration": "GMC 7123456", "role": "admin",
     "is_doctor": True},
    {"name": "Samuel Okafor", "title": "Dr", "registration": "GMC 7654321", "is_doctor": True},
    {"name": "Aisha Rahman", "title": "Nurse", "registration": "NMC 12A3456E"},
]
NOTES = ["", "", "Prefers morning appointments.", "Referred by Dr Ahmed (GP).",
         "Works as a pianist: discuss downtime for the hands.",
         "Needle-anxious: allow extra time.", "Interpreter not needed.",
         "Allergy to sticking plaster (contact dermatitis) — use paper tape."]


def build_demo(store, today: date | None = None, seed: int = 2026, story: bool = True) -> dict:
    """Fill an empty database with a demo clinic; returns counts. Deterministic for a date."""
    today = today or store.clock().date()
    rng = random.Random(seed)
    for person in DEMO_PRACTITIONERS:
        pid = pr.create_practitioner(store, person, DEMO_PASSWORD)
        store.actor_id = store.actor_id or pid  # the first, an administrator, adds the others
    with store.write():
        sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                               "clinic_address": "12 Quay Street, Bristol BS1 4DJ",
                               "clinic_phone": "0117 496 0000",
                               "clinic_out_of_hours_phone": "0117 496 0999",
                               "clinic_country": "GB"})
        ids = []
        for i, (given, family, sex, lang) in enumerate(NAMES):
            age = rng.randint(38, 74)
            dob = today.replace(year=today.year - age) - timedelta(days=rng.randint(1, 360))
            digits = f"07700 9{rng.randint(0, 99999):05d}"
            record = dp.validate_patient({
                "given_name": given, "family_name": family, "date_of_birth": dob.isoformat(),
                "sex": sex, "phone": digits, "preferred_language": lang,
                "email": f"patient{i + 1}@example.org" if rng.random() < 0.7 else "",
                "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}",
                "fitzpatrick": rng.choice(["I", "II", "II", "III", "III", "IV", "V", "VI"]),
                "notes": NOTES[i % len(NOTES)],
            }, today)
            ids.append(patients_repo.insert(store, record))
        patients_repo.set_archived(store, ids[-1], True)
    counts = {"patients": len(ids), "archived": 1, "practitioners": len(DEMO_PRACTITIONERS)}
    if story:
        from rejuv_desktop.services.demo_clinic import build_story

        counts.update(build_story(store, today))
    return counts
