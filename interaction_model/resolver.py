"""Offline intent resolver: turns a typed or spoken utterance into an intent and Alexa-shaped slots.

The matcher is compiled from the interaction model itself (plus the built-in intents' usual
phrasings): every sample without slots becomes a key in a phrase table, every sample with slots a
regular expression with one group per slot. Matching runs in tiers, strictest first:

1. the whole utterance is a sample;
2. it fits a slot sample and every custom slot resolves (ER_SUCCESS_MATCH);
3. and 4. the same two, ignoring politeness and article words ("can you", "the");
5. it contains a sample of two or more words, and no other intent's sample is as long;
6. the same five once unknown words are corrected to the nearest known word (typed typos);
7. statistical: the nearest sample by IDF-weighted word and word-pair similarity, slot values
   found in the utterance standing in for the sample's slots, above a confidence threshold;
8. situation cues: a confidence told in its own words ("he keeps messaging a woman from his
   team and denies it") is read from the words that carry a situation, in any of their forms,
   when the talk is about a relationship (interaction_model.cues); then the situation weighed
   from all the confidence says (interaction_model.situations: who did what, when, whose
   history), when it is clearer than what the tiers before found;
9. otherwise AMAZON.FallbackIntent. A carrier phrase whose slot resolves to nothing (the weather
   in "what's the weather like") never wins: it falls back.

Before all of these, the safety check (interaction_model.safety) runs, and it wins over all.
"""

import functools
import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from interaction_model import (
    concepts,
    cues,
    device_requests,
    reminder_requests,
    safety,
    situations,
    time_of_day,
)
from interaction_model import context as in_dialog
from interaction_model.context import Context
from interaction_model.english_words import ENGLISH_WORDS
from interaction_model.first_names import WORD_NAMES
from interaction_model.fuzzy import (
    FUNCTION_WORDS,
    NEUTRAL_WORDS,
    WHO,
    WHO_WORDS,
    Corrector,
    NearestSample,
    Speller,
    features,
    stat_words,
    subject,
    typing_cost,
)
from interaction_model.model import (
    Intent,
    InteractionModel,
    SlotTypeValue,
    builtins_path,
    load_after_question_file,
    load_builtin_samples,
    load_builtin_samples_file,
    load_model,
    load_model_file,
    model_path,
)
from interaction_model.text import (
    CONTRACTIONS,
    EXPANDED_WORDS,
    FILLER_WORDS,
    NUMBER_PATTERN,
    ORDINALS,
    PADDING_WORDS,
    SCALES,
    TENS,
    UNITS,
    expand_word,
    is_slot_token,
    loosen,
    normalize_tokens,
    parse_number,
    unpad,
    unpadded_positions,
)
from interaction_model.time_of_day import is_time, time_length

_LOGGER = logging.getLogger(__name__)

FALLBACK_INTENT = "AMAZON.FallbackIntent"
"""The intent reported when nothing matches."""
PLACEHOLDER_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
"""Skill id used in resolution authorities when the caller does not give one."""

SAFETY_INTENT = "SafetyIntent"
"""The intent the safety check resolves to."""
THERAPY_INTENT = "TherapyIntent"
"""The intent of questions about therapy and counselling (the article's section)."""
_WONDERING = frozenset(
    {"should", "shall", "want", "thinking", "considering", "if", "whether", "maybe", "reckon"}
)
"""Words of someone weighing therapy, not yet in it."""
SITUATION_INTENT = "SituationIntent"
"""The intent of what people confide; the situation cue tier (interaction_model.cues) fills it."""
_FLIPS = {
    "my_jealousy": "partner_jealous",
    "partner_jealous": "my_jealousy",
    "i_cheated": "partner_cheated",
    "partner_cheated": "i_cheated",
}
"""Situations of one kind told apart only by who does it."""
_ASKED_SITUATIONS = frozenset({"rebuild_trust", "my_fault"})
"""Situations people confide as a question ("can we ever get the trust back")."""
_EARLIER_INFIDELITY = frozenset({"partner_cheated", "past_infidelity", "past_hurt"})
"""Infidelity now, in the past, or in a partner's earlier relationship."""
_CONFESSION_OVERRULES = frozenset({"rebuild_trust", "dont_know_what_to_do", "my_fault"})
"""What a confessed infidelity is, whatever the speaker wants next: "i had an affair and now i
want to make it right" is i_cheated, not rebuild_trust."""
THRESHOLD = 0.4
"""Least similarity to the nearest sample the statistical tier accepts."""
UNKNOWN_WORD_THRESHOLD = 0.55
"""The same when the utterance has a word no sample or value knows (likely out of domain)."""
FUNCTION_ONLY_THRESHOLD = 0.8
"""Least similarity for an utterance of grammar words only ("what is it")."""
CONTENT_COVERAGE = 0.4
UNKNOWN_CONTENT_FACTOR = 1.0
"""How much more a word no sample knows weighs in that share than the rarest known word."""
"""Least share (by weight) of the utterance's content words the nearest sample must hold: a
sample that shares only "what is" and "it" with "what time is it" is no match."""

_CLEAR_SLIP = 0.7
"""Most a slip of a slot value's word may cost to be put right before matching."""
_SLOT_KEY = "\x00"
"""Joins intent, slot and value id in the containment table for a value said inside."""
_CORRECTED_CONFIDENCE = 0.9
"""Confidence of a sample matched once typos were corrected."""
CUE_CONFIDENCE = 0.5
"""Confidence of a situation read from its cue words (tier 8)."""
CONCEPT_CONFIDENCE = 0.6
"""Confidence of a description read by its ideas (interaction_model.concepts)."""

_NUMBER_TYPE = "AMAZON.NUMBER"
_TIME_TYPE = "AMAZON.TIME"
_FIRST_NAME_TYPE = "AMAZON.FirstName"
_DAY_TYPE = "WEEKDAY"
_FIRST_NAME_WORDS = 2
"""Most words a first name has; more (or a word of the model's own samples) is no name."""
_NUMBER_MARK = "<AMAZON.NUMBER>"
_TIME_MARK = "<AMAZON.TIME>"
_ORDINAL_WORDS = frozenset(ORDINALS)
_NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, *_ORDINAL_WORDS])
_QUESTION_OPENERS = frozenset(
    {"should", "shall", "can", "could", "would", "will", "do", "does", "did", "is", "are", "am"}
)
"""First words of a question: a slot value said after one is asked about, not confided."""
SUBJECT_WEIGHT = 2
"""The subject is added as this many features, so it counts that many times a common word."""
SLOT_WEIGHT = 2
"""A slot value said (its type's mark) is added as this many more features."""
_NEAREST = 12
"""How many of the nearest samples the statistical tier weighs."""
_YES = "AMAZON.YesIntent"
_NO = "AMAZON.NoIntent"
_NEXT = "AMAZON.NextIntent"
_RESUME = "AMAZON.ResumeIntent"
_TELL_ME_MORE = "TellMeMoreIntent"
_THANKS = "ThanksIntent"
_TRUST_TIP = "TrustTipIntent"
_HELP = "AMAZON.HelpIntent"
_EXASPERATION = frozenset({"even", "honestly", "seriously", "literally", "just"})
"""Words of someone at a loss around "what do i do now" ("what do i even do now")."""
_HEDGES = frozenset(
    {("i", "guess"), ("i", "suppose"), ("i", "think"), ("i", "guess", "so"), ("i", "suppose", "so")}
    | {("i", "think", "so"), ("if", "you", "like"), ("if", "you", "want"), ("why", "not")}
)
"""What follows an unsure yes ("yeah i guess")."""
_PROMISES = frozenset(
    {("i", "will"), ("i", "am"), ("we", "will"), ("will", "do"), ("i", "shall"), ("going", "to")}
)
"""How a thanks goes on with what the speaker will do ("thanks, i'll try that")."""
_NUMBER_HOMOPHONES = {
    "too": 2,
    "to": 2,
    "tu": 2,
    "for": 4,
    "fore": 4,
    "forth": 4,
    "won": 1,
    "ate": 8,
}
"""Words typed or heard for a number, read as one only where the sample has a number slot
("strategy number too")."""
Status = Literal["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH"]
"""Entity resolution status codes Alexa reports for custom slot types."""
_MATCH: Status = "ER_SUCCESS_MATCH"
_NO_MATCH: Status = "ER_SUCCESS_NO_MATCH"
# Words people wrap around a slot value ("the boundaries one") that are not part of it.
_VALUE_PREFIXES = frozenset({"the", "a", "an", "my", "our"})
_VALUE_SUFFIXES = frozenset({"one", "tip", "tips", "strategy", "part", "thing", "bit", "please"})


@dataclass(frozen=True)
class SlotValue:
    """One slot of a resolved intent, filled or not."""

    name: str
    """Slot name, e.g. "strategy"."""
    value: str | None
    """What the user said in the slot (digits for AMAZON.NUMBER), or None if unfilled."""
    resolution_id: str | None
    """Resolved custom value id on ER_SUCCESS_MATCH, else None."""
    status: Status | None
    """Entity resolution status for custom types; None for built-in types and unfilled slots."""
    type: str
    """Slot type, e.g. "STRATEGY" or "AMAZON.NUMBER"."""
    resolution_name: str | None = None
    """Canonical name of the resolved value on ER_SUCCESS_MATCH, else None."""

    def to_alexa(self, skill_id: str = PLACEHOLDER_SKILL_ID) -> dict[str, Any]:
        """The slot as Alexa puts it in ``request.intent.slots``."""
        if self.value is None:
            return {"name": self.name, "confirmationStatus": "NONE"}
        slot: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "confirmationStatus": "NONE",
            "source": "USER",
        }
        if self.status is not None:
            authority: dict[str, Any] = {
                "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{self.type}",
                "status": {"code": self.status},
            }
            if self.status == _MATCH:
                authority["values"] = [
                    {"value": {"name": self.resolution_name, "id": self.resolution_id}}
                ]
            slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
        return slot


