"""What `make serve` prints before it starts: the addresses a phone can open the site at.

The server's own line names the address it listens on, and 0.0.0.0 (or ::) is no address a phone can
open: a trainer who opened the site there got QR codes for http://0.0.0.0:8000/ on every slide. Listening
on every interface, the site is reachable at each of this machine's own addresses; they are printed, the
loopback ones last, as what only this computer opens.
"""

from __future__ import annotations

import ipaddress
import socket
import sys

ANY = {"0.0.0.0", "::", "[::]"}  # noqa: S104 - the addresses meaning "every interface", named, not bound


def own_addresses() -> list[str]:
    """This machine's IP addresses, from its name and from the interface it reaches the world by."""
    found: set[str] = set()
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None))
    except OSError:
        pass
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))  # no packet is sent: the system only picks the route's own address
                found.add(udp.getsockname()[0])
        except OSError:
            continue
    return sorted(found, key=lambda a: (ipaddress.ip_address(a.split("%")[0]).is_loopback, ":" in a, a))


def _shown(name: str) -> tuple[str, bool] | None:
    """An address as a web address's host, and whether other devices can open it; None for an IPv6
    link-local address, which a browser opens only with its interface's name."""
    try:
        ip = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return name, not (name == "localhost" or name.endswith(".localhost"))
    if ip.version == 6 and ip.is_link_local:
        return None
    return (f"[{ip}]" if ip.version == 6 else str(ip)), not (ip.is_loopback or ip.is_unspecified)


def urls(listen: str, addresses: list[str] | None = None) -> list[tuple[str, bool]]:
    """Where the site listening on ``listen`` (host:port) opens, each with whether other devices can open it.
    Listening on 0.0.0.0 is IPv4's interfaces only; on :: both."""
    host, _, port = listen.rpartition(":")
    if host in ANY:
        found = own_addresses() if addresses is None else addresses
        names = [a for a in found if host != "0.0.0.0" or ":" not in a]  # noqa: S104 - compared, not bound
    else:
        names = [host.strip("[]")]
    return [(f"http://{shown}:{port}/", reachable) for shown, reachable in filter(None, map(_shown, names))]


def main(listen: str) -> None:
    """Print where the site opens: for other devices, and for this computer alone."""
    for url, reachable in urls(listen):
        where = "同一网络中的手机可以打开 / phones on this network" if reachable else "只有本机能打开 / this computer only"
        print(f"  {url}  ({where})", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
