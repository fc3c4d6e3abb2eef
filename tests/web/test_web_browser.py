"""End to end in real headless Chromium (Debian's chromium driven by playwright) against the real app
served by uvicorn over real ledgers.

Shared tests (the founding example of ../shared with the OFAC, UK and EU lists): open the incident, click
the wounded fact and see its supporting words highlighted in the article; open the general's entity page
and see the three lists' matches; the map's marker stands in Moscow; the graph draws what ``graph`` gives.
Our own hostile article (script tags, onerror images, javascript: links in its title and text) renders
inert on every page: no dialog, no request to any other origin, no CSP violation.
Screenshots go to tests/web/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_site import serve, shoot
from click.testing import CliRunner

from wireledger.cli import cli

MOSCOW = (55.7558, 37.6173)  # the city's centre; a marker within half a degree stands in Moscow


def cli_json(db: Path | str, *args: str) -> Any:
    done = CliRunner().invoke(cli, ["--db", str(db), *args, "--format", "json"])
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)


def watch(page: Any, base: str) -> dict[str, list[str]]:
    """Record every dialog, every request and every console message of a page."""
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "console": []}

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: seen["console"].append(f"{page.url}: {message.text}"))
    return seen


def founding_incident(db: Path) -> dict[str, Any]:
    """The shooting of the founding example: the incident in Moscow that is not only background."""
    rows = cli_json(db, "incidents", "--place", "Moscow")["incidents"]
    (row,) = [r for r in rows if not r["background_only"] and r["wounded"] is not None]
    record: dict[str, Any] = cli_json(db, "incident", row["id"])["incident"]
    return record


@pytest.mark.shared
@pytest.mark.slow
def test_clicking_the_wounded_fact_highlights_its_evidence(page: Any,
                                                           founding_site: tuple[str, Path]) -> None:
    base, db = founding_site
    record = founding_incident(db)
    field = next(f for f in ("wounded", "killed")
                 if any(s["start"] is not None for v in record["fields"].get(f, {}).get("values", [])
                        for s in v["support"]))
    support = next(s for v in record["fields"][field]["values"] for s in v["support"]
                   if s["start"] is not None)
    text = cli_json(db, "show", support["document"])["document"]["text"]
    seen = watch(page, base)
    page.goto(base + "/")
    page.click(f"a[href='/incident/{record['id']}']")
    assert record["place"] in page.locator("#incident-title").inner_text()
    shoot(page, "founding-incident")
    page.locator(f"a.evidence[data-field='{field}']").first.click()
    page.wait_for_url("**/document/**")
    mark = page.locator("mark#evidence")
    assert mark.inner_text() == text[support["start"]:support["end"]]
    assert mark.is_visible() and mark.evaluate("m => m.getBoundingClientRect().top >= 0")
    # the article around it is the stored text, as text
    assert page.locator("#article").inner_text().strip() == text.strip()
    shoot(page, "founding-evidence")
    assert not seen["dialogs"] and all(u.startswith(base) for u in seen["requests"])


@pytest.mark.shared
@pytest.mark.slow
def test_the_generals_entity_page_shows_the_ofac_uk_and_eu_matches(page: Any,
                                                                  founding_site: tuple[str, Path]) -> None:
    base, db = founding_site
    record = founding_incident(db)
    general = next(p["name"] for p in record["people"] if "Alekseev" in p["name"])
    page.goto(f"{base}/incident/{record['id']}")
    page.click(f"ul.people a:text-is('{general}')")
    page.wait_for_url("**/entity/**")
    assert page.locator("#entity-name").inner_text() == general
    kept = page.locator(".match.kept")
    lists = {kept.nth(i).get_attribute("data-list"): kept.nth(i) for i in range(kept.count())}
    assert {"us_ofac_sdn", "uk_ofsi_consolidated"} <= set(lists)
    assert any(name.startswith("eu_") for name in lists)
    # what the page shows is what `wireledger entity` says, explanation included
    entity_id = page.url.rsplit("/", 1)[1]
    shown = cli_json(db, "entity", entity_id)["entity"]["sanctions"]["matches"]
    for m in shown:
        card = page.locator(f".match.kept[data-list='{m['list']}'][data-entry='{m['entry_id']}']")
        assert card.count() == 1
        words = card.inner_text()
        assert m["entry_id"] in words and m["name"] in words
        assert (m["explanation"].get("name") or {}).get("explanation", "") in words
    shoot(page, "founding-entity")


@pytest.mark.shared
@pytest.mark.slow
def test_the_map_shows_a_marker_in_moscow(page: Any, founding_site: tuple[str, Path]) -> None:
    base, db = founding_site
    record = founding_incident(db)
    seen = watch(page, base)
    page.goto(f"{base}/map?place=Moscow")
    page.wait_for_selector("#map[data-basemap='loaded']")
    markers = page.evaluate("window.wireledgerMap.markers.map(m => [m.getLatLng().lat, m.getLatLng().lng])")
    ids = page.evaluate("Array.from(document.querySelectorAll('.leaflet-marker-icon'))"
                        ".map(e => e.getAttribute('data-incident'))")
    assert record["id"] in ids
    lat, lng = markers[ids.index(record["id"])]
    assert abs(lat - MOSCOW[0]) < 0.5 and abs(lng - MOSCOW[1]) < 0.5
    assert page.locator("#map path.leaflet-interactive").count() > 100  # the countries, drawn offline
    shoot(page, "founding-map")
    assert all(u.startswith(base) for u in seen["requests"])
    assert not [m for m in seen["console"] if "Content Security Policy" in m]


@pytest.mark.shared
@pytest.mark.slow
def test_the_graph_draws_what_the_graph_command_gives(page: Any, founding_site: tuple[str, Path]) -> None:
    base, db = founding_site
    expected = cli_json(db, "graph", "GRU")
    seen = watch(page, base)
    page.goto(f"{base}/graph?name=GRU")
    page.wait_for_function("window.wireledgerGraph !== undefined")
    drawn = page.evaluate("window.wireledgerGraph.nodes().map(n => n.id())")
    assert sorted(drawn) == sorted(n["id"] for n in expected["nodes"])
    assert page.evaluate("window.wireledgerGraph.edges().length") == len(expected["edges"])
    shoot(page, "founding-graph")
    assert not [m for m in seen["console"] if "Content Security Policy" in m]


@pytest.mark.slow
def test_a_conflict_is_visible_and_each_value_opens_its_own_evidence(page: Any,
                                                                    plain_site: tuple[str, Path]) -> None:
    base, db = plain_site
    rows = [r for r in cli_json(db, "incidents")["incidents"] if "killed" in r["conflicts"]]
    assert len(rows) == 1  # the market bombing: 3 dead say the police, 4 a hospital official
    record = cli_json(db, "incident", rows[0]["id"])["incident"]
    values = record["fields"]["killed"]["values"]
    page.goto(f"{base}/incident/{record['id']}")
    assert "killed" in page.locator("#conflicts").inner_text()
    row = page.locator("tr.fact.conflicting[data-field='killed']")
    assert row.locator(".value").count() == len(values) == 2
    shoot(page, "conflict-incident")
    for i, value in enumerate(values):
        support = next(s for s in value["support"] if s["start"] is not None)
        text = cli_json(db, "show", support["document"])["document"]["text"]
        page.goto(f"{base}/incident/{record['id']}")
        shown = page.locator("tr.fact.conflicting[data-field='killed'] .value").nth(i)
        assert shown.locator(".v").inner_text() == str(value["value"])
        shown.locator("a.v.evidence").click()
        page.wait_for_url("**/document/**")
        assert page.locator("mark#evidence").inner_text() == text[support["start"]:support["end"]]
        assert support["document"] in page.url


@pytest.mark.slow
def test_signing_in_in_the_browser(page: Any, plain_site: tuple[str, Path]) -> None:
    """AWAITING TOKENS until ``wireledger tokens create`` lands: then sign in once with a token, browse,
    sign out."""
    _, db = plain_site
    done = CliRunner().invoke(cli, ["--db", str(db), "tokens", "create", "--name", "browser", "--role",
                                    "reader"])
    if done.exit_code == 2 and "No such command" in done.output:
        pytest.skip("AWAITING TOKENS: `wireledger tokens create` has not landed on this branch yet")
    assert done.exit_code == 0, done.output
    secret = done.stdout.strip().splitlines()[0].strip()
    with serve(db, local=False) as base:
        page.goto(f"{base}/entities")
        assert "/signin" in page.url
        page.fill("input[name=token]", "not-" + secret)
        page.click("form.signin button")
        assert page.locator("#signin-failed").is_visible()
        page.fill("input[name=token]", secret)
        page.click("form.signin button")
        page.wait_for_url(f"{base}/entities")
        cookie = next(c for c in page.context.cookies() if c["name"] == "wireledger_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        page.click("form.signout button")
        page.goto(f"{base}/entities")
        assert "/signin" in page.url


def hostile_pages(base: str, db: Path) -> list[str]:
    """Every page that can show something of the hostile article."""
    found = cli_json(db, "search", "depot")["hits"]
    (doc,) = {h["canonical_id"] or h["document_id"] for h in found}
    incidents = []
    for row in cli_json(db, "incidents")["incidents"]:
        told = cli_json(db, "incident", row["id"])["incident"]["documents"]
        if doc in {d["document"] for d in told}:
            incidents.append(row["id"])
    assert incidents
    entities = [r["id"] for r in cli_json(db, "entities")["entities"]]
    first = cli_json(db, "incident", incidents[0])["incident"]
    field = next(iter(first["fields"]))
    return [base + p for p in [
        "/", "/?q=depot", "/?q=script", f"/document/{doc}", f"/document/{doc}?start=0&end=40",
        f"/document/{doc}?fact={incidents[0]}.{field}", *(f"/incident/{i}" for i in incidents),
        "/entities", *(f"/entity/{e}" for e in entities), "/timeline?place=Velimar",
        "/timeline?name=Kessler", "/map", "/graph?name=Velimar", "/graph?name=Kessler",
        "/signin?next=javascript:alert(1)"]]


@pytest.mark.slow
def test_a_hostile_article_renders_inert_on_every_page(page: Any, plain_site: tuple[str, Path]) -> None:
    base, db = plain_site
    seen = watch(page, base)
    urls = hostile_pages(base, db)
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # nothing of the article became markup: no foreign script, image, frame or javascript: link
        # (the only other-origin link is Leaflet's credit on the map, a link and not a request)
        assert page.evaluate("Array.from(document.scripts).every(s => s.type === 'application/json' "
                             "|| (s.src !== '' && new URL(s.src).pathname.startsWith('/static/')))"), url
        assert page.evaluate("Array.from(document.querySelectorAll('a[href]'))"
                             ".every(a => ['http:', 'https:'].includes(a.protocol))"), url
        assert page.locator("iframe, img[src='x'], b[onmouseover]").count() == 0, url
    page.goto(urls[3])  # the article: its markup shown as the words it is
    assert '<script>alert("title")</script>' in page.locator("#doc-title").inner_text()
    assert "<img src=x onerror=alert(\"body-img\")>" in page.locator("#article").inner_text()
    shoot(page, "hostile-article")
    assert seen["dialogs"] == []
    assert [u for u in seen["requests"] if not u.startswith(base + "/")] == []
    assert not [m for m in seen["console"] if "Content Security Policy" in m]

