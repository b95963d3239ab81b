#!/usr/bin/env python3
"""Accessibility check of every page, for every role, in real headless Chromium with axe-core (WCAG 2.1 A/AA).

Starts `neig serve` with demo data on a temporary SQLite database (loopback only), logs in as each demo
account, opens each page the role may use (plus error and form-error pages), runs axe-core and fails on any
violation. Screenshots go to SCREENSHOT_DIR (default .build/screenshots) so a person can look.

Usage: Tests/browser/accessibility.py PATH/TO/neig
Needs: Debian's chromium and chromium-driver; pip selenium and axe-playwright-python (--no-deps, for axe.min.js).
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PORT = 18282
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
AXE = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def start_server(neig: str, workdir: str) -> subprocess.Popen:
    server = subprocess.Popen([neig, "serve", "--port", str(PORT), "--database", f"sqlite:{workdir}/a11y.sqlite"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1800", "--lang=nl-NL"]:
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def audit(driver, label: str, shots: pathlib.Path) -> list[str]:
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
                                ("not found", "/bestaat-niet")]:
                driver.get(BASE + path)
                check(label)
            driver.get(BASE + "/login")
            driver.find_element(By.ID, "veld-email").send_keys("niemand@example.nl")
            driver.find_element(By.ID, "veld-password").send_keys("verkeerd wachtwoord")
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
            check("login error")

            for role, email in ROLES.items():
                driver.delete_all_cookies()
                driver.get(BASE + "/login")
                driver.find_element(By.ID, "veld-email").send_keys(email)
                driver.find_element(By.ID, "veld-password").send_keys(PASSWORD)
                driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                # A click does not wait for the response; navigating on too early would cancel the login.
                WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
                pages = [("home", "/"), ("monitor", "/monitor"), ("monitor 2024", "/monitor?jaar=2024"),
                         ("monitor Amsterdam", "/monitor/gemeente/GM0363"), ("incidents", "/incidenten"),
                         ("incidents filtered", "/incidenten?gemeente=GM0599&doelwit=woning"), ("open data", "/open-data")]
                if role in EDITORS:
                    pages.append(("new incident", "/incidenten/nieuw"))
                if role in IMPORTERS:
                    pages.append(("import", "/import"))
                for label, path in pages:
                    driver.get(BASE + path)
                    check(f"{role} {label}")
                driver.get(BASE + "/incidenten")
                driver.find_element(By.CSS_SELECTOR, "tbody tr td a").click()
                check(f"{role} incident detail")
                if role in EDITORS:
                    driver.get(BASE + "/incidenten/nieuw")
                    driver.find_element(By.ID, "veld-bron_id").send_keys("A11Y-1")
                    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CLASS_NAME, "error-summary"))
                    check(f"{role} form with errors")
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots in {shots}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
