"""A user opens the batch reports from Inventory > Reporting, shows one on
screen and prints another as PDF."""
import subprocess


def test_balance_report_screen_and_pdf(web, tmp_path):
    web.login().open_action("cloudoffice_lots.action_lot_balance_wizard")
    page = web.page
    dialog = page.wait_for_selector(".modal .o_form_view", timeout=60000)
    assert dialog.is_visible()
    assert page.inner_text(".modal .modal-title").strip() == "Batch Balance"
    page.click(".modal button[name=action_show]")
    page.wait_for_selector(".o_list_view", timeout=60000)
    assert "Batch Balance at" in page.inner_text(".o_control_panel .breadcrumb")

    web.open_action("cloudoffice_lots.action_lot_balance_wizard")
    page.wait_for_selector(".modal .o_form_view", timeout=60000)
    with page.expect_download(timeout=120000) as download_info:
        page.click(".modal button[name=action_print]")
    pdf = tmp_path / "balance.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Batch Balance at" in text
    assert "Closing" in text
    assert web.js_errors == []
    assert web.server.errors_in_log() == []
