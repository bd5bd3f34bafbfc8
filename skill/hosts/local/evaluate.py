"""`trust-coach eval`: the offline counterpart of Amazon's NLU Evaluation tool.

An evaluation file is tab-separated, one utterance a row, ``#`` lines are comments::

    utterance <TAB> expected intent <TAB> expected slots (name=id,...) <TAB> context (a | b)

``LaunchRequest`` is the expected "intent" of a launch phrase. Slots are compared by resolved id
(custom types) or by value (AMAZON.NUMBER and other built-in types). A row with context first runs
the earlier utterances through a local Conversation, then resolves its own utterance in that
session, the way the skill would hear it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interaction_model.invocation import split_invocation
from interaction_model.resolver import Resolution, Resolver
from interaction_model.time_of_day import alexa_time
from skill.hosts.local.conversation import Conversation

LAUNCH = "LaunchRequest"
"""The expected "intent" of a phrase that opens the skill."""


class EvalFormatError(ValueError):
    """An evaluation file that cannot be read: which line and why."""


@dataclass(frozen=True)
class Case:
    """One row of an evaluation file."""

    line: int
    """Line number in the file (1-based)."""
    utterance: str
    """What the user says."""
    intent: str
    """The intent it should resolve to (LaunchRequest for a launch phrase)."""
    slots: tuple[tuple[str, str], ...] = ()
    """Expected (slot name, id or value) pairs; slots not listed must be empty."""
    context: tuple[str, ...] = ()
    """Utterances said before it, in the same session."""


@dataclass(frozen=True)
class Outcome:
    """How one case resolved."""

    case: Case
    """The row."""
    intent: str
    """The intent it got."""
    slots: tuple[tuple[str, str], ...]
    """The filled slots it got, (name, id or value)."""

    @property
    def intent_ok(self) -> bool:
        """Whether the intent is the expected one."""
        return self.intent == self.case.intent

    @property
    def ok(self) -> bool:
        """Whether intent and slots are both right."""
        return self.intent_ok and sorted(self.slots) == sorted(self.case.slots)


@dataclass
class Report:
    """Every outcome of one file, with the figures the command prints."""

    outcomes: list[Outcome] = field(default_factory=list)
    """One per case, in file order."""

    @property
    def total(self) -> int:
        """Number of cases."""
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        """Cases with the right intent and slots."""
        return sum(outcome.ok for outcome in self.outcomes)

    @property
    def accuracy(self) -> float:
        """Share of correct cases, in percent (100 for an empty file)."""
        return 100.0 * self.correct / self.total if self.total else 100.0

    @property
    def intents_correct(self) -> int:
        """Cases with the right intent, whatever the slots."""
        return sum(outcome.intent_ok for outcome in self.outcomes)

    @property
    def intent_accuracy(self) -> float:
        """Share of cases with the right intent, in percent: the recall of a set labelled with
        intents only (100 for an empty file)."""
        return 100.0 * self.intents_correct / self.total if self.total else 100.0

    @property
    def misses(self) -> list[Outcome]:
        """The cases that went wrong."""
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def confusion(self) -> Counter[tuple[str, str]]:
        """(expected, got) intent pairs and how often each happened."""
        return Counter((outcome.case.intent, outcome.intent) for outcome in self.outcomes)

    def lines(self) -> list[str]:
        """The printed report: accuracy, confusion table and every miss."""
        out = [
            f"accuracy: {self.accuracy:.1f}% ({self.correct}/{self.total}), intent and slots",
            f"intents: {self.intent_accuracy:.1f}% ({self.intents_correct}/{self.total})",
            "",
            "confusion:",
        ]
        confusion = self.confusion()
        width = max((len(expected) for expected, _ in confusion), default=8)
        for (expected, got), count in sorted(confusion.items()):
            mark = "" if expected == got else "  <- miss"
            out.append(f"  {expected:<{width}}  {got:<{width}}  {count:>4}{mark}")
        if self.misses:
            out += ["", "misses:"]
        for miss in self.misses:
            case = miss.case
            context = f" [after: {' | '.join(case.context)}]" if case.context else ""
            out.append(
                f"  line {case.line}: {case.utterance!r}{context}: expected {case.intent}"
                f"{_slots_text(case.slots)}, got {miss.intent}{_slots_text(miss.slots)}"
            )
        return out


def _slots_text(slots: Iterable[tuple[str, str]]) -> str:
    text = ",".join(f"{name}={value}" for name, value in sorted(slots))
    return f" ({text})" if text else ""


def parse(text: str, source: str = "<eval>") -> list[Case]:
    """The cases of an evaluation file's text."""
    cases: list[Case] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        columns = raw.split("\t")
        if len(columns) < 2 or not columns[0].strip() or not columns[1].strip():
            raise EvalFormatError(f"{source}:{number}: expected utterance<TAB>intent[...]")
        if len(columns) > 4:
            raise EvalFormatError(f"{source}:{number}: more than four columns")
        slots: list[tuple[str, str]] = []
        if len(columns) > 2 and columns[2].strip():
            for pair in columns[2].split(","):
                name, sep, value = pair.strip().partition("=")
                if not sep or not name or not value:
                    raise EvalFormatError(f"{source}:{number}: bad slot {pair!r}, want name=id")
                slots.append((name, value))
        context: tuple[str, ...] = ()
        if len(columns) > 3 and columns[3].strip():
            context = tuple(part.strip() for part in columns[3].split("|") if part.strip())
        cases.append(Case(number, columns[0].strip(), columns[1].strip(), tuple(slots), context))
    return cases


def load(path: Path) -> list[Case]:
    """The cases of an evaluation file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EvalFormatError(f"cannot read {path}: {error}") from error
    return parse(text, str(path))


def _filled(resolution: Resolution) -> tuple[tuple[str, str], ...]:
    """(name, id or value) of every filled slot: the id for custom types, the value otherwise.

    A built-in value is compared as the skill receives it: AMAZON.TIME as Alexa writes it
    (``19:00``, ``EV``; the local host converts the words the same way), a first name capitalized
    as the name handlers write it.
    """
    filled: list[tuple[str, str]] = []
    for name, slot in resolution.slots.items():
        if slot.value is None:
            continue
        if slot.type == "AMAZON.TIME":
            filled.append((name, alexa_time(slot.value) or slot.value))
        elif slot.type == "AMAZON.FirstName":
            filled.append((name, slot.value[:1].upper() + slot.value[1:]))
        elif slot.type.startswith("AMAZON."):
            filled.append((name, slot.value))
        elif slot.resolution_id is not None:
            filled.append((name, slot.resolution_id))
        else:
            filled.append((name, f"?{slot.value}"))
    return tuple(filled)


def evaluate(
    cases: Sequence[Case],
    resolver: Resolver,
    conversation: Callable[[], Conversation] | None = None,
    locale: str = "en-US",
) -> Report:
    """Resolve every case; ``conversation`` makes the session a context row runs in."""
    report = Report()
    for case in cases:
        session: Conversation | None = None
        if case.context:
            if conversation is None:
                raise ValueError("context rows need a conversation factory")
            session = conversation()
            for earlier in case.context:
                session.send(earlier)
        kind, text = split_invocation(case.utterance, resolver.model.invocation_name)
        if kind == "launch" or (kind == "one_shot" and not text):
            report.outcomes.append(Outcome(case, LAUNCH, ()))
            continue
        if session is not None and kind != "one_shot":
            resolution = session.resolve(text or "")
        else:
            resolution = resolver.resolve(text or "")
        report.outcomes.append(Outcome(case, resolution.intent, _filled(resolution)))
    return report
