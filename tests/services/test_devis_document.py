"""The quote (devis) as the patient receives it: in French, dated, line by line, with who
operates, that the Assurance Maladie does not cover it, and the article it must reproduce."""

from rejuv_desktop.cli import main as cli_main
from rejuv_desktop.domain import legal
from rejuv_desktop.services import devis
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import practitioners as pr
from tests.cli_login import DEMO_PASSWORD, login
from tests.documents.docs_helpers import full_text, squash
from tests.devis_helpers import actor, france, patient, prices  # noqa: F401 - fixtures
from tests.devis_helpers import signed_devis
from tests.session_helpers import add_plan


def test_the_quote_prints_the_lines_the_statement_and_the_article(store, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    issued = devis.issue_devis(store, plan, operator="Dr Paul Girard")
    text = squash(full_text(sd.pdf_bytes(store, issued.id)))
    assert squash("non pris en charge par l’Assurance Maladie") in text
    article = legal.load_rules("FR").devis["fat_transfer"].article
    assert squash(article.title) in text and squash(article.text) in text
    # The article's text is still to be confirmed: the quote says so rather than passing a
    # summary off as the law.
    assert not article.verified and squash(article.unverified_note) in text
    for words in ("Devis détaillé", "Intervention réalisée par", "Dr Paul Girard",
                  "Transfert de graisse autologue aux deux mains : honoraires", "2 400,00 €",
                  "Montant total : 2 550,00 € TTC", "15 jours", issued.number):
        assert squash(words) in text, words
    assert "Patient's initials" not in text and "Page 1 of" not in text


def test_the_signed_quote_and_the_practitioners_own_lines(store, clock, patient, france):
    plan = add_plan(store, patient, "fat_transfer")
    custom = [{"label": "Honoraires du chirurgien", "quantity": "1", "unit_amount": "1800"},
              {"label": "Produit : canules stériles", "quantity": "2", "unit_amount": "45,50"}]
    issued = devis.issue_devis(store, plan, custom)
    _issued, signed = signed_devis(store, add_plan(store, patient, "fat_transfer"))
    text = squash(full_text(sd.pdf_bytes(store, signed)))
    assert squash("Signé à l’écran le") in text and squash("Marie Dupont") in text
    # No registration number on file: no empty place for it in the countersignature.
    assert squash("Validé à l’écran par Dr Claire Martin, le") in text
    first = squash(full_text(sd.pdf_bytes(store, issued.id)))
    assert squash("1 891,00 €") in first and squash("45,50 €") in first


def test_print_devis_from_the_command_line(store, db_path, patient, france, tmp_path, capsys,
                                           monkeypatch):
    plan = add_plan(store, patient, "fat_transfer")
    devis.issue_devis(store, plan, [{"label": "Honoraires", "quantity": "1",
                                     "unit_amount": "2000"}], operator="Dr Paul Girard")
    out = tmp_path / "devis.pdf"
    pr.change_password(store, store.actor_id, DEMO_PASSWORD)
    store.close()  # the command opens the database itself
    code = cli_main(["print", "devis", "--db", str(db_path), "--patient", str(patient),
                     "--procedure", "fat_transfer", "--out", str(out),
                     *login(tmp_path / "pw", str(patient and 1))])
    assert code == 0, capsys.readouterr()
    assert "Devis DV-" in capsys.readouterr().out
    text = squash(full_text(out.read_bytes()))
    assert squash("2 000,00 €") in text and squash("Dr Paul Girard") in text
