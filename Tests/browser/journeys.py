#!/usr/bin/env python3
"""The case-work journeys in real headless Chromium, on a desktop (1366 px) and a phone (390 px) width.

The OOV adviser drafts a measure and puts it to the mayor; the mayor finds it on the home page, decides it on its
own page and the adviser sees the outcome; the Word letter opens in python-docx and LibreOffice and holds the
reference, the addressee and the objection address; a coordinator suspends a member with a reason and undoes it;
the police enter an attack and the adviser opens a case by looking the address up, against a local stand-in for
PDOK Locatieserver that serves the recorded answers in fixtures/locatieserver (the test machines have no internet).
After every form the page must say what happened (role="status"), and axe-core must find no WCAG 2.1 A/AA
violation on any page on the way. Screenshots go to SCREENSHOT_DIR.

Usage: Tests/browser/journeys.py PATH/TO/neig
Needs what accessibility.py needs, plus Debian's python3-docx and libreoffice-writer-nogui.
"""
import http.server
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

import accessibility as a11y
from accessibility import BASE, PASSWORD, path_of, totp

OFFICER = "oov.amsterdam@demo.neig.nl"
MAYOR = "burgemeester.amsterdam@demo.neig.nl"
COORDINATOR = "coordinator@demo.neig.nl"
POLICE = "politie@demo.neig.nl"
LOCATIESERVER_ANSWERS = pathlib.Path(__file__).parent / "fixtures" / "locatieserver"


