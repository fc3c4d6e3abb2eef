"""The step registry: how reading steps are found and built.

Each step module registers a factory under its step name::

    from .registry import StepContext, register_step

    @register_step("dates")
    def make_dates_step(context: StepContext) -> DatesStep:
        return DatesStep(context.settings)

The pipeline asks for the names of ``STEP_ORDER`` in turn. A step whose module does not exist (yet) is
skipped; a module that exists is imported normally, so a real error in it is raised, never hidden.
``StepContext.resource`` shares expensive objects (a gazetteer, compiled word lists) between the steps of
one pipeline: each is built once, on first use.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .base import Step

if TYPE_CHECKING:
    from spacy.language import Language

    from ..settings import Settings

T = TypeVar("T")

# The order in which steps run. "parse" is the spaCy parse itself, run by the pipeline.
STEP_ORDER: tuple[str, ...] = (
    "parse", "sentences", "entities", "coref", "roles", "dates", "places", "events", "background",
    "attribution", "circumstances",
)

# Where each step's factory lives; importing the module registers it.
STEP_MODULES: dict[str, str] = {
    "sentences": "wireledger.nlp.sentences",
    "entities": "wireledger.nlp.entities",
    "coref": "wireledger.nlp.coref",
    "roles": "wireledger.nlp.entity_roles",
    "dates": "wireledger.nlp.dates",
    "places": "wireledger.nlp.places",
    "events": "wireledger.nlp.events",
    "background": "wireledger.nlp.background",
    "circumstances": "wireledger.nlp.circumstances",
    "attribution": "wireledger.nlp.attribution",
}


@dataclass
class StepContext:
    """What a step factory may use: the loaded spaCy pipeline, the settings, shared resources."""

    nlp: Language
    settings: Settings
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, build: Callable[[], T]) -> T:
        """The shared object called ``name``, built by ``build()`` the first time it is asked for."""
        if name not in self.resources:
            self.resources[name] = build()
        value: T = self.resources[name]
        return value


StepFactory = Callable[[StepContext], Step]

_FACTORIES: dict[str, StepFactory] = {}


def register_step(name: str) -> Callable[[Callable[[StepContext], Any]], Callable[[StepContext], Any]]:
    """Decorator: register ``factory(context) -> Step`` as the builder of step ``name``."""

    def decorate(factory: Callable[[StepContext], Any]) -> Callable[[StepContext], Any]:
        _FACTORIES[name] = factory
        return factory

    return decorate


def module_exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def step_factory(name: str) -> StepFactory | None:
    """The factory of step ``name``; None when its module does not exist. Import errors propagate."""
    if name in _FACTORIES:
        return _FACTORIES[name]
    module = STEP_MODULES.get(name)
    if module is None or not module_exists(module):
        return None
    importlib.import_module(module)
    factory = _FACTORIES.get(name)
    if factory is None:
        raise LookupError(f"module {module} exists but registers no step named {name!r} "
                          f"(decorate its factory with @register_step({name!r}))")
    return factory