@dataclass(frozen=True)
class Resolution:
    """The intent an utterance resolved to."""

    intent: str
    """Intent name, e.g. "StrategyIntent"; AMAZON.FallbackIntent when nothing matched."""
    slots: Mapping[str, SlotValue]
    """Every slot the intent declares, filled or not (empty for fallback)."""
    utterance: str
    """The normalized utterance that was matched."""
    confidence: float = 1.0
    """How sure the match is: 1 for a sample or the safety check, the similarity for the
    statistical tier, a little less than 1 after typo correction, 0 for the fallback."""

    def slots_to_alexa(self, skill_id: str = PLACEHOLDER_SKILL_ID) -> dict[str, Any]:
        """The slots as Alexa's ``request.intent.slots`` object."""
        return {name: slot.to_alexa(skill_id) for name, slot in self.slots.items()}

    def intent_to_alexa(self, skill_id: str = PLACEHOLDER_SKILL_ID) -> dict[str, Any]:
        """The whole ``request.intent`` object."""
        intent: dict[str, Any] = {"name": self.intent, "confirmationStatus": "NONE"}
        if self.slots:
            intent["slots"] = self.slots_to_alexa(skill_id)
        return intent


@dataclass(frozen=True)
class _Pattern:
    """A compiled sample utterance that contains slots."""

    intent: Intent
    """Intent the sample belongs to."""
    regex: re.Pattern[str]
    """Full-match expression over normalized text, one group per slot."""
    groups: tuple[tuple[str, str], ...]
    """(regex group name, slot name) pairs."""
    literal_words: int
    """Words outside slots; more words means a more specific sample."""


@dataclass(frozen=True)
class _ValueIndex:
    """Lookup from a normalized spoken phrase to a custom value (id, canonical name)."""

    exact: Mapping[str, tuple[str, str]]
    """Normalized name or synonym to (id, name)."""
    longest: int
    """Words in the longest name or synonym; a longer phrase is no mis-heard value."""
    loose: Mapping[str, tuple[str, str]]
    """The same with loose words dropped, unambiguous keys only."""

    def lookup(self, phrase: str) -> tuple[str, str] | None:
        """The value a phrase names, trying it as said, then trimmed, then loosely."""
        words = phrase.split()
        candidates = [words]
        trimmed = list(words)
        while len(trimmed) > 1 and trimmed[0] in _VALUE_PREFIXES:
            del trimmed[0]
        while len(trimmed) > 1 and trimmed[-1] in _VALUE_SUFFIXES:
            del trimmed[-1]
        candidates.append(trimmed)
        for candidate in candidates:
            found = self.exact.get(" ".join(candidate))
            if found is not None:
                return found
        for candidate in candidates:
            found = self.loose.get(" ".join(loosen(candidate)))
            if found is not None:
                return found
        return None

    def _contained(self, words: list[str]) -> tuple[str, str] | None:
        """The value whose longest name or synonym occurs inside the phrase, if only one does."""
        text = f" {' '.join(words)} "
        best: tuple[str, str] | None = None
        best_length = 0
        for key, value in self.exact.items():
            length = len(key.split())
            if length < best_length or f" {key} " not in text:
                continue
            if length == best_length and best is not None and best[0] != value[0]:
                best = None
                continue
            best, best_length = value, length
        return best


@dataclass
class _Candidate:
    """A slot pattern that matched, with the slots it produced."""

    pattern: _Pattern
    """The sample pattern that matched."""
    slots: dict[str, SlotValue] = field(default_factory=dict)
    """Every slot of the pattern's intent, filled from the match."""
    all_resolved: bool = True
    """Whether every custom slot resolved (ER_SUCCESS_MATCH)."""


def _rank(candidate: _Candidate) -> tuple[int, int]:
    """How specific a match is: its literal words, then its slots that resolved to an id (of
    "move it to {day}" and "move it to {time}", "move it to friday" is the day)."""
    ids = sum(1 for slot in candidate.slots.values() if slot.resolution_id is not None)
    return candidate.pattern.literal_words, ids


@dataclass(frozen=True)
class _StatSample:
    """A sample as the statistical tier sees it."""

    intent: Intent
    """Intent the sample belongs to."""
    marks: Mapping[str, str]
    """Slot type mark (e.g. "<STRATEGY>") → slot name, for the slots the sample holds."""
    fixed: Mapping[str, tuple[str, str, str]]
    """Slot name → (spoken, id, name) for a sample made from one slot value."""


@dataclass(frozen=True)
class _Found:
    """A slot value found inside an utterance."""

    spoken: str
    """The words said."""
    id: str | None
    """Resolved id (None for a number)."""
    name: str | None
    """Canonical name (None for a number)."""


_CONFLICT = _Found("", None, None)
"""Stands for a slot type said twice with different values: no sample may take either."""


_STRETCHED = re.compile(r"(.)\1{2,}")
"""A letter typed three times or more in a row."""


_OPINION = (("do", "you", "think"), ("do", "you", "reckon"), ("would", "you", "say"))
"""Questions that ask the coach about what follows: "do you think this is my fault"."""


_POLITE_OPENERS = (
    ("could", "you"),
    ("can", "you"),
    ("would", "you"),
    ("will", "you"),
    ("could", "i"),
    ("can", "i"),
    ("may", "i"),
    ("i", "would", "like", "to"),
    ("i", "want", "to"),
)
"""How people open a request to the device; the request is what follows."""


_NOT_DEVICE = frozenset({"SituationIntent", "TherapyIntent", "SupportGroupsIntent"})
"""Intents whose words a request for the phone or a shop shares ("book a therapist")."""
_TAILS = (
    ("instead", "of"),
    ("without",),
    ("when",),
    ("while",),
    ("once",),
    ("after",),
    ("before",),
    ("because",),
    ("since",),
    ("so", "that"),
    ("in", "general"),
    ("even", "though"),
    ("every", "time"),
    ("whenever",),
)
"""Words that open a clause qualifying the request before it: "how do i listen to my partner
instead of just waiting to talk", "how can trust be rebuilt once it's broken"."""
_QUESTION_WORDS = frozenset({"how", "what", "why", "where", "which"})
_AUXILIARY_OPENERS = frozenset(
    {"is", "are", "can", "could", "should", "would", "do", "does", "will", "shall"}
)
_ASKED_OF = frozenset({"i", "we", "you", "there", "it", "my", "our", "he", "she", "they", "this"})
"""How a question asked after the story that leads to it opens: a question word and an
auxiliary ("we yell when we argue, how can we listen to each other better"), or an auxiliary
and whom it asks of ("..., is there a group for couples like us"); "so i can talk" is no
question."""
_REQUEST_VERBS = frozenset({"tell", "give", "help", "teach", "show", "explain"})
"""First words of a request whose qualifying clause may be left aside ("he takes my side when
my mom argues" tells; it asks nothing)."""
_CLAUSE_LEAST = 3
"""Fewest words a clause read on its own has."""


def _clauses(tokens: Sequence[str]) -> list[list[str]]:
    """Shorter readings of a long request, for when the whole names nothing: the request
    without the clause that qualifies it, and the question asked after a story."""
    readings: list[list[str]] = []
    asks = bool(tokens) and (tokens[0] in _QUESTION_WORDS | _AUXILIARY_OPENERS | _REQUEST_VERBS)
    for index in range(_CLAUSE_LEAST, len(tokens) if asks else 0):
        if any(tuple(tokens[index : index + len(tail)]) == tail for tail in _TAILS):
            readings.append(list(tokens[:index]))
            break
    for index in range(_CLAUSE_LEAST, len(tokens) - _CLAUSE_LEAST + 1):
        word, after, before = tokens[index], tokens[index + 1], tokens[index - 1]
        if (word in _QUESTION_WORDS and (after in _AUXILIARY_OPENERS or after == "to")) or (
            word in _AUXILIARY_OPENERS and after in _ASKED_OF and before not in _ASKED_OF
        ):
            question = list(tokens[index:])
            readings.append(question)
            readings.extend(reading for reading in _clauses(question) if reading != question)
            break
    return readings


def _polite_length(tokens: Sequence[str]) -> int:
    """How many words of polite opener the utterance starts with, if more words follow."""
    for opener in _POLITE_OPENERS:
        if tuple(tokens[: len(opener)]) == opener and len(tokens) > len(opener) + 1:
            return len(opener)
    return 0


def _without_trust_issues(tokens: Sequence[str]) -> list[str]:
    """The words without "trust issues", the subject of every request to the coach."""
    return [
        token
        for index, token in enumerate(tokens)
        if not (token == "issues" and index and tokens[index - 1] == "trust")
    ]


def _is_ordinal(word: str) -> bool:
    """Whether a word is an ordinal number ("seventh", "4th")."""
    return (
        word not in _NUMBER_WORDS - _ORDINAL_WORDS
        and not word.isdigit()
        and (parse_number(word) is not None)
    )


