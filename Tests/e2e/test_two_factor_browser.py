"""Two-factor sign-in through a real browser, on a server of its own (so the demo admin starts
without a second factor whatever other tests did): the admin is sent to set it up, the QR code the
server drew decodes with a real decoder (zxing-cpp, from a PNG screenshot) to the otpauth address,
a code computed here confirms it, and the next sign-in asks for a code before /equipe."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from selenium.webdriver.common.by import By

from browser_helpers import (
    assert_no_axe_violations,
    confirm_second_factor_setup,
    h1_text,
    open_page,
    path_of,
    read_secret,
    start_second_factor_setup,
    submit_and_wait,
    type_second_factor_code,
)
from relais_harness import RelaisServer

pytestmark = pytest.mark.browser

ADMIN = ("admin@demo.relais.example", "relais-demo-admin")


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("relais-2fa")
    with RelaisServer(work / "relais.sqlite", work, demo=True) as server:
        yield server


def type_password(driver, base_url: str, email: str, password: str) -> None:
    open_page(driver, base_url, "/connexion")
    driver.find_element(By.ID, "champ-email").send_keys(email)
    driver.find_element(By.ID, "champ-motdepasse").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))


def sign_out(driver) -> None:
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account-nav button"))


def decode_qr(element) -> list:
    image = Image.open(io.BytesIO(element.screenshot_as_png))
    return zxingcpp.read_barcodes(image)


def test_demo_admin_enrols_with_the_qr_code_then_signs_in_with_a_code(browser, own_server):
    base_url = own_server.base_url
    type_password(browser, base_url, *ADMIN)

    # Sent to set up the second factor; /equipe stays closed until then.
    assert path_of(browser) == "/compte/double-authentification"
    assert h1_text(browser) == "Double authentification"
    assert "Obligatoire pour l’équipe et les administrateurs." in browser.page_source
    assert_no_axe_violations(browser)
    open_page(browser, base_url, "/equipe")
    assert path_of(browser) == "/compte/double-authentification"

    start_second_factor_setup(browser)
    qr = browser.find_element(By.CSS_SELECTOR, "svg.qr-code")
    results = decode_qr(qr)
    assert len(results) == 1, "zxing-cpp finds one code in the screenshot"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    secret = read_secret(browser)
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    assert results[0].text == f"otpauth://totp/Relais:{ADMIN[0]}?secret={secret}&issuer=Relais"
    assert_no_axe_violations(browser)

    codes = confirm_second_factor_setup(browser, base_url, ADMIN[0])
    assert h1_text(browser) == "Vos codes de secours"
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}", code) for code in codes), codes
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main a.button-primary"))
    assert path_of(browser) == "/equipe"
    assert h1_text(browser) == "Tableau de bord"

    # Signing in again: the password, then a code of the app, then /equipe.
    sign_out(browser)
    type_password(browser, base_url, *ADMIN)
    assert path_of(browser) == "/connexion/code"
    assert h1_text(browser) == "Code de vérification"
    assert_no_axe_violations(browser)
    type_second_factor_code(browser, base_url, ADMIN[0], trust=True)
    assert path_of(browser) == "/equipe"
    assert h1_text(browser) == "Tableau de bord"

    # This browser is now trusted: the password alone signs in, and the account page lists it.
    sign_out(browser)
    type_password(browser, base_url, *ADMIN)
    assert path_of(browser) == "/equipe"
    open_page(browser, base_url, "/compte/double-authentification")
    assert "Chrome sous Linux" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    assert_no_axe_violations(browser)


def test_a_wrong_code_is_refused_with_a_french_message(browser, own_server):
    base_url = own_server.base_url
    type_password(browser, base_url, "equipe@demo.relais.example", "relais-demo-equipe")
    start_second_factor_setup(browser)
    browser.find_element(By.ID, "champ-code").send_keys("000000")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/confirmation'] button[type=submit]"))
    assert "Ce code ne correspond pas." in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert browser.find_element(By.ID, "champ-code").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(browser)
