"""An Atom feed (RFC 4287) of the tools most recently added to the registry."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from nhsoa.registry.entry import Entry
from nhsoa.site import paths
from nhsoa.site.html import safe_url
from nhsoa.site.paths import Urls

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
FEED_SIZE = 50


def _stamp(day: str | None, fallback: date) -> str:
    try:
        return f"{date.fromisoformat(day or '').isoformat()}T00:00:00Z"
    except ValueError:
        return f"{fallback.isoformat()}T00:00:00Z"


def atom_feed(entries: list[Entry], urls: Urls, *, site_url: str | None, title: str, today: date) -> str:
    """Newest tools first. Links are absolute when the site's address is known, else relative to the feed."""
    base = (site_url.rstrip("/") + "/") if site_url and safe_url(site_url) else ""
    newest = sorted(entries, key=lambda e: (e.get("added", ""), e["id"]), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{title}: new tools"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + FEED_FILE if base else "urn:nhsoa:registry:feed"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest[0].get("added") if newest else None, today)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + FEED_FILE)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base + urls.url(paths.CATALOGUE))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for entry in newest:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry["name"]
        ET.SubElement(item, f"{{{ATOM}}}id").text = f"urn:nhsoa:tool:{entry['id']}"
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.get("last_verified") or entry.get("added"), today)
        ET.SubElement(item, f"{{{ATOM}}}published").text = _stamp(entry.get("added"), today)
        page = base + urls.url(paths.tool_page(entry["id"]))
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page)
        ET.SubElement(item, f"{{{ATOM}}}summary", type="text").text = entry["summary"]  # text, never HTML
        entry_author = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = entry["owner"]["name"]
        for topic in entry.get("topics", []):
            ET.SubElement(item, f"{{{ATOM}}}category", term=topic)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
