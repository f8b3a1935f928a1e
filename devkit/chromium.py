"""The flags the bench and the browser tests both launch Debian's Chromium with.

BROWSER_UI: a reader's window has loaded the address bar's drop-down long before a visit; every new
headless window loads it as a WebUI page of its own, on the same two cores as the visit measured
(bench/browser.py says more).
"""

BROWSER_UI = ["--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", *BROWSER_UI]