def _asks(tokens: Sequence[str]) -> bool:
    """Whether the utterance is a question about what it names (not one about the coach's view
    of something confided)."""
    return bool(tokens) and tokens[0] in _QUESTION_OPENERS and tuple(tokens[:3]) not in _OPINION


def _with_subject(
    grams: set[str], tokens: Sequence[str], heard: Iterable[str] | None = None
) -> set[str]:
    """The features with who the words are about ("i get jealous" is not "she gets jealous"),
    and each slot value said counted more than a word ("give me the fifth one" names a
    strategy by its number, whatever "give me the" is near).

    ``heard``: the slot marks whose words were said as they are (a value the speller made
    up, "footy" read as "forty", counts as a word only); None: every mark in grams.
    """
    who = subject(tokens)
    marks = {
        f"{g} {n}"
        for g in (grams if heard is None else set(heard) & grams)
        if g.startswith("<") and " " not in g and g != WHO
        for n in range(SLOT_WEIGHT)
    }
    grams = grams | marks if marks else grams
    return grams if who is None else grams | {f"{who} {n}" for n in range(SUBJECT_WEIGHT)}


def _unique(pairs: Iterable[tuple[str, str]], what: str) -> dict[str, str]:
    """A key-to-target map that drops keys claimed by two targets."""
    claims: dict[str, set[str]] = {}
    for key, target in pairs:
        if key:
            claims.setdefault(key, set()).add(target)
    result: dict[str, str] = {}
    for key, targets in claims.items():
        if len(targets) == 1:
            result[key] = next(iter(targets))
        else:
            _LOGGER.debug("Ignoring ambiguous %s %r: %s", what, key, sorted(targets))
    return result


