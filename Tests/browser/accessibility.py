#!/usr/bin/env python3
"""Accessibility check of every page, for every role, in real headless Chromium with axe-core (WCAG 2.1 A/AA).

Starts `neig serve` with demo data on a temporary SQLite database (loopback only), logs in as each demo
account, opens each page the role may use (plus error and form-error pages), runs axe-core and fails on any
violation. Screenshots go to SCREENSHOT_DIR (default .build/screenshots) so a person can look.

Usage: Tests/browser/accessibility.py PATH/TO/neig
Needs: Debian's chromium and chromium-driver; pip selenium and axe-playwright-python (--no-deps, for axe.min.js).
"""
import base64
import hmac
import os
import pathlib
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PORT = int(os.environ.get("A11Y_PORT", "18282"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-wachtwoord-neig"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROLES = {
    "coordinator": "coordinator@demo.neig.nl", "municipal_officer": "oov.amsterdam@demo.neig.nl",
    "mayor": "burgemeester.amsterdam@demo.neig.nl", "police": "politie@demo.neig.nl", "prosecutor": "om@demo.neig.nl",
    "housing_corporation": "corporatie@demo.neig.nl", "business": "ondernemers@demo.neig.nl",
    "analyst": "analist@demo.neig.nl", "admin": "beheer@demo.neig.nl",
}
EDITORS = {"police", "coordinator", "admin"}
IMPORTERS = {"analyst", "coordinator", "police", "admin"}
ANALYSTS = {"analyst", "coordinator", "police", "municipal_officer"}
CASE_ROLES = {"municipal_officer", "mayor"}
CASE_LIST = CASE_ROLES | {"police", "prosecutor", "coordinator"}
SENDERS = {"housing_corporation", "business", "police"}
SIGNAL_LIST = SENDERS | CASE_ROLES | {"coordinator"}
AXE = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def totp(secret: str, counter: int) -> str:
    """RFC 6238 with SHA-1 and six digits, as an authenticator app computes it."""
    digest = hmac.new(base64.b32decode(secret.replace(" ", "")), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def path_of(driver) -> str:
    return urllib.parse.urlparse(driver.current_url).path


def start_server(neig: str, workdir: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    server = subprocess.Popen([neig, "serve", "--port", str(PORT), "--database", f"sqlite:{workdir}/a11y.sqlite"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    for _ in range(300):
        try:
            urllib.request.urlopen(BASE + "/health", timeout=1)
            return server
        except Exception:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("neig did not start")


def browser() -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,1800", "--lang=nl-NL",
                     "--hide-scrollbars"]:
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


WIDTHS = (1366, 390)


def audit(driver, label: str, shots: pathlib.Path) -> list[str]:
    """axe and a screenshot at each width, and no sideways scrolling of the page at any of them."""
    problems = []
    for width in WIDTHS:
        driver.set_window_size(width, 1800)
        problems += [f"at {width} px: {problem}" for problem in audit_at(driver, f"{label} {width}", shots)]
        overflow = driver.execute_script(
            "const w = document.documentElement.clientWidth;"
            "if (document.documentElement.scrollWidth <= w) return [];"
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1"
            " && !e.closest('.table-scroll') && getComputedStyle(e).position !== 'absolute')"
            ".slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
            " + ' to ' + Math.round(e.getBoundingClientRect().right) + ' px');")
        if overflow or driver.execute_script(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            problems.append(f"at {width} px the page scrolls sideways: {', '.join(overflow) or 'no element named'}")
    return problems


def audit_at(driver, label: str, shots: pathlib.Path) -> list[str]:
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {TAGS}}}}}).then(r => done(r.violations.map(v => "
        "v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))"
        ".catch(e => done(['axe failed: ' + e]));")
    driver.save_screenshot(str(shots / (re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".png")))
    return result


def main() -> int:
    neig = sys.argv[1]
    shots = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ".build/screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    passed, failed = 0, 0
    with tempfile.TemporaryDirectory() as workdir:
        server = start_server(neig, workdir)
        driver = browser()
        driver.set_script_timeout(60)
        try:
            def check(label: str):
                nonlocal passed, failed
                violations = audit(driver, label, shots)
                if violations:
                    failed += 1
                    print(f"FAIL {label} ({driver.current_url}):")
                    for violation in violations:
                        print(f"    {violation}")
                else:
                    passed += 1

            for label, path in [("anonymous home", "/"), ("login", "/login"), ("open data", "/open-data"),
                                ("anonymous library search", "/kennisbank?q=explosies"), ("apply", "/aanmelden"), ("anonymous news", "/nieuws"),
                                ("anonymous monitor", "/monitor"), ("open data search", "/open-data?zoek=den&sorteer=naam"),
                                ("privacy", "/privacy"), ("accessibility statement", "/toegankelijkheid"), ("contact", "/contact"),
                                ("forgot password", "/wachtwoord-vergeten"),
                                ("not found", "/bestaat-niet")]:
                driver.get(BASE + path)
                check(label)
            driver.get(BASE + "/login")
            driver.find_element(By.ID, "veld-email").send_keys("niemand@example.nl")
            driver.find_element(By.ID, "veld-password").send_keys("verkeerd wachtwoord")
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
            check("login error")
            driver.get(BASE + "/wachtwoord-vergeten")
            driver.find_element(By.ID, "veld-email").send_keys("niemand@example.nl")
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(driver, 30).until(lambda d: "Kijk in uw e-mail" in d.page_source)
            check("forgot password sent")

            secrets: dict[str, str] = {}
            used_step: dict[str, int] = {}

            def submit(field: str, value: str):
                element = driver.find_element(By.ID, field)
                element.clear()
                element.send_keys(value)
                driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()

            def log_in(role: str, email: str):
                driver.delete_all_cookies()
                driver.get(BASE + "/login")
                driver.find_element(By.ID, "veld-email").send_keys(email)
                submit("veld-password", PASSWORD)
                # A click does not wait for the response; navigating on too early would cancel the login.
                WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login")
                if path_of(driver) != "/login/tweede-stap":
                    return
                enrolling = email not in secrets
                if enrolling:
                    secrets[email] = driver.find_element(By.ID, "totp-sleutel").text
                check(f"{role} second factor {'enrolment' if enrolling else 'code'}")
                if role == "mayor":
                    submit("veld-code", "abcdef")
                    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
                    check(f"{role} second factor with error")
                # A code is accepted once; the next time step is still inside the allowed drift.
                step = max(int(time.time()) // 30, used_step.get(email, 0) + 1)
                used_step[email] = step
                submit("veld-code", totp(secrets[email], step))
                WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login/tweede-stap"
                                                or d.find_elements(By.ID, "herstelcodes"))
                if enrolling:
                    check(f"{role} recovery codes")
                    driver.find_element(By.CSS_SELECTOR, "main a.button").click()
                    WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login/tweede-stap")

            for role, email in ROLES.items():
                log_in(role, email)
                pages = [("home", "/"), ("account", "/account"), ("alerts", "/waarschuwingen"), ("monitor", "/monitor"), ("monitor 2024", "/monitor?jaar=2024"),
                         ("monitor Amsterdam", "/monitor/gemeente/GM0363"), ("incidents", "/incidenten"),
                         ("incidents filtered", "/incidenten?gemeente=GM0599&doelwit=woning"), ("open data", "/open-data")]
                if role in EDITORS:
                    pages.append(("new incident", "/incidenten/nieuw"))
                if role in IMPORTERS:
                    pages.append(("import", "/import"))
                if role == "admin":
                    pages += [("audit log", "/admin/audit"), ("access review", "/admin/toegang")]
                if role in CASE_LIST:
                    pages.append(("cases", "/zaken"))
                if role in CASE_ROLES:
                    pages += [("new case", "/zaken/nieuw"), ("signal routing", "/signalen/routering")]
                if role in CASE_ROLES | {"coordinator"}:
                    pages.append(("checklists", "/handelingskader"))
                if role in SIGNAL_LIST:
                    pages.append(("signals", "/signalen"))
                if role in SENDERS:
                    pages.append(("new signal", "/signalen/nieuw"))
                pages += [("library search", "/kennisbank?q=explosies&lijn=nazorg"), ("new library item", "/kennisbank/nieuw"), ("members", "/leden"),
                          ("case studies", "/casuistiek"), ("new case study", "/casuistiek/nieuw"), ("events", "/bijeenkomsten"),
                          ("questions", "/vragen"), ("questions by tag", "/vragen?tag=nazorg"), ("new question", "/vragen/nieuw"),
                          ("notifications", "/notificaties"), ("follow", "/notificaties/volgen"), ("news", "/nieuws"),
                          ("interventions", "/interventies")]
                if role in ("coordinator", "municipal_officer", "mayor", "analyst"):
                    pages.append(("new intervention", "/interventies/nieuw"))
                if role in ("coordinator", "municipal_officer"):
                    pages.append(("new event", "/bijeenkomsten/nieuw"))
                if role == "coordinator":
                    pages += [("applications", "/leden/aanvragen"), ("groups", "/groepen"), ("group", "/groepen/oov-randstad"), ("new news", "/nieuws/nieuw")]
                if role in ANALYSTS:
                    pages.append(("analyse", "/analyse?gemeente=GM0363&van=2023-01-01"))
                if role == "analyst":
                    pages.append(("analyse national", "/analyse"))
                    pages.append(("analyse with errors", "/analyse?afstanden=200,100&van=gisteren"))
                for label, path in pages:
                    driver.get(BASE + path)
                    check(f"{role} {label}")
                # The first item of each list, opened as a user would.
                for listing, link, label in [("/incidenten", "tbody tr td a", "incident detail"), ("/kennisbank", "ol.results h2 a", "library document"),
                                             ("/bijeenkomsten", "ul.results h2 a", "event"), ("/vragen", "ol.results h2 a", "question"),
                                             ("/nieuws", "ol.results h2 a", "news item"), ("/interventies", "main table tbody tr td a", "intervention")]:
                    driver.get(BASE + listing)
                    driver.find_element(By.CSS_SELECTOR, link).click()
                    check(f"{role} {label}")
                driver.find_element(By.CSS_SELECTOR, "main a[href*='/evaluaties/']").click()
                check(f"{role} evaluation")
                # The demo case: full for the municipality, as partner for the police it was shared with.
                if role in CASE_LIST - {"coordinator"}:
                    driver.get(BASE + "/zaken")
                    for link in driver.find_elements(By.CSS_SELECTOR, "tbody tr td a")[:1]:
                        link.click()
                        check(f"{role} demo case")
                if role in CASE_ROLES:
                    case_url = driver.current_url
                    driver.find_element(By.CSS_SELECTOR, "main a[href^='/maatregelen/']").click()
                    check(f"{role} measure")
                    driver.get(driver.current_url + "/besluit")
                    check(f"{role} decision letter")
                    driver.get(case_url)
                    driver.find_element(By.CSS_SELECTOR, "main a[href^='/informatie/']").click()
                    check(f"{role} information, purpose asked")
                    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                    WebDriverWait(driver, 30).until(lambda d: "doel=" in d.current_url)
                    check(f"{role} information opened")
                if role in SIGNAL_LIST - {"coordinator"}:
                    driver.get(BASE + "/signalen")
                    for link in driver.find_elements(By.CSS_SELECTOR, "tbody tr td a")[:1]:
                        link.click()
                        check(f"{role} signal detail")
                if role == "analyst":
                    # An Excel workbook through both steps: the check with its preview, then the import.
                    fixture = pathlib.Path(__file__).resolve().parents[1] / "NEIGAppTests/Fixtures/excel-incidenten.xlsx"
                    driver.get(BASE + "/import")
                    driver.find_element(By.ID, "veld-bestand").send_keys(str(fixture))
                    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "kop-controle"))
                    check(f"{role} import checked")
                    driver.find_element(By.CSS_SELECTOR, "main form[action='/import/bevestigen'] button").click()
                    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "kop-import"))
                    check(f"{role} import done")
                if role in EDITORS:
                    driver.get(BASE + "/incidenten/nieuw")
                    driver.find_element(By.ID, "veld-bron_id").send_keys("A11Y-1")
                    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
                    check(f"{role} form with errors")
            # A case through its first phase change, as an OOV adviser runs it.
            log_in("municipal_officer", ROLES["municipal_officer"])
            driver.get(BASE + "/zaken/nieuw")
            submit("veld-titel", "Toegankelijkheidsstraat 1")
            WebDriverWait(driver, 30).until(lambda d: re.match(r".*/zaken/[0-9a-f-]{36}$", d.current_url))
            check("municipal_officer case detail")
            driver.find_element(By.CSS_SELECTOR, "main form[action$='/fase'] button[type=submit]").click()
            WebDriverWait(driver, 30).until(lambda d: "fase van dreiging" in d.page_source)
            check("municipal_officer case after phase change")
            driver.get(BASE + "/zaken/nieuw")
            submit("veld-termijn", "0")
            WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
            check("municipal_officer case form with errors")

            # Casuïstiek with personal data: the check lists what it found.
            driver.get(BASE + "/casuistiek/nieuw")
            driver.find_element(By.ID, "veld-titel").send_keys("Dreiging in de wijk")
            submit("veld-situatie", "Bewoner Jan Jansen aan de Kerkstraat 12 werd bedreigd.")
            WebDriverWait(driver, 30).until(lambda d: re.match(r".*/casuistiek/[0-9a-f-]{36}$", d.current_url))
            check("municipal_officer case study with findings")

            # A risk area's map, and the same map made zoomable while the background tiles cannot load (the test
            # machines have no internet): every zone and attack of the SVG must still be on it.
            driver.get(BASE + "/waarschuwingen")
            driver.find_element(By.CSS_SELECTOR, "main a[href*='/waarschuwingen/'][href*='-']").click()
            check("municipal_officer risk area map")
            circles = driver.execute_script("return document.querySelectorAll('.map-frame circle[data-rd]').length")
            driver.find_element(By.CSS_SELECTOR, ".map-toggle").click()
            try:
                WebDriverWait(driver, 30).until(
                    lambda d: len(d.find_elements(By.CSS_SELECTOR, ".map-live path.leaflet-interactive")) >= circles
                    and "laadt niet" in d.find_element(By.CSS_SELECTOR, ".map-status").text)
                passed += 1
            except Exception:
                failed += 1
                print(f"FAIL the zoomable map without tiles lacks layers: "
                      f"{len(driver.find_elements(By.CSS_SELECTOR, '.map-live path.leaflet-interactive'))} of {circles}")
            tiles = [image.get_attribute("src") for image in driver.find_elements(By.CSS_SELECTOR, ".map-live img.leaflet-tile")]
            if not tiles or not all(re.match(r"https://service\.pdok\.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/\d+/\d+/\d+\.png$", t) for t in tiles):
                failed += 1
                print(f"FAIL the zoomable map asks for other tiles than PDOK's RD tiles: {tiles[:3]}")
            check("municipal_officer risk area zoomable map without tiles")

            # On a phone the menu is one button; opened, it lists every page of the role under its task.
            driver.set_window_size(390, 1800)
            driver.get(BASE + "/")
            menu_links = driver.find_elements(By.CSS_SELECTOR, ".main-menu .menu-items a")
            if any(link.is_displayed() for link in menu_links):
                failed += 1
                print("FAIL the phone menu is open before it is asked for")
            driver.find_element(By.CSS_SELECTOR, ".main-menu summary").click()
            if not menu_links or not all(link.is_displayed() for link in menu_links):
                failed += 1
                print("FAIL the phone menu does not show its pages when opened")
            violations = audit_at(driver, "municipal_officer phone menu open", shots)
            if violations:
                failed += 1
                print("FAIL municipal_officer phone menu open:", *violations, sep="\n    ")
            else:
                passed += 1
            driver.set_window_size(1366, 1800)

            # Enrolled now: the second login asks for a code only.
            log_in("mayor", ROLES["mayor"])
            if path_of(driver) in ("/login", "/login/tweede-stap"):
                failed += 1
                print(f"FAIL mayor second login ended on {driver.current_url}")
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots in {shots}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
