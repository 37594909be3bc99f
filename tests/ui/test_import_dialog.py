from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui.import_dialog import ImportDialog


def test_import_dialog_reports_lines_and_imports(qtbot, store, tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_text("given_name,family_name,date_of_birth\nZoë,Łukasiewicz,12/03/1971\n"
                   "Jan,,01/01/1970\n", encoding="utf-8")
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(csv))
    dialog.run()
    assert "Nothing imported" in dialog.report.toPlainText()
    assert "line 3" in dialog.report.toPlainText()
    assert sp.count_patients(store) == 0
    dialog.skip.setChecked(True)
    dialog.run()
    assert "Imported 1 patient" in dialog.report.toPlainText()
    assert sp.count_patients(store) == 1 and dialog.imported == 1
