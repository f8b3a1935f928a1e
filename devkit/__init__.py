"""What the browser tests and the bench share, so that neither imports the other: the built site served
as a static host serves it (host.py) and the flags Debian's Chromium is launched with (chromium.py)."""