class Resolver:
    """Resolves utterances against one locale's interaction model."""

    def __init__(
        self,
        model: InteractionModel,
        builtin_samples: Mapping[str, Iterable[str]],
        after_question: Mapping[str, Iterable[str]] | None = None,
    ):
        """Compile the matcher from a model and the built-in intents' usual phrasings.

        ``after_question``: phrasings that mean an intent while a yes/no question is open.
        """
        self.model = model
        self._after_question = {
            " ".join(normalize_tokens(phrase)): name
            for name, phrases in (after_question or {}).items()
            for phrase in phrases
        }
        self._intents = {intent.name: intent for intent in model.intents}
        self._builtin_phrases = {
            name: frozenset(" ".join(normalize_tokens(phrase)) for phrase in phrases)
            for name, phrases in builtin_samples.items()
        }
        self._values = {
            slot_type.name: self._index(slot_type.values) for slot_type in model.slot_types
        }
        exact: list[tuple[str, str]] = []
        loose: list[tuple[str, str]] = []
        self._sample_words: set[str] = set()
        self._patterns: list[_Pattern] = []
        self._loose_patterns: list[_Pattern] = []
        seen: set[tuple[str, str, bool]] = set()
        for intent, sample in self._samples(builtin_samples):
            tokens = normalize_tokens(sample, keep_slots=True)
            self._sample_words.update(t for t in tokens if not is_slot_token(t))
            if not any(is_slot_token(token) for token in tokens):
                exact.append((" ".join(tokens), intent.name))
                loose.append((" ".join(loosen(tokens)), intent.name))
                continue
            for is_loose, words, target in (
                (False, tokens, self._patterns),
                (True, loosen(tokens), self._loose_patterns),
            ):
                pattern = self._compile(intent, words)
                # The slots count too: "move it to {day}" and "move it to {time}" share a regex.
                shape = f"{pattern.regex.pattern} {pattern.groups}" if pattern else ""
                key = (intent.name, shape, is_loose)
                if pattern is not None and key not in seen:
                    seen.add(key)
                    target.append(pattern)
        self._exact = _unique(exact, "sample")
        # Longest first, so the containment tier can stop at the first length that matches.
        # Inside a longer utterance, safety is the safety check's call alone ("i'm afraid" is a
        # sample; "i'm afraid he's cheating" is not a safety phrasing).
        contained = [
            (key, name)
            for key, name in self._exact.items()
            if len(key.split()) >= 2 and name != SAFETY_INTENT
        ]
        # A sample that is only a slot ("{situation}") is said inside a longer utterance as any
        # of its values: "we are in couples therapy" in "we're in couples therapy right now".
        for intent in model.intents:
            slot_types = {slot.name: slot.type for slot in intent.slots}
            for sample in intent.samples:
                tokens = normalize_tokens(sample, keep_slots=True)
                slot_type = slot_types.get(tokens[0][1:-1]) if len(tokens) == 1 else None
                if intent.name == SAFETY_INTENT or slot_type not in self._values:
                    continue
                for phrase, (value_id, _) in self._values[slot_type].exact.items():
                    if len(phrase.split()) >= 2:
                        contained.append(
                            (phrase, _SLOT_KEY.join((intent.name, tokens[0][1:-1], value_id)))
                        )
        self._contained_keys: dict[str, set[str]] = {}
        for phrase, name in contained:
            self._contained_keys.setdefault(phrase, set()).add(name)
        self._longest_key = max((len(phrase.split()) for phrase in self._contained_keys), default=0)
        self._loose = _unique(loose, "loose sample")
        self._build_statistical(builtin_samples)
        self._concepts = concepts.load()
        _LOGGER.debug(
            "Resolver for %s: %s phrases, %s slot patterns",
            model.locale,
            len(self._exact),
            len(self._patterns),
        )

    def _build_statistical(self, builtin_samples: Mapping[str, Iterable[str]]) -> None:
        """Compile the speller and the nearest-sample index (tiers 6 and 7)."""
        used: set[str] = set()
        for intent in self.model.intents:
            if intent.name != SAFETY_INTENT:
                used.update(slot.type for slot in intent.slots if not slot.is_builtin_type)
        self._delex_types = tuple(sorted(name for name in used if name in self._values))
        self._delex_marks = frozenset(
            f"<{slot.type}>" for intent in self.model.intents for slot in intent.slots
        )
        self._delex_longest = max(
            (self._values[name].longest for name in self._delex_types), default=1
        )
        # Number words are known words even though the samples hold them as {number}.
        vocabulary: list[str] = [
            *safety.VOCABULARY,
            *_NUMBER_WORDS,
            # Everyday and padding words are words, not typos ("though" is not "through").
            *safety.COMMON_WORDS,
            *NEUTRAL_WORDS,
            *PADDING_WORDS,
        ]
        stat: list[_StatSample] = []
        sample_features: list[set[str]] = []
        pairs: set[tuple[str, str]] = set()
        for intent, sample in self._samples(builtin_samples):
            tokens = normalize_tokens(sample, keep_slots=True)
            vocabulary += [token for token in tokens if not is_slot_token(token)]
            pairs.update(itertools.pairwise(tokens))
            slot_types = {slot.name: slot.type for slot in intent.slots}
            slot_names = [token[1:-1] for token in tokens if is_slot_token(token)]
            if intent.name == SAFETY_INTENT and slot_names:
                continue
            if len(tokens) == 1 and slot_names and slot_types.get(slot_names[0]) in self._values:
                # A sample that is only a slot: every value of the slot is a sample of its own.
                slot_type = self.model.slot_type(slot_types[slot_names[0]])
                for value in slot_type.values:
                    for phrase in (value.name, *value.synonyms):
                        words = normalize_tokens(phrase)
                        fixed = {slot_names[0]: (" ".join(words), value.id, value.name)}
                        stat.append(_StatSample(intent, {}, fixed))
                        sample_features.append(
                            _with_subject(features(stat_words(words)), words, ())
                        )
                continue
            marks: dict[str, str] = {}
            words = []
            for token in tokens:
                if is_slot_token(token):
                    mark = f"<{slot_types.get(token[1:-1], '?')}>"
                    marks[mark] = token[1:-1]
                    words.append(mark)
                else:
                    words.append(token)
            found: dict[str, _Found] = {}
            delexed = self._delexicalize(words, found) if not marks else words
            stat.append(_StatSample(intent, marks, {}))
            sample_features.append(
                _with_subject(features(stat_words(words)) | features(stat_words(delexed)), words)
            )
        for slot_type in self.model.slot_types:
            for value in slot_type.values:
                for phrase in (value.name, *value.synonyms):
                    vocabulary += normalize_tokens(phrase)
                    pairs.update(itertools.pairwise(normalize_tokens(phrase)))
        self._speller = Corrector(
            vocabulary,
            pairs,
            ENGLISH_WORDS | EXPANDED_WORDS,
            frozenset([*FILLER_WORDS, *CONTRACTIONS]),
        )
        self._when_words, self._worded_days = self._when_words_of()
        # Slot values' own words ("thursday", "boundaries"): a clear slip of one is put right
        # before matching, since a built-in slot beside it takes any words ("to thrusday").
        self._value_words = frozenset(
            word
            for slot_type in self.model.slot_types
            for value in slot_type.values
            for phrase in (value.name, *value.synonyms)
            for word in normalize_tokens(phrase)
            if len(word) >= 5
        )
        # A slip of a word normalizing drops or expands ("pleas", "wannna", "gimmee").
        self._expanding_speller = Speller([*FILLER_WORDS, *CONTRACTIONS])
        self._bare_verbs = self._confided_verbs()
        # Harm words count double, so a typo between "hiding" and "hitting" reads as harm.
        self._safety_speller = Speller([*safety.VOCABULARY, *safety.HARMS])
        # Two edits for a word of five letters or more said right between a person and "me"
        # ("he hrust me", "she splaped me"): there a missed harm word costs far more than an
        # extra safety message.
        self._frame_speller = Speller(safety.HARMS, long_from=5)
        self._safety_slots = safety.SlotReader(
            *(
                [(v.id, v.name, v.synonyms) for v in self.model.slot_type(name).values]
                if name in {t.name for t in self.model.slot_types}
                else []
                for name in ("PARTNER", "HARM")
            )
        )
        self._stat = stat
        self._stat_words = [{f for f in sample if " " not in f} for sample in sample_features]
        self._nearest = NearestSample(sample_features)

    def _when_words_of(self) -> tuple[frozenset[str], frozenset[str]]:
        """The day and time words, and the days' names that are real words ("sun", "sat"):
        without a reminder frame a real word is no slip of a day or time word ("how far is the
        moon" is no "mon"), nor a day's real-word name a day ("how hot is the sun")."""
        days = self._values[_DAY_TYPE].exact if _DAY_TYPE in self._values else {}
        words = time_of_day.WORDS | {word for phrase in days for word in phrase.split()}
        worded = frozenset(
            phrase
            for phrase, (_, name) in days.items()
            if phrase in ENGLISH_WORDS and not phrase.startswith(name)
        )
        return words, worded

    def _confided_verbs(self) -> frozenset[str]:
        """The bare forms of the verbs situations say of the other one ("checks my phone",
        "he reads my texts" -> check, read)."""
        verbs: set[str] = set()
        situation = self._intents.get(SITUATION_INTENT)
        if situation is None or not situation.slots:
            return frozenset()
        for value in self.model.slot_type(situation.slots[0].type).values:
            for phrase in (value.name, *value.synonyms):
                words = normalize_tokens(phrase)
                for index, word in enumerate(words):
                    if (
                        (index == 0 or words[index - 1] in WHO_WORDS)
                        and word.endswith("s")
                        and words[index + 1 : index + 2] in (["my"], ["through"])
                    ):
                        bare = word[:-2] if word.endswith(("ches", "shes", "sses")) else word[:-1]
                        if len(bare) >= 3 and bare in self._speller.frequency:
                            verbs.add(bare)
        return frozenset(verbs)

    def _delexicalize(
        self, words: list[str], found: dict[str, _Found], reminder: bool = True
    ) -> list[str]:
        """Replace slot values said inside words by their type's mark; note each in found.
        ``reminder``: the words are a reminder request's, so "sun" may be a day."""
        out: list[str] = []
        index = 0
        while index < len(words):
            hit = self._value_at(words, index, reminder)
            if hit is None:
                out.append(words[index])
                index += 1
                continue
            mark, length, value = hit
            if found.setdefault(mark, value) != value:
                found[mark] = _CONFLICT
            out.append(mark)
            index += length
        return out

    def _value_at(
        self, words: list[str], index: int, reminder: bool = True
    ) -> tuple[str, int, _Found] | None:
        """The longest slot value (custom value or number) starting at words[index]."""
        if words[index] == "one" and index and _is_ordinal(words[index - 1]):
            return None  # "the seventh one": the ordinal is the number, "one" the thing
        # A time of day is one value ("at half seven", "evening 9 pm"), not a number and words.
        if _TIME_MARK in self._delex_marks and (length := time_length(words, index)):
            return _TIME_MARK, length, _Found(" ".join(words[index : index + length]), None, None)
        if (
            words[index] in _NUMBER_WORDS
            or _is_ordinal(words[index])
            or words[index].isdigit()
            or (words[index][:-2].isdigit() and words[index][-2:] in ("st", "nd", "rd", "th"))
        ):
            for length in range(min(4, len(words) - index), 0, -1):
                if any(_is_ordinal(word) for word in words[index : index + length - 1]):
                    continue  # an ordinal ends a number: "the seventh one" is 7, not 71
                spoken = " ".join(words[index : index + length])
                number = parse_number(spoken)
                if number is not None:
                    return _NUMBER_MARK, length, _Found(str(number), None, None)
        for length in range(min(self._delex_longest, len(words) - index), 0, -1):
            spoken = " ".join(words[index : index + length])
            for type_name in self._delex_types:
                value = self._values[type_name].exact.get(spoken)
                if value is not None and not reminder and spoken in self._worded_days:
                    continue  # "how hot is the sun" names no day
                if value is not None:
                    return f"<{type_name}>", length, _Found(spoken, value[0], value[1])
        return None

    def _statistical(
        self, tokens: list[str], said: list[str] | None = None, reminder: bool = True
    ) -> Resolution | None:
        """Tier 7: the nearest sample, if near enough and its slots are all found.

        ``tokens``: the words after typo correction; ``said``: as they were said, if different;
        ``reminder``: the words are a reminder request's (reminder_requests.frames).
        """
        found: dict[str, _Found] = {}
        delexed = self._delexicalize(tokens, found, reminder)
        # A request opens with the bare verb a confidence says of the other one ("checks").
        # ("read me my text messages" asks it of the device too).
        whose = tokens[2:3] if tokens[1:2] in (["me"], ["us"]) else tokens[1:2]
        imperative = (
            bool(tokens)
            and (tokens[0] in self._bare_verbs or device_requests.is_command(tokens[0]))
            and whose in (["my"], ["our"])
        )
        heard = set(said or tokens)
        # "one" is more often a pronoun ("one thing to try") than a number.
        marks = [
            mark
            for mark, value in found.items()
            if heard.issuperset(value.spoken.split()) and value.spoken != "one"
        ]
        query = _with_subject(
            features(stat_words(tokens)) | features(stat_words(delexed)), tokens, marks
        )
        # A value named as what it is ("the empathy strategy", "the boundaries one") is the
        # one the utterance is about: only a sample that takes it may answer.
        framed = {
            word
            for word, after in itertools.pairwise(delexed)
            if word in marks and word != _NUMBER_MARK and after in _VALUE_SUFFIXES
        }
        text = " ".join(tokens)
        unknown = [
            t
            for t in tokens
            if t not in self._speller.frequency and t not in NEUTRAL_WORDS and t.isalpha()
        ]
        # A word no sample knows counts against the match even when its stem is known.
        penalised = set(stat_words(unknown))
        threshold = UNKNOWN_WORD_THRESHOLD if any(len(t) >= 4 for t in unknown) else THRESHOLD
        # A corrected word may have been a real word no sample has ("news" is not "new"): it
        # weighs as an unknown word in the share, which the sample only makes up by holding it.
        doubtful = penalised | {
            stem_word
            for before, after in zip(said or tokens, tokens, strict=False)
            if before != after
            for stem_word in stat_words([after])
        }
        readings = []
        for reading in (stat_words(tokens), stat_words(delexed)):
            # A time says when, not what: "remind me to take my pills at nine" asks nothing here.
            content = {
                word
                for word in reading
                if word not in FUNCTION_WORDS
                and word not in NEUTRAL_WORDS
                and word not in (WHO, _TIME_MARK)
            }
            if len(content & doubtful) >= 2 and content <= doubtful:
                # All of what was said had to be corrected: more likely words no sample has
                # ("sing me a song") than that many typos.
                return None
            weights = {
                word: UNKNOWN_CONTENT_FACTOR * self._nearest.unknown_weight
                if word in doubtful
                else self._nearest.weight(word)
                for word in content
            }
            readings.append((weights, sum(weights.values())))
        ranked = self._nearest.nearest(query, penalised, top=_NEAREST, neutral=NEUTRAL_WORDS)
        # The samples of one meaning (an intent, or an intent with one slot value) are views of
        # it: what the utterance says may be spread over several ("my mind spirals" and "when he
        # does not text back"), so the share of content words counts all of them among the nearest.
        held_by: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for scored in ranked:
            held_by.setdefault(self._meaning(scored.index), set()).update(
                self._stat_words[scored.index]
            )
        for scored in ranked:
            if scored.score < threshold:
                break
            held = held_by[self._meaning(scored.index)]
            if not any(
                (not total and scored.score >= FUNCTION_ONLY_THRESHOLD)
                or (
                    total
                    and sum(w for word, w in weights.items() if word in held)
                    >= CONTENT_COVERAGE * total
                )
                for weights, total in readings
            ):
                continue
            sample = self._stat[scored.index]
            if any(found.get(mark, _CONFLICT) is _CONFLICT for mark in sample.marks):
                continue
            if not reminder and any(
                spoken in self._worded_days for spoken, _, _ in sample.fixed.values()
            ):
                continue  # "how hot is the sun" is no "sun" said for sunday
            if (
                _TIME_MARK in marks
                and _TIME_MARK not in sample.marks
                and any(slot.type == _TIME_TYPE for slot in sample.intent.slots)
            ):
                continue  # a time was said: the sample of this intent that takes it answers
            if not framed <= sample.marks.keys():
                continue
            if (
                sample.fixed
                and _asks(tokens)
                and not any(
                    spoken.split()[0] == tokens[0] for spoken, _, _ in sample.fixed.values()
                )
            ):
                continue  # "should i see a therapist" asks; "i see a therapist" tells
            if sample.intent.name == SITUATION_INTENT and imperative:
                continue  # "read my text messages" asks the device; "he reads my texts" tells
            slots = self._empty_slots(sample.intent)
            for mark, slot_name in sample.marks.items():
                value = found[mark]
                slot_type = slots[slot_name].type
                if value.id is None:
                    slots[slot_name] = SlotValue(slot_name, value.spoken, None, None, slot_type)
                else:
                    slots[slot_name] = SlotValue(
                        slot_name, value.spoken, value.id, _MATCH, slot_type, value.name
                    )
            for slot_name, (spoken, value_id, name) in sample.fixed.items():
                slot_type = slots[slot_name].type
                slots[slot_name] = SlotValue(slot_name, spoken, value_id, _MATCH, slot_type, name)
            return Resolution(sample.intent.name, slots, text, min(1.0, scored.score))
        return None

    def _nearest_reading(
        self, tokens: list[str], corrected: list[str], reminder: bool = True
    ) -> Resolution | None:
        """Tier 7 on the words without padding, then without a polite opener."""
        # Padding dropped from both readings alike, so the words stay paired.
        kept = unpadded_positions(corrected)
        found = self._statistical([corrected[i] for i in kept], [tokens[i] for i in kept], reminder)
        polite = _polite_length(corrected)
        if found is None and polite:
            # "could you tell me a little more" asks for what follows the opener; a request to
            # the device ("can you read my messages") confides nothing.
            rest = [i for i in kept if i >= polite]
            found = self._statistical(
                [corrected[i] for i in rest], [tokens[i] for i in rest], reminder
            )
            if found is not None and found.intent == SITUATION_INTENT:
                return None
        if found is None and cues.situation(tokens) is None:
            # Near no sample, and no confidence: a description read by its ideas ("what is
            # trust made of"); as corrected only when framed as one ("the one about rushng").
            found = self._described(tokens) or self._described(corrected, framed_only=True)
        return found

    def _exasperated(
        self, tokens: list[str], unpadded: list[str], found: Resolution
    ) -> Resolution | None:
        """A request for help said with the words of someone at a loss ("what do i even do
        now", "what do i honestly do now") is what they confide, when its words are one."""
        situation = self._intents.get(SITUATION_INTENT)
        if (
            found.intent != _HELP
            or situation is None
            or not situation.slots
            or not _EXASPERATION.intersection(set(tokens) - set(unpadded))
        ):
            return None
        slot = situation.slots[0]
        index = self._values.get(slot.type)
        value = index.exact.get(" ".join(unpadded)) if index is not None else None
        if value is None:
            return None
        slots = self._empty_slots(situation)
        said = " ".join(unpadded)
        slots[slot.name] = SlotValue(slot.name, said, value[0], _MATCH, slot.type, value[1])
        return Resolution(SITUATION_INTENT, slots, " ".join(tokens))

    def _tip_named(
        self, tokens: list[str], found: Resolution, confidence: float
    ) -> tuple[Resolution | None, float]:
        """A general request for a tip, found short of a whole sample, that names more."""
        if cues.situation(_without_trust_issues(tokens)) is not None:
            # "how do i deal with a partner who lies all the time": near a general request for
            # a tip, yet it names what is going on (trust issues are what every request here is
            # about, so they name nothing).
            return None, confidence
        # "does active listening help with trust issues": near a general request for help, yet
        # it names an idea in full; the idea answers.
        described = self._described(tokens)
        if described is not None and described.intent != _TRUST_TIP:
            return described, described.confidence
        return found, confidence

    def _names_idea(self, words: list[str]) -> bool:
        """Whether words name one of the ideas of interaction_model.concepts in full."""
        return any(
            score >= concepts.FRAMED_THRESHOLD
            for score, _ in self._concepts.scores(concepts.marked(words))
        )

    def _contained_resolution(
        self, name: str, key: str, filled: list[str], text: str
    ) -> Resolution:
        """The intent of a contained sample, with the slot a contained value fills."""
        slots = self._empty_slots(self._intents[name])
        if filled:
            slot_name, value_id = filled
            slot_type = slots[slot_name].type
            value_name = self._values[slot_type].exact[key][1]
            slots[slot_name] = SlotValue(slot_name, key, value_id, _MATCH, slot_type, value_name)
        return Resolution(name, slots, text)

    def _harm_between(self, tokens: list[str]) -> bool:
        """Whether an unknown word right between a person and the speaker ("he hrust me") is
        two edits from a harm word."""
        for index in range(1, len(tokens) - 1):
            token = tokens[index]
            if (
                tokens[index - 1] in safety.PERSONS
                and tokens[index + 1] in safety.TARGETS
                and len(token) >= 5
                and token not in self._speller.frequency
                and token not in safety.COMMON_WORDS
                and token not in safety.REAL_WORDS
                and self._frame_speller.correct(token, keep_forms=False) in safety.HARMS
            ):
                return True
        return False

    def _leads(self, tokens: list[str], intent: str) -> bool:
        """Whether the utterance starts with a sample of the intent, two words or more."""
        return any(
            self._exact.get(" ".join(tokens[:length])) == intent
            for length in range(len(tokens) - 1, 1, -1)
        )

    def _meaning(self, index: int) -> tuple[str, tuple[str, ...]]:
        """What a statistical sample means: its intent, and the slot value it was made from."""
        sample = self._stat[index]
        return sample.intent.name, tuple(value[1] for value in sample.fixed.values())

    def _answer_with_more(self, tokens: list[str]) -> str | None:
        """A yes or no said with more words while a question is open: "yeah go ahead",
        "sure why not", "nah i'm good" (the first words are the answer, the rest agrees)."""
        if tuple(tokens) in _HEDGES:
            return _YES  # "i guess so" (the "okay" before it is padding)
        for length in range(len(tokens) - 1, 0, -1):
            head = " ".join(tokens[:length])
            answer = self._exact.get(head)
            if answer not in (_YES, _NO) and tuple(tokens[length:]) in _HEDGES:
                answer = self._after_question.get(head)  # "okay", "go on": yes only here
            if answer not in (_YES, _NO):
                continue
            rest = " ".join(tokens[length:])
            if (
                self._after_question.get(rest) == _YES
                or (
                    self._exact.get(rest) in (answer, _NEXT, _RESUME, _TELL_ME_MORE)
                    and answer == _YES
                )
                or (self._exact.get(rest) in (answer, _THANKS) and answer == _NO)
                # "no i don't want another tip": a no, whatever follows the negation.
                or (answer == _NO and "not" in tokens[length:])
                # "yeah i guess", "okay i suppose": a yes, however unsure.
                or (answer == _YES and tuple(tokens[length:]) in _HEDGES)
            ):
                return answer
        return None

    def _thanks_with_more(self, tokens: list[str]) -> bool:
        """Thanks, then what the speaker will do with it: "thanks i will give that a go"."""
        return any(
            self._exact.get(" ".join(tokens[:length])) == _THANKS
            and tuple(tokens[length : length + 2]) in _PROMISES
            for length in range(1, len(tokens) - 1)
        )

    def _cued(
        self,
        tokens: list[str],
        found: Resolution | None,
        confidence: float,
        corrected: list[str] | None = None,
    ) -> tuple[Resolution | None, float]:
        """Tier 8: the situation the cue words name, when no tier found anything; and the
        other one of a pair when a negation flips who does it ("i'm not the jealous one, my
        boyfriend is"). ``corrected``: the words after typo correction (a typo is no word no
        sample knows)."""
        intent = self._intents.get(SITUATION_INTENT)
        if intent is None or not intent.slots:
            return found, confidence
        asks = _asks(tokens) and found is None
        cued = cues.situation(tokens)
        if asks and cued not in _ASKED_SITUATIONS:
            # "should i see a therapist" asks about therapy; "can we ever get the trust back"
            # and "is this on me" are what the speaker is going through.
            return found, confidence
        if cued is None:
            if (
                found is not None
                and confidence < _CORRECTED_CONFIDENCE
                and not cues.PARTNER_WORDS.intersection(tokens)
                and self._unknown_words(corrected or tokens)
            ):
                # Near a confided sample, yet no cue, no one to confide about and words no
                # sample knows: "i have no idea where i parked my car" is not "i have no idea
                # what to do".
                return None, 0.0
            return found, confidence
        slot = intent.slots[0]
        if found is not None:
            said = found.slots[slot.name].resolution_id if slot.name in found.slots else None
            reading = cues.situation(tokens, only="infidelity")
            if said in _CONFESSION_OVERRULES and reading == "i_cheated":
                cued = "i_cheated"
            elif said in _EARLIER_INFIDELITY | {"i_cheated"} and reading in _EARLIER_INFIDELITY - {
                said,
                "partner_cheated",
            }:
                # Who was unfaithful, and when, is read from the words: "my wife cheated on me
                # six years ago" is past infidelity, "her ex cheated on her" past hurt.
                cued = reading
            elif "not" not in tokens or said is None or _FLIPS.get(said) != cued:
                return found, confidence
        names = {value.id: value.name for value in self.model.slot_type(slot.type).values}
        if cued not in names:
            return found, confidence
        slots = self._empty_slots(intent)
        slots[slot.name] = SlotValue(
            slot.name, " ".join(tokens), cued, _MATCH, slot.type, names[cued]
        )
        return Resolution(intent.name, slots, " ".join(tokens), CUE_CONFIDENCE), CUE_CONFIDENCE

    def _situated(
        self, tokens: list[str], corrected: list[str], found: Resolution | None
    ) -> Resolution | None:
        """Tier 8b: the situation weighed from all a confidence says (interaction_model.situations)
        when it is clearer than what the tiers before found (a sample said exactly stands); then
        therapy told apart from the in_therapy situation. ``corrected``: the words after typo
        correction, which the weighing may read."""
        weighed = found
        intent = self._intents.get(SITUATION_INTENT)
        if intent is not None and intent.slots:
            weighed = self._weighed(intent, tokens, corrected, found)
        if (
            weighed is not None
            and weighed.intent in _NOT_DEVICE
            and device_requests.asks_device(tokens)
        ):
            # "call my mom", "book a couples therapist near me" confide nothing, and "find a
            # marriage counselor near me" asks the device (or a shop), not about therapy.
            return None
        if weighed is not None and weighed.intent == SITUATION_INTENT:
            topic = situations.TOPIC_OF.get(weighed.slots["situation"].resolution_id or "")
            if topic in self._intents and situations.in_general(tokens):
                # "how do couples rebuild trust in general" asks the topic; it confides nothing.
                return Resolution(topic, self._empty_slots(self._intents[topic]), weighed.utterance)
        if weighed is not None and weighed.intent in (THERAPY_INTENT, SITUATION_INTENT):
            return self._therapy_pair(tokens, weighed)
        return weighed

    def _weighed(
        self, intent: Intent, tokens: list[str], corrected: list[str], found: Resolution | None
    ) -> Resolution | None:
        """The situation situations.decide() weighs, in place of what was found if it differs."""
        slot = intent.slots[0]
        current = None
        if found is not None and found.intent == SITUATION_INTENT:
            current = found.slots[slot.name].resolution_id
        elif found is not None and (
            found.intent not in situations.MAY_OVERRULE
            or {" ".join(tokens), " ".join(unpad(tokens))} & self._exact.keys()
            or not situations.personal_enough(found.intent, tokens)
        ):
            return found
        decided = situations.decide(tokens, current, corrected)
        names = {value.id: value.name for value in self.model.slot_type(slot.type).values}
        if decided is None or decided == current or decided not in names:
            return found
        slots = self._empty_slots(intent)
        slots[slot.name] = SlotValue(
            slot.name, " ".join(tokens), decided, _MATCH, slot.type, names[decided]
        )
        return Resolution(SITUATION_INTENT, slots, " ".join(tokens), CUE_CONFIDENCE)

    def _therapy_pair(self, tokens: list[str], found: Resolution) -> Resolution:
        """Therapy told as what we do ("we see a therapist every other week") is the situation
        in_therapy; wondering whether to go ("do you think we should try therapy") asks about
        therapy (TherapyIntent)."""
        situation = found.slots.get("situation")
        therapy = self._intents.get(THERAPY_INTENT)
        if found.intent == SITUATION_INTENT:
            if (
                therapy is None
                or situation is None
                or situation.resolution_id != "in_therapy"
                or "already" in tokens
                or not _WONDERING.intersection(tokens)
                or situations.with_therapist(tokens)
            ):
                return found
            return Resolution(THERAPY_INTENT, self._empty_slots(therapy), found.utterance)
        words = unpad(tokens)
        if not situations.with_therapist(words) and (
            words[0] not in ("i", "we", "our", "my")
            or _WONDERING.intersection(words)
            or cues.situation(words) != "in_therapy"
        ):
            return found
        intent = self._intents[SITUATION_INTENT]
        slot = intent.slots[0]
        names = {value.id: value.name for value in self.model.slot_type(slot.type).values}
        slots = self._empty_slots(intent)
        slots[slot.name] = SlotValue(
            slot.name, " ".join(tokens), "in_therapy", _MATCH, slot.type, names["in_therapy"]
        )
        return Resolution(SITUATION_INTENT, slots, found.utterance, CUE_CONFIDENCE)

    def _described(
        self, tokens: list[str], *, framed_only: bool = False, least: float = concepts.THRESHOLD
    ) -> Resolution | None:
        """The concept tier (interaction_model.concepts): a strategy, a section or the
        exercise asked for by describing it (``least``: the score it needs unframed)."""
        reading = self._concepts.read(tokens, framed_only=framed_only, least=least)
        if reading is None or reading.intent not in self._intents:
            return None
        slots = self._empty_slots(self._intents[reading.intent])
        if reading.slot is not None and reading.slot in slots:
            slot_type = slots[reading.slot].type
            names = {value.id: value.name for value in self.model.slot_type(slot_type).values}
            if reading.value not in names:
                return None
            slots[reading.slot] = SlotValue(
                reading.slot,
                reading.described,
                reading.value,
                _MATCH,
                slot_type,
                names[reading.value],
            )
        return Resolution(reading.intent, slots, " ".join(tokens), CONCEPT_CONFIDENCE)

    def _refined(
        self, tokens: list[str], text: str, found: Resolution, confidence: float
    ) -> Resolution:
        """The answer of the tiers, as a concept modifier turns it: "let's finish the listening
        exercise from before" is the exercise resumed (a whole sample stays as it is); and a
        section the nearest sample answered though no word of it was said gives way to the
        idea the words describe ("what happens to people with trust issues" is no question
        about support groups). The confidence is the tier's, or the concept tier's own."""
        confidence = min(confidence, found.confidence)
        if confidence < _CORRECTED_CONFIDENCE and self._concepts.unsupported(tokens, found.intent):
            # The section has no word of what was said: one idea named in full is enough.
            described = self._described(tokens, least=concepts.FRAMED_THRESHOLD)
            if described is not None:
                found, confidence = described, described.confidence
        refined = None if text in self._exact else self._concepts.refine(tokens, found.intent)
        if refined is None or refined not in self._intents:
            return Resolution(found.intent, found.slots, text, confidence)
        return Resolution(refined, self._empty_slots(self._intents[refined]), text, confidence)

    def _is_safety(self, tokens: list[str]) -> bool:
        """The safety check on the words, as said and as the typo correctors read them."""
        # Only a word no sample and no everyday speech knows may be read as a harm word.
        harm_reading = [
            token
            if token in self._speller.frequency or token in safety.COMMON_WORDS
            else self._safety_speller.correct(token)
            for token in tokens
        ]
        plain_reading = [
            token if token in safety.COMMON_WORDS else self._speller.correct(token, False)
            for token in tokens
        ]
        if safety.is_safety(tokens, plain_reading, harm_reading) or self._harm_between(tokens):
            return True
        # The typed-input corrector's reading, the words around a slip choosing ("he plls my
        # hair", "my husnd hits me").
        read = [
            token if token in safety.COMMON_WORDS else fixed
            for token, fixed in zip(
                tokens, self._speller.correct_all(tokens, keep_forms=False), strict=True
            )
        ]
        return read != plain_reading and safety.is_safety(tokens, read, harm_reading)

    def _named_as_typed(self, said: list[str], tokens: list[str]) -> Resolution | None:
        """A sample with a first name matched by the words as typed: names stay as typed
        ("alexis" is no "alex is")."""
        if said == tokens:
            return None
        typed = self._exact_tiers(said, " ".join(said))
        if typed is not None and any(
            slot.type == _FIRST_NAME_TYPE and slot.value for slot in typed.slots.values()
        ):
            return typed
        return None

    def _respell(self, tokens: list[str]) -> list[str]:
        """The words with spaces put right ("trusttip", "strat egy") and a slip of a word that
        normalizing drops or expands ("pleas", "wannna") read as that word."""
        out: list[str] = []
        for spaced in self._speller.respace(tokens):
            token = self._unstretched(spaced)
            if token in self._speller.extra:
                out.extend(expand_word(token))  # "tipplease", "i'mlost"
                continue
            if not self._speller.known(token) and len(token) >= 4:
                options = self._speller.candidates(token)
                fixed = self._expanding_speller.correct(token)
                if fixed != token and (not options or options[0][1] >= typing_cost(fixed, token)):
                    out.extend(expand_word(fixed))
                    continue
                if (
                    options
                    and options[0][0] in self._value_words
                    and options[0][1] <= _CLEAR_SLIP
                    and (len(options) == 1 or options[1][1] > options[0][1])
                ):
                    out.append(options[0][0])  # "thrusday": a slot value's word
                    continue
            out.append(token)
        return out or tokens

    def _unstretched(self, token: str) -> str:
        """A word typed with a letter held down ("yesss", "pleeease", "nooo") as the known word
        it stretches, its runs of a letter cut to two or to one."""
        if not _STRETCHED.search(token) or self._speller.known(token):
            return token
        for squeezed in (_STRETCHED.sub(r"\1\1", token), _STRETCHED.sub(r"\1", token)):
            if self._speller.known(squeezed) or squeezed in self._speller.extra:
                return squeezed
            once = re.sub(r"(.)\1+", r"\1", squeezed)
            if self._speller.known(once) or once in self._speller.extra:
                return once
        return token

    def _unknown_words(self, tokens: list[str]) -> list[str]:
        """The words of an utterance that no sample, value or padding list knows."""
        return [
            t
            for t in tokens
            if len(t) >= 4
            and t.isalpha()
            and t not in self._speller.frequency
            and t not in NEUTRAL_WORDS
        ]

    def _safety(self, text: str, readings: Sequence[Sequence[str]]) -> Resolution:
        """The safety intent, its partner and harm slots read as Alexa's NLU fills them from the
        model's PARTNER and HARM types (safety.SlotReader)."""
        intent = self._intents[SAFETY_INTENT]
        slots = self._empty_slots(intent)
        found = dict(zip(("PARTNER", "HARM"), self._safety_slots.read(readings), strict=True))
        for slot in intent.slots:
            said = found.get(slot.type)
            if said is not None:
                name = self._safety_slots.names[said[0]]
                slots[slot.name] = SlotValue(slot.name, said[1], said[0], _MATCH, slot.type, name)
        return Resolution(SAFETY_INTENT, slots, text)

    @classmethod
    def from_model(
        cls, model: InteractionModel, builtin_samples: Mapping[str, Iterable[str]] | None = None
    ) -> "Resolver":
        """A resolver for a parsed model (and, optionally, the built-ins' usual phrasings)."""
        return cls(model, builtin_samples or {})

    @classmethod
    def from_path(cls, model_path: Path, builtins_path: Path | None = None) -> "Resolver":
        """The resolver for the model in a file (its locale: the file's name), built once."""
        return _cached_resolver(
            Path(model_path), None if builtins_path is None else Path(builtins_path)
        )

    @classmethod
    def from_locale(cls, locale: str) -> "Resolver":
        """The resolver for a shipped locale, built once per process."""
        load_model(locale)  # UnknownLocaleError for a locale that ships no model
        load_builtin_samples(locale)
        return cls.from_path(model_path(locale), builtins_path(locale))

    def _samples(
        self, builtin_samples: Mapping[str, Iterable[str]]
    ) -> Iterable[tuple[Intent, str]]:
        """Every (intent, sample) pair: the model's own, then the built-ins' usual phrasings."""
        for intent in self.model.intents:
            for sample in intent.samples:
                yield intent, sample
        for name, samples in builtin_samples.items():
            builtin = self._intents.get(name)
            if builtin is None:
                _LOGGER.warning("Built-in phrasings for %s, which the model does not list", name)
                continue
            for sample in samples:
                yield builtin, sample

    @staticmethod
    def _index(values: Iterable[SlotTypeValue]) -> _ValueIndex:
        """Index a slot type's names and synonyms by their normalized text."""
        exact: list[tuple[str, str]] = []
        names: dict[str, str] = {}
        loose: list[tuple[str, str]] = []
        for value in values:
            names[value.id] = value.name
            for phrase in (value.name, *value.synonyms):
                tokens = normalize_tokens(phrase)
                exact.append((" ".join(tokens), value.id))
                loose.append((" ".join(loosen(tokens)), value.id))
        return _ValueIndex(
            longest=max((len(key.split()) for key, _ in exact), default=0),
            exact={key: (id_, names[id_]) for key, id_ in _unique(exact, "synonym").items()},
            loose={key: (id_, names[id_]) for key, id_ in _unique(loose, "synonym").items()},
        )

    def _compile(self, intent: Intent, words: list[str]) -> _Pattern | None:
        """Turn a tokenized sample into a full-match regex with one group per slot."""
        slot_types = {slot.name: slot.type for slot in intent.slots}
        parts: list[str] = []
        groups: list[tuple[str, str]] = []
        for word in words:
            if not is_slot_token(word):
                parts.append(re.escape(word))
                continue
            slot_name = word[1:-1]
            if slot_name not in slot_types:
                _LOGGER.warning("%s: sample uses undeclared slot %s", intent.name, word)
                return None
            group = f"g{len(groups)}"
            groups.append((group, slot_name))
            body = NUMBER_PATTERN if slot_types[slot_name] == _NUMBER_TYPE else ".+?"
            parts.append(f"(?P<{group}>{body})")
        return _Pattern(
            intent=intent,
            regex=re.compile(" ".join(parts)),
            groups=tuple(groups),
            literal_words=len(words) - len(groups),
        )

    def _empty_slots(self, intent: Intent) -> dict[str, SlotValue]:
        """All of an intent's slots, unfilled."""
        return {
            slot.name: SlotValue(slot.name, None, None, None, slot.type) for slot in intent.slots
        }

    def _match(self, pattern: _Pattern, text: str) -> _Candidate | None:
        """Fill a pattern's slots from text, or None if it does not match."""
        found = pattern.regex.fullmatch(text)
        if found is None:
            return None
        candidate = _Candidate(pattern, self._empty_slots(pattern.intent))
        for group, slot_name in pattern.groups:
            spoken = found.group(group)
            slot_type = candidate.slots[slot_name].type
            if slot_type == _NUMBER_TYPE:
                number = parse_number(spoken)
                if number is None:
                    number = _NUMBER_HOMOPHONES.get(spoken)
                if number is None:
                    return None
                candidate.slots[slot_name] = SlotValue(
                    slot_name, str(number), None, None, slot_type
                )
                continue
            if slot_type == _FIRST_NAME_TYPE and not self._could_be_name(spoken):
                return None
            if slot_type == _TIME_TYPE and not is_time(spoken.split()):
                return None  # "move our check in {time}" does not take "reminder friday at 8"
            index = self._values.get(slot_type)
            resolved = index.lookup(spoken) if index is not None else None
            if slot_type.startswith("AMAZON."):
                candidate.slots[slot_name] = SlotValue(slot_name, spoken, None, None, slot_type)
            elif resolved is None:
                if index is not None and len(spoken.split()) > index.longest:
                    return None
                candidate.all_resolved = False
                candidate.slots[slot_name] = SlotValue(
                    slot_name, spoken, None, _NO_MATCH, slot_type
                )
            else:
                candidate.slots[slot_name] = SlotValue(
                    slot_name, spoken, resolved[0], _MATCH, slot_type, resolved[1]
                )
        return candidate

    def _could_be_name(self, spoken: str) -> bool:
        """Whether words could be a first name (Alexa matches AMAZON.FirstName against its own
        list of names; offline, a short phrase of words no sample uses, or of names that are also
        words, stands in for it)."""
        words = spoken.split()
        unknown = self._sample_words.intersection(words) - WORD_NAMES
        never = in_dialog.NEVER_NAMES.intersection(words) - WORD_NAMES  # "its", "okay"
        return 0 < len(words) <= _FIRST_NAME_WORDS and not unknown and not never

    def _best(
        self, patterns: Iterable[_Pattern], text: str
    ) -> tuple[_Candidate | None, _Candidate | None]:
        """The most specific fully resolved match and the most specific partial one."""
        resolved: _Candidate | None = None
        partial: _Candidate | None = None
        for pattern in patterns:
            candidate = self._match(pattern, text)
            if candidate is None:
                continue
            if candidate.all_resolved:
                if resolved is None or _rank(candidate) > _rank(resolved):
                    resolved = candidate
            elif pattern.literal_words and (
                partial is None or pattern.literal_words > partial.pattern.literal_words
            ):
                partial = candidate
        return resolved, partial

    def _containing(self, text: str) -> tuple[str, str] | None:
        """The intent of the longest sample (two words or more) said inside a longer utterance.

        None when samples of two intents tie for longest.
        """
        words = text.split()
        for length in range(min(self._longest_key, len(words)), 1, -1):
            found: tuple[str, str] | None = None
            for start in range(len(words) - length + 1):
                key = " ".join(words[start : start + length])
                for name in self._contained_keys.get(key, ()):
                    if found is not None and found[0] != name:
                        return None
                    found = (name, key)
            if found is not None:
                return found
        return None

    def _exact_tiers(self, tokens: list[str], text: str) -> Resolution | None:
        """Tiers 1 to 5 on one reading of the words."""
        name = self._exact.get(text)
        if name is not None:
            return Resolution(name, self._empty_slots(self._intents[name]), text)
        resolved, _ = self._best(self._patterns, text)
        if resolved is not None:
            return Resolution(resolved.pattern.intent.name, resolved.slots, text)
        loose_text = " ".join(loosen(tokens))
        name = self._loose.get(loose_text)
        if name is not None:
            return Resolution(name, self._empty_slots(self._intents[name]), text)
        loose_resolved, _ = self._best(self._loose_patterns, loose_text)
        if loose_resolved is not None:
            return Resolution(loose_resolved.pattern.intent.name, loose_resolved.slots, text)
        return None

    def _contained(self, tokens: list[str], text: str) -> tuple[Resolution | None, bool]:
        """Tier 5: the intent of the longest sample said inside the utterance, and whether that
        sample carries most of what was said (else the nearest-sample tier may know better).

        Before it, a description framed as one ("the one about not rushing them to heal") is
        read by its ideas (interaction_model.concepts): its words name no sample."""
        described = self._described(tokens, framed_only=True)
        if described is not None:
            return described, True
        found = self._containing(text)
        if found is None:
            return None, False
        name, key = found
        name, *filled = name.split(_SLOT_KEY)
        if filled and _asks(tokens) and not text.startswith(key):
            # "should i see a therapist" asks; it does not say "i see a therapist".
            return None, False
        before = f" {text} ".split(f" {key} ", 1)[0].split()
        subject_first = subject(before)
        if filled and subject_first is not None and subject(key.split()) is None:
            # "i slept with someone else": a value without a subject ("slept with someone
            # else") said after one may be about the other person; the nearest-sample tier,
            # which weighs who it is about, decides.
            return self._contained_resolution(name, key, filled, text), False
        resolution = self._contained_resolution(name, key, filled, text)
        if name == _TRUST_TIP and self._names_idea(f" {text} ".replace(f" {key} ", " ").split()):
            # "does counseling help with trust issues": a general request for help said of an
            # idea asks about the idea; the nearest-sample tier, which weighs it, decides.
            return resolution, False
        said = {w for w in stat_words(tokens) if w not in FUNCTION_WORDS and w not in NEUTRAL_WORDS}
        held = said.intersection(stat_words(key.split()))
        # A word no sample knows ("in french") counts twice against the contained sample.
        unknown = len(set(stat_words(self._unknown_words(tokens))) & said)
        return resolution, name == SAFETY_INTENT or len(held) * 2 >= len(said) + unknown

    def _everyday_reply(self, tokens: list[str], context: Context) -> Resolution | None:
        """A reply whose meaning the context fixes: "continue" after a pause, "keep going" in a
        routine's step, "go on" while a yes/no question is open."""
        text = " ".join(tokens)
        name = in_dialog.steer(tokens, context, self._builtin_phrases)
        if name is None and context.question:
            name = self._after_question.get(text)
        if name is None or name not in self._intents:
            return None
        return Resolution(name, self._empty_slots(self._intents[name]), text)

    def _in_dialog(
        self,
        tokens: list[str],
        context: Context,
        corrected: list[str] | None = None,
        typed: list[str] | None = None,
    ) -> Resolution | None:
        """Replies read with what the skill waits for (interaction_model.context) and requests
        about the check-in reminder said in any frame (interaction_model.reminder_requests).
        ``typed``: the words as typed, where names are read first ("harman" is no "harm an")."""
        text = " ".join(tokens)
        if context.routine and in_dialog.moves_on(tokens, self._builtin_phrases):
            return Resolution(_NEXT, self._empty_slots(self._intents[_NEXT]), text)
        if context.question and in_dialog.lost(tokens) and _TELL_ME_MORE in self._intents:
            return self._filled(_TELL_ME_MORE, {})  # "I'm not sure I follow": say it plainer
        if in_dialog.resumes_routine(tokens) and "ResumeExerciseIntent" in self._intents:
            return self._filled("ResumeExerciseIntent", {})
        if context.names and in_dialog.declines_names(tokens):
            return Resolution(_NEXT, self._empty_slots(self._intents[_NEXT]), text)
        readings = (tokens,) if typed is None else (typed, tokens)
        for words in readings if context.names else ():
            pair = in_dialog.read_names(words, self._sample_words)
            if pair is not None and "PartnerNamesIntent" in self._intents:
                return self._filled("PartnerNamesIntent", {"first": pair[0], "second": pair[1]})
            first = in_dialog.read_first_speaker(words, self._sample_words)
            if first is not None and "FirstSpeakerIntent" in self._intents:
                return self._filled("FirstSpeakerIntent", {"name": first})
        weekdays = self._values.get(_DAY_TYPE)
        if weekdays is None:
            return None
        request = reminder_requests.read(tokens, weekdays.exact.get, asked=context.reminder_time)
        if request is not None and request.intent == reminder_requests.SET and corrected:
            # A slip of the verb ("cancle the reminder") leaves only the noun: setting one.
            fixed = reminder_requests.read(corrected, weekdays.exact.get)
            if fixed is not None and fixed.intent in reminder_requests.INTENTS - {request.intent}:
                request = fixed
        if request is not None and request.intent == reminder_requests.ELSEWHERE:
            return Resolution(FALLBACK_INTENT, {}, text, 0.0)
        if request is None or request.intent not in self._intents:
            return None
        slots = self._empty_slots(self._intents[request.intent])
        if request.day is not None and "day" in slots:
            said, value_id, value_name = request.day
            slots["day"] = SlotValue("day", said, value_id, _MATCH, "WEEKDAY", value_name)
        if request.time is not None and "time" in slots:
            said = " ".join(tokens[request.time.start : request.time.end])
            slots["time"] = SlotValue("time", said, None, None, "AMAZON.TIME")
        return Resolution(request.intent, slots, text, _CORRECTED_CONFIDENCE)

    def _filled(self, intent: str, values: Mapping[str, str]) -> Resolution:
        """An intent with built-in slots filled as said."""
        slots = self._empty_slots(self._intents[intent])
        for name, value in values.items():
            slots[name] = SlotValue(name, value, None, None, slots[name].type)
        return Resolution(intent, slots, " ".join(values.values()), _CORRECTED_CONFIDENCE)

    def resolve(
        self, utterance: str, *, question_open: bool = False, context: Context | None = None
    ) -> Resolution:
        """Resolve one utterance (without the invocation phrase) to an intent and slots.

        ``question_open``: the skill just asked a yes/no question, so "go on" means yes;
        ``context``: what the skill is waiting for (interaction_model.context), if known.
        """
        context = context or Context(question=question_open)
        said = normalize_tokens(utterance)
        tokens = self._respell(said)
        text = " ".join(tokens)
        if (replied := self._everyday_reply(tokens, context)) is not None:
            return replied
        if text:
            # A real word is read as a day or time word only in a reminder request's words.
            reminder = context.reminder_time or reminder_requests.frames(tokens)
            guarded = frozenset() if reminder else self._when_words
            corrected = self._speller.correct_all(tokens, guarded=guarded)
            if SAFETY_INTENT in self._intents and (
                self._is_safety(tokens)
                # Read as typed, too: "headlock" is no "head lock", nor "slapt" "slept".
                or (said != tokens and self._is_safety(said))
            ):
                return self._safety(text, (tokens, said, corrected))
            # After the safety check: "no, he won't let me leave" is not a no.
            answer = self._answer_with_more(tokens) if context.question else None
            if answer is not None and answer in self._intents:
                return Resolution(answer, self._empty_slots(self._intents[answer]), text)
            # Then what the skill waits for, and the check-in reminder in any frame (a reminder
            # of something else reads as the fallback, which no later tier overrules).
            found = (
                self._named_as_typed(said, tokens)
                or self._exact_tiers(tokens, text)
                or self._in_dialog(tokens, context, corrected, said)
            )
            if found is None and self._thanks_with_more(tokens):
                found = Resolution(_THANKS, self._empty_slots(self._intents[_THANKS]), text)
            if found is None:
                found = self._unpadded_tiers(tokens, text)
            confidence = 1.0
            weak: Resolution | None = None
            weak_leads = False
            if found is None:
                found, strong = self._contained(tokens, text)
                if not strong:
                    weak, found = found, None
                    # People lead with the request and explain after: "hold on a minute,
                    # the kettle's boiling".
                    weak_leads = weak is not None and self._leads(tokens, weak.intent)
            if found is None and corrected != tokens:
                found = self._exact_tiers(corrected, " ".join(corrected))
                if found is None:
                    found, strong = self._contained(corrected, " ".join(corrected))
                    if not strong:
                        weak, found = weak or found, None
                confidence = _CORRECTED_CONFIDENCE
            if found is None:
                found = self._nearest_reading(tokens, corrected, reminder)
                if found is not None and found.intent == SAFETY_INTENT:
                    found = None  # the safety check already said no; a near sample is no safety
                confidence = found.confidence if found is not None else 0.0
            if (
                found is None
                and weak is not None
                and (not self._unknown_words(corrected) or weak_leads)
            ):
                # A sample said inside a longer utterance that no sample is near as a whole.
                found, confidence = weak, _CORRECTED_CONFIDENCE
            if found is not None and found.intent == _TRUST_TIP and confidence < 1.0:
                found, confidence = self._tip_named(tokens, found, confidence)
            if found is None or found.intent == SITUATION_INTENT:
                found, confidence = self._cued(tokens, found, confidence, corrected)
            found = self._situated(tokens, corrected, found)
            if found is not None and found.intent != FALLBACK_INTENT:
                return self._refined(tokens, text, found, confidence)
            if found is None and (clause := self._clause_reading(tokens)) is not None:
                return Resolution(clause.intent, clause.slots, text, clause.confidence)
        _LOGGER.debug("No intent for %r", text)
        return Resolution(FALLBACK_INTENT, {}, text, 0.0)

    def _unpadded_tiers(self, tokens: list[str], text: str) -> Resolution | None:
        """The exact tiers on the words without their padding ("um", "please", "for me")."""
        unpadded = unpad(tokens)
        if unpadded == tokens:
            return None
        found = self._exact_tiers(unpadded, " ".join(unpadded))
        if found is None:
            return None
        found = self._exasperated(tokens, unpadded, found) or found
        return Resolution(found.intent, found.slots, text)

    def _clause_reading(self, tokens: list[str]) -> Resolution | None:
        """A long request that names nothing as a whole, read by its main clause: without the
        clause that qualifies it, or the question asked after the story that leads to it (the
        safety check has read the whole; a clause is no safety)."""
        if len(tokens) <= _CLAUSE_LEAST + 1:
            return None
        for clause in _clauses(tokens):
            found = self.resolve(" ".join(clause))
            # What is confided is read from the whole (the cue tiers have): "how do i sleep"
            # after "my husband snores" confides nothing.
            if found.intent not in (FALLBACK_INTENT, SAFETY_INTENT, SITUATION_INTENT):
                return found
        return None


@functools.cache
def _cached_resolver(model_file: Path, builtins_file: Path | None) -> Resolver:
    """Build the resolver of a model file (and built-in phrasings file) once per process."""
    if builtins_file is None:
        return Resolver(load_model_file(model_file), {})
    return Resolver(
        load_model_file(model_file),
        load_builtin_samples_file(builtins_file),
        load_after_question_file(builtins_file),
    )