class Locatieserver(http.server.BaseHTTPRequestHandler):
    """Suggest and lookup as PDOK answers them, from the recorded answers; unknown ids are 404 (unreachable)."""
    requests: list[dict[str, str]] = []

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        Locatieserver.requests.append({k.lower(): v for k, v in self.headers.items()})
        name = None
        if url.path.endswith("/suggest"):
            words = query.get("q", [""])[0].lower()
            name = "suggest-lijsterstraat" if "lijster" in words else "suggest-koolmees" if "koolmees" in words \
                else "suggest-empty"
        elif url.path.endswith("/lookup") and re.fullmatch(r"adr-[0-9a-f]{32}", query.get("id", [""])[0]):
            name = "lookup-" + query["id"][0]
        answer = LOCATIESERVER_ANSWERS / f"{name}.json" if name else None
        body = answer.read_bytes() if answer and answer.exists() else b'{"message":"niet gevonden"}'
        self.send_response(200 if answer and answer.exists() else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_locatieserver() -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Locatieserver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/bzk/locatieserver/search/v3_1"


class Walk:
    def __init__(self, width: int, shots: pathlib.Path):
        self.width = width
        self.shots = shots
        self.driver = a11y.browser()
        self.driver.set_window_size(width, 1800)
        self.driver.set_script_timeout(60)
        self.secrets: dict[str, str] = {}
        self.used_step: dict[str, int] = {}
        self.passed = 0
        self.failures: list[str] = []

    def check(self, label: str):
        label = f"{self.width} {label}"
        violations = a11y.audit(self.driver, label, self.shots)
        if violations:
            self.failures.append(f"{label} ({self.driver.current_url}): " + "; ".join(violations))
        else:
            self.passed += 1

    def expect(self, condition: bool, what: str):
        if condition:
            self.passed += 1
        else:
            self.failures.append(f"{self.width} {what} (at {self.driver.current_url})")

    def css(self, selector: str):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def type(self, element_id: str, value: str):
        element = self.driver.find_element(By.ID, element_id)
        element.clear()
        element.send_keys(value)

    def submit(self, form_selector: str, wait_for_status: str, label: str):
        """Sends one form and expects the next page to say what happened."""
        before = self.driver.current_url
        # The page being left may carry the previous form's message: wait until it is gone before reading the new one.
        old_page = self.driver.find_element(By.TAG_NAME, "html")
        self.css(form_selector + " button[type=submit]").click()
        WebDriverWait(self.driver, 30).until(expected_conditions.staleness_of(old_page))
        try:
            WebDriverWait(self.driver, 30).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, "[role=status]#melding")
                or d.find_elements(By.CLASS_NAME, "error-summary"))
        except Exception:
            pass
        messages = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "[role=status]#melding")]
        self.expect(any(wait_for_status in m for m in messages),
                    f"{label}: expected a status saying '{wait_for_status}', got {messages or 'none'} after {before}")
        self.check(label)

    def log_in(self, email: str):
        driver = self.driver
        driver.delete_all_cookies()
        driver.get(BASE + "/login")
        self.type("veld-email", email)
        self.type("veld-password", PASSWORD)
        self.css("main form button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login")
        if path_of(driver) != "/login/tweede-stap":
            return
        enrolling = email not in self.secrets
        if enrolling:
            self.secrets[email] = driver.find_element(By.ID, "totp-sleutel").text
        self.type("veld-code", self.code(email))
        self.css("main form button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login/tweede-stap" or d.find_elements(By.ID, "herstelcodes"))
        if enrolling:
            self.css("main a.button").click()
            WebDriverWait(driver, 30).until(lambda d: path_of(d) != "/login/tweede-stap")

    def code(self, email: str) -> str:
        # A code is accepted once; the next time step is still inside the allowed drift.
        step = max(int(time.time()) // 30, self.used_step.get(email, 0) + 1)
        self.used_step[email] = step
        return totp(self.secrets[email], step)

    def download(self, path: str) -> bytes:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(BASE + path, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def measure_journey(self):
        driver = self.driver
        self.log_in(OFFICER)
        driver.get(BASE + "/zaken")
        self.css("tbody tr td a").click()
        case_url = driver.current_url
        self.css("#maatregelen ~ details summary").click()
        Select(driver.find_element(By.ID, "veld-soort")).select_by_value("sluiting_174a")
        self.type("veld-adressaat", "J. de Vries")
        self.type("veld-adres_adressaat", "Journeystraat 7\n1017 GC Amsterdam")
        self.type("veld-motivering", "Na de aanslag is sluiting nodig voor de veiligheid van de buren en de straat.")
        self.submit(f"form[action$='/maatregelen']", "Concept opgeslagen", "officer drafted a measure")
        measure_path = path_of(driver)
        self.expect(re.fullmatch(r"/maatregelen/[0-9a-f-]{36}", measure_path) is not None, "the draft has its own page")

        self.type("veld-notitie", "Graag vóór vrijdag: de buren vragen om rust.")
        self.submit("form[action$='/status']", "Voorgelegd aan de burgemeester", "officer submitted the measure")

        self.log_in(MAYOR)
        driver.get(BASE + "/")
        waiting = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "section.work a")]
        self.expect(any(href.endswith(measure_path + "/besluiten") for href in waiting),
                    "the mayor's home page lists the submitted measure")
        self.expect("Graag vóór vrijdag" in driver.page_source, "the officer's note is on the mayor's home page")
        self.check("mayor home with a decision waiting")
        driver.get(BASE + measure_path + "/besluiten")
        self.expect("U besluit tot sluiting van" in driver.page_source, "the decision page says what is decided")
        self.check("mayor decision page")
        self.css("#keuze-vaststellen").click()
        self.type("veld-wachtwoord", PASSWORD)
        self.type("veld-code", self.code(MAYOR))
        self.submit("form.decision-form", "U heeft het besluit vastgesteld", "mayor adopted the measure")

        self.log_in(OFFICER)
        driver.get(BASE + measure_path)
        self.expect("Vastgesteld" in self.css("dl.facts").text, "the officer sees the adopted measure")
        driver.get(BASE + "/notificaties")
        self.expect("vastgesteld" in driver.page_source, "the officer was told in the app")
        driver.get(BASE + measure_path + "/besluit")
        self.check("officer decision letter")
        self.check_word_letter(measure_path)
        driver.get(case_url)

    def check_word_letter(self, measure_path: str):
        data = self.download(measure_path + "/besluit.docx")
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "besluit.docx"
            path.write_bytes(data)
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
            converted = subprocess.run(
                ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                 "--convert-to", "txt:Text", "--outdir", folder, str(path)],
                capture_output=True, timeout=180)
            office = (pathlib.Path(folder) / "besluit.txt")
            office_text = office.read_text(encoding="utf-8", errors="replace") if office.exists() else ""
            self.expect(converted.returncode == 0 and office_text != "",
                        f"LibreOffice opens the Word letter ({converted.stderr.decode()[:200]})")
        for reader, content in [("python-docx", text), ("LibreOffice", office_text)]:
            for expected in ["Kenmerk: GM0363/Z-", "J. de Vries", "Journeystraat 7",
                             "t.a.v. Juridische Zaken, Postbus 202, 1000 AE Amsterdam", "Ik heb besloten tot sluiting"]:
                self.expect(expected in content, f"{reader} reads '{expected}' in the Word letter")

    def risk_area_journey(self):
        driver = self.driver
        self.log_in(OFFICER)
        driver.get(BASE + "/waarschuwingen")
        self.check("officer risk areas by priority")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "ul.risk-areas h2 a")]
        self.expect(len(links) > 1, "the officer sees the running risk areas of Amsterdam")
        merged = None
        for link in links:
            driver.get(link)
            zones = [td for td in driver.find_elements(By.CSS_SELECTOR, "tbody td") if td.text == "zone van het gebied"]
            if len(zones) >= 2:
                merged = link
                break
        self.expect(merged is not None, "a risk area holds the overlapping zones of several attacks")
        driver.get(merged or links[0])
        self.check("officer risk area page")
        self.submit("form[action$='/gezien']", "Gemarkeerd als gezien", "officer marked the area seen")
        self.css("main a[href*='/zaken/nieuw?risicogebied=']").click()
        WebDriverWait(driver, 30).until(lambda d: path_of(d) == "/zaken/nieuw")
        self.expect(driver.find_element(By.ID, "veld-titel").get_attribute("value") != "", "the case form is pre-filled")
        self.check("officer case form from a risk area")
        self.submit("main form", "De zaak is geopend", "officer opened a case from the risk area")
        linked = driver.find_elements(By.CSS_SELECTOR, "#aanslagen ~ ul li, #aanslagen ~ table tbody tr")
        self.expect(len(linked) >= 2, f"the case holds the area's attacks ({len(linked)} found)")

    def fields(self, *names: str) -> dict[str, str]:
        return {name: self.driver.find_element(By.NAME, name).get_attribute("value") for name in names}

    def look_up(self, words: str, expected: list[str], pick: str = "keyboard") -> None:
        """Types in the address search, expects the suggestions in order and picks the first."""
        driver = self.driver
        search = self.css("#adreszoeker")
        search.clear()
        search.send_keys(words)
        WebDriverWait(driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#adreszoeker-lijst [role=option]"))
        shown = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#adreszoeker-lijst [role=option]")]
        self.expect(shown == expected, f"suggestions for '{words}': {shown}")
        self.expect(search.get_attribute("aria-expanded") == "true", "the combobox says its list is open")
        if pick == "keyboard":
            search.send_keys(Keys.ARROW_DOWN)
            self.expect(search.get_attribute("aria-activedescendant") == "adreszoeker-lijst-0",
                        "the arrow key moves to the first address")
            search.send_keys(Keys.ENTER)
        else:
            self.css("#adreszoeker-lijst [role=option]").click()
        WebDriverWait(driver, 10).until(lambda d: "Ingevuld" in self.css(".address-status").text)

    def address_journey(self):
        driver = self.driver
        self.log_in(POLICE)
        driver.get(BASE + "/incidenten/nieuw")
        self.expect(self.css("#adreszoeker").is_displayed(), "the address search shows once its script runs")
        self.look_up("lijsterstraat 20", ["Lijsterstraat 20, 3815DT Amersfoort", "Lijsterstraat 22, 3815DT Amersfoort"])
        filled = self.fields("adres", "postcode", "x", "y", "gemeentecode", "bag_id")
        self.expect(filled == {"adres": "Lijsterstraat 20", "postcode": "3815DT", "x": "155990.6", "y": "464256.2",
                               "gemeentecode": "GM0307", "bag_id": "0307010000463990"},
                    f"the chosen address fills the form: {filled}")
        self.check("police incident form filled by the address search")
        self.css(".address-status button").click()
        self.expect(self.fields("adres", "gemeentecode", "bag_id") == {"adres": "", "gemeentecode": "", "bag_id": ""},
                    "undo puts the fields back as they were")
        self.expect("weer zoals ze waren" in self.css(".address-status").text, "undo says what it did")
        self.look_up("lijsterstraat 20", ["Lijsterstraat 20, 3815DT Amersfoort", "Lijsterstraat 22, 3815DT Amersfoort"],
                     pick="mouse")
        address = driver.find_element(By.NAME, "adres")
        address.send_keys(" achter")
        self.expect(self.fields("bag_id")["bag_id"] == "", "an address changed by hand loses the BAG id")
        self.look_up("lijsterstraat 20", ["Lijsterstraat 20, 3815DT Amersfoort", "Lijsterstraat 22, 3815DT Amersfoort"])
        self.type("veld-bron_id", f"JOURNEY-{self.width}")
        driver.execute_script("document.getElementById('veld-datum').value = '2025-05-01'")
        self.submit("main form", "Het incident is ingevoerd", "police entered an attack found by its address")
        self.expect("0307010000463990" in self.css("dl.facts").text, "the incident keeps the BAG object id")

        driver.get(BASE + "/incidenten/nieuw")
        search = self.css("#adreszoeker")
        search.send_keys("onbekend adres")
        WebDriverWait(driver, 10).until(lambda d: "Geen adres gevonden" in self.css(".address-status").text)
        search.clear()
        search.send_keys("lijsterstraat 2")
        WebDriverWait(driver, 10).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, "#adreszoeker-lijst [role=option]")) == 2)
        search.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "lukt nu niet" in self.css(".address-status").text)
        self.expect(self.fields("adres")["adres"] == "", "an unreachable lookup fills nothing")
        sent = Locatieserver.requests
        self.expect(sent and not any("cookie" in r or "referer" in r for r in sent),
                    "the browser sends Locatieserver neither neig's cookies nor the page address")

        self.log_in(OFFICER)
        driver.get(BASE + "/zaken/nieuw")
        self.look_up("koolmees 1", ["Koolmees 1, 3435RA Nieuwegein"])
        self.expect(self.fields("titel", "adres", "bag_id") == {
            "titel": "Koolmees 1, 3435RA Nieuwegein", "adres": "Koolmees 1, 3435RA Nieuwegein",
            "bag_id": "0356010000046625"}, "the case form takes the address as one line and the BAG id")
        self.check("officer case form filled by the address search")
        self.submit("main form", "De zaak is geopend", "officer opened a case found by its address")
        self.expect("BAG-object 0356010000046625" in self.css("dl.facts").text, "the case shows its BAG object")

    def suspension_journey(self):
        driver = self.driver
        self.log_in(COORDINATOR)
        driver.get(BASE + "/leden?q=Olaf")
        self.css("main details summary").click()
        reason = driver.find_element(By.CSS_SELECTOR, "main details textarea[name=reden]")
        reason.send_keys("Account gedeeld met een collega; eerst een eigen account aanvragen.")
        self.submit("main details form", "is geschorst", "coordinator suspended a member with a reason")
        self.expect("Reden: Account gedeeld met een collega" in driver.page_source, "the reason is shown")
        self.submit("form[action$='/herstellen']", "De schorsing is opgeheven", "coordinator reinstated the member")


def walk_once(neig: str, width: int, shots: pathlib.Path, locatieserver: str) -> "Walk":
    with tempfile.TemporaryDirectory() as workdir:
        server = a11y.start_server(neig, workdir, env={"NEIG_ADDRESS_SEARCH": locatieserver})
        walk = Walk(width, shots)
        try:
            walk.measure_journey()
            walk.risk_area_journey()
            walk.suspension_journey()
            walk.address_journey()
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-3:]
            steps = " < ".join(f"{frame.name}:{frame.lineno}" for frame in reversed(where))
            walk.failures.append(
                f"{width} journey stopped: {error!r} {getattr(error, 'msg', '') or ''} in {steps} at {walk.driver.current_url}")
            walk.driver.save_screenshot(str(shots / f"{width}-stopped.png"))
        finally:
            walk.driver.quit()
            server.terminate()
            server.wait(timeout=10)
    return walk


def main() -> int:
    neig = sys.argv[1]
    shots = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ".build/screenshots")) / "journeys"
    shots.mkdir(parents=True, exist_ok=True)
    passed, failures = 0, []
    locatieserver = start_locatieserver()
    for width in (1366, 390):
        # A driver error (Chromium or chromedriver losing an element or a session under load) with no failed
        # expectation before it is retried once on a fresh server and browser; any failed expectation counts.
        for attempt in (1, 2):
            walk = walk_once(neig, width, shots, locatieserver)
            stopped = [f for f in walk.failures if " journey stopped: " in f]
            if attempt == 1 and stopped and len(stopped) == len(walk.failures):
                print(f"retrying {width} px after a driver error: {stopped[0]}")
                continue
            passed += walk.passed
            failures += walk.failures
            break
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"screenshots in {shots}")
    print(f"{passed} passed, {len(failures)} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
