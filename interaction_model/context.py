"""What the skill is waiting for when the user speaks, and the replies that only make sense then.

Alexa's NLU hears a reply with the dialog it belongs to: after "tell me your first names" it fills
AMAZON.FirstName from any of the thousands of names it knows ("mike and jessica", "it's jordan
and taylor"), after "which day and time suit you?" a bare "8 pm" is the time asked for, and after
"pause" a "continue" resumes. The offline resolver has no name list of that size and no dialog,
so the local host tells it what the skill is waiting for (a ``Context``, read from the session the
skill keeps) and the readers here take the reply in that light.

``names``: the name frames people use ("my name is maria and his name is jose", "uh i'm chris and
she's dana", "mike and jessica", "ryan's gonna speak first"). A word is taken as a name when it is
shaped like one: letters only, and not one of the skill's own command, safety or everyday words
(a word the samples use is no name unless it is a name that is also a word: Will, Rose, Hope).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from interaction_model.first_names import WORD_NAMES


@dataclass(frozen=True)
class Context:
    """What the skill is waiting for when the user speaks."""

    question: bool = False
    """A yes/no question is open ("would you like another tip?")."""
    names: bool = False
    """A guided routine is at its first step, where the couple may give their first names and
    say who goes first."""
    routine: bool = False
    """A guided routine's step is running (next, back and "keep going" steer it)."""
    reminder_time: bool = False
    """The skill asked which day and time the check-in reminder should be."""
    paused: bool = False
    """The skill is holding after "pause" / "hang on" (so "continue" resumes)."""


NEVER_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "here",
        "there",
        "what",
        "who",
        "how",
        "why",
        "when",
        "where",
        "which",
        "yes",
        "yeah",
        "yep",
        "no",
        "nope",
        "nah",
        "not",
        "okay",
        "ok",
        "sure",
        "next",
        "skip",
        "stop",
        "help",
        "cancel",
        "pause",
        "resume",
        "repeat",
        "back",
        "previous",
        "start",
        "over",
        "again",
        "more",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "um",
        "uh",
        "well",
        "just",
        "names",
        "name",
        "called",
        "call",
        "first",
        "second",
        "speak",
        "speaks",
        "speaking",
        "go",
        "goes",
        "going",
        "gonna",
        "wants",
        "want",
        "start",
        "starts",
        "let",
        "lets",
        "can",
        "should",
        "would",
        "could",
        "do",
        "does",
        "did",
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancee",
        "spouse",
        "friend",
        "mom",
        "dad",
        "hurts",
        "hit",
        "hits",
        "hurt",
        "kill",
        "scared",
        "afraid",
        "help",
        "alexa",
        "trust",
        "coach",
        "exercise",
        "listening",
        "none",
        "nobody",
        "anyone",
        "someone",
        "everyone",
        "both",
        "one",
        "two",
    ]
)
"""Words that are never taken as a first name, whatever frame they are said in."""

_OPENERS = frozenset({"okay", "ok", "alright", "right", "well", "so", "hi", "hey", "hello", "yes"})
_NAME = re.compile(r"^[a-z][a-z'-]{0,19}$")
_NAME_WORDS = 1

# Frames for the two names, as token patterns: "N" is a name; other entries are literal words,
# "a|b" alternatives, "?w" an optional word. Tried in order; the first full match wins.
_PAIR_FRAMES: tuple[tuple[str, ...], ...] = (
    ("N", "and", "N"),
    ("N", "and", "N", "?here"),
    ("?hi", "?so", "?it", "?is", "N", "and", "N", "?here"),
    ("?hi", "?so", "?well", "we", "are", "?called", "N", "and", "N"),
    ("?hi", "?so", "?the", "?our", "?first", "names", "are", "N", "and", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "?this", "?is", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "he|she|they", "is|are", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "my", "REL", "is", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "my", "REL", "?is", "?called", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "his|her|their", "name", "is", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "my", "REL", "?name", "is", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "my", "REL", "is", "called", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "he|she|they", "is|are", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "this", "is", "N"),
    ("?hi", "?so", "this", "is", "N", "and", "?this", "?is", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "this", "is", "my", "REL", "?called", "N"),
    ("?hi", "?so", "my", "name", "is", "N", "and", "this", "is", "my", "REL", "N"),
    ("?hi", "?so", "?well", "i", "am", "N", "and", "my", "REL", "N"),
    ("?hi", "me", "N", "and", "N"),
    ("?you", "?can", "call", "us", "N", "and", "N"),
    ("?please", "use", "?our", "names", "N", "and", "N"),
    ("N", "and", "me", "N"),
    ("N", "and", "i", "am", "N"),
    ("N", "here", "and", "N"),
    ("N", "here", "and", "N", "here"),
    ("N", "and", "N", "are", "here"),
    ("we", "are", "N", "and", "N", "here"),
)
_RELATIONS = frozenset(
    {
        "partner",
        "partners",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancee",
        "spouse",
        "other",
        "significant",
        "missus",
        "hubby",
        "fella",
        "bloke",
        "fiancé",
        "fiancée",
    }
)

# "N" speaks first, however said; "NS" a name said with a possessive 's ("ryan's gonna").
_FIRST_FRAMES: tuple[tuple[str, ...], ...] = (
    ("?so", "?well", "?okay", "N", "is|will", "going|gonna", "to", "GO"),
    ("?so", "?well", "?okay", "NS", "going|gonna", "to", "GO"),
    ("?so", "?well", "?okay", "NS", "GO"),
    ("?so", "?well", "?okay", "N", "?is", "?will", "?can", "?wants", "?to", "GO"),
    ("?so", "?okay", "let", "N", "GO"),
    ("?so", "?okay", "N", "first"),
    ("?so", "?okay", "N", "is", "first"),
    ("?so", "?okay", "N", "will", "be", "first"),
    ("?so", "?okay", "N", "is", "going", "first"),
    ("?so", "?okay", "first", "is", "N"),
    ("?so", "?okay", "first", "will", "be", "N"),
    ("?so", "?okay", "we", "decided", "N", "GO"),
    ("?so", "?okay", "we", "decided", "N", "is|will", "going|gonna", "to", "GO"),
    # Asked who goes first, the one who does answers "me, jasmine".
    ("?so", "?okay", "me", "N"),
    ("?so", "?okay", "me", "N", "first"),
    ("?so", "?okay", "me", "N", "will", "GO"),
)
_GO = (
    ("go", "first"),
    ("goes", "first"),
    ("speak", "first"),
    ("speaks", "first"),
    ("talk", "first"),
    ("talks", "first"),
    ("share", "first"),
    ("shares", "first"),
    ("start",),
    ("starts",),
    ("begin",),
    ("begins",),
    ("kick", "off"),
    ("go", "first", "this", "time"),
    ("start", "first"),
    ("going", "first"),
)


def _is_name(word: str, sample_words: Collection[str]) -> bool:
    """Whether a word is shaped like a first name (and none of the words that never are)."""
    if not _NAME.match(word) or word in NEVER_NAMES or len(word) < 2:
        return False
    return word in WORD_NAMES or word not in sample_words


def _match(
    frame: Sequence[str], words: Sequence[str], sample_words: Collection[str]
) -> list[str] | None:
    """The names a frame finds in words (all of them consumed), or None."""

    def walk(f: int, w: int, names: list[str]) -> list[str] | None:
        if f == len(frame):
            return names if w == len(words) else None
        part = frame[f]
        if part.startswith("?"):
            if w < len(words) and words[w] == part[1:]:
                found = walk(f + 1, w + 1, names)
                if found is not None:
                    return found
            return walk(f + 1, w, names)
        if w >= len(words):
            return None
        word = words[w]
        if part == "N":
            return walk(f + 1, w + 1, [*names, word]) if _is_name(word, sample_words) else None
        if part == "NS":
            if word.endswith("s") and _is_name(word[:-1], sample_words):
                return walk(f + 1, w + 1, [*names, word[:-1]])
            return None
        if part == "REL":
            return walk(f + 1, w + 1, names) if word in _RELATIONS else None
        if part == "GO":
            for phrase in _GO:
                if tuple(words[w : w + len(phrase)]) == phrase:
                    found = walk(f + 1, w + len(phrase), names)
                    if found is not None:
                        return found
            return None
        return walk(f + 1, w + 1, names) if word in part.split("|") else None

    return walk(0, 0, [])


_AND = frozenset({"and", "n", "plus"})
"""Words that join the two introductions ("sam n alex" typed)."""
_FIRST_INTRO = frozenset({"it", "is", "this", "me", "i", "am", "my", "name", "we", "are", "hi"})
"""Words that may introduce the first name: "it's me chris", "this is luis", "i am"."""
_SECOND_INTRO = frozenset(
    {"that", "this", "is", "my", "his", "her", "their", "name", "he", "she", "they", "are"}
    | {"called", "the", "it", "here", "with", "me", "and"}
    | _RELATIONS
)
"""Words that may introduce the second: "that's ana", "my boyfriend marcus", "my wife is priya"."""
_INTRO_WORDS = 5
"""Most words an introduction has before its name."""


def _introduced(
    words: Sequence[str], intro: Collection[str], sample_words: Collection[str]
) -> str | None:
    """The name one introduction gives: intro words, the name, then "here" perhaps."""
    words = list(words)
    if words[-1:] == ["here"]:
        words = words[:-1]
    if not words or len(words) > _INTRO_WORDS + 1 or not _is_name(words[-1], sample_words):
        return None
    return words[-1] if all(word in intro for word in words[:-1]) else None


def _two_introductions(words: Sequence[str], sample_words: Collection[str]) -> list[str] | None:
    """Two names each introduced in its own words, joined by "and": "it's me chris and my
    boyfriend marcus", "this is luis and that's ana", "this is jordan and my wife is priya"."""
    joins = [index for index, word in enumerate(words) if word in _AND]
    if len(joins) != 1:
        return None
    first = _introduced(words[: joins[0]], _FIRST_INTRO, sample_words)
    second = _introduced(words[joins[0] + 1 :], _SECOND_INTRO, sample_words)
    return None if first is None or second is None else [first, second]


_INTRODUCING = frozenset(
    {"it", "is", "me", "i", "am", "my", "name", "names", "myself", "this", "here", "we", "are"}
    | {"our", "his", "her", "their", "called", "named", "and", "mine", "so", "hi", "hello", "s"}
    | {"he", "she", "they", "the", "other", "half", "better", "significant", "ji", "by", "mate"}
)
"""The words people introduce themselves with, around the names ("myself arjun and my wife is
neha", "it's me, dan, and my wife becky", "i'm gurpreet and my husband's harman")."""
_HOLDERS = frozenset({"name", "names", "myself", "me", "i", "we", "our", "called", "named"})
"""Words of which an introduction needs one: two bare words around an "and" are no names."""


def _names_introduced(
    words: Sequence[str], sample_words: Collection[str]
) -> tuple[str, str] | None:
    """The two names of an introduction in any order of its own words: every word is one of
    them, a relation (wife, husband's) or one of the two names, with an "and" or a relation
    between them."""
    if not _HOLDERS & set(words):
        return None
    names: list[tuple[int, str]] = []
    for index, word in enumerate(words):
        if word in _INTRODUCING or word in _RELATIONS:
            continue
        if word.endswith("s") and word[:-1] in _RELATIONS:
            continue  # "my husband's harman", "my wife's name is sneha"
        if not _is_name(word, sample_words):
            return None
        names.append((index, word))
    if len(names) != 2 or names[0][1] == names[1][1]:
        return None
    between = set(words[names[0][0] + 1 : names[1][0]])
    # "... and my wife is neha", "i'm harpreet, my husband is jaspal"
    joined = "and" in between or bool(between & _RELATIONS)
    return (names[0][1], names[1][1]) if joined else None


def read_names(words: Sequence[str], sample_words: Collection[str]) -> tuple[str, str] | None:
    """The couple's two first names in a names frame ("it's jordan and taylor"), or None."""
    words = list(words)
    while len(words) > 3 and words[0] in _OPENERS:
        del words[0]
    if words[:1] == ["its"]:
        words[:1] = ["it", "is"]  # typed without the apostrophe
    if words[:1] == ["were"]:
        words[:1] = ["we", "are"]  # "were sam and alex": typed without the apostrophe
    for frame in _PAIR_FRAMES:
        found = _match(frame, words, sample_words)
        if found is not None and len(found) == 2 and found[0] != found[1]:
            return found[0], found[1]
    found = _two_introductions(words, sample_words)
    if found is not None and found[0] != found[1]:
        return found[0], found[1]
    return _names_introduced(words, sample_words)


_CHOOSING = frozenset(
    {"i", "we", "guess", "think", "thinks", "reckon", "reckons", "suppose", "maybe", "probably"}
    | {"he", "she", "they", "will", "can", "should", "could", "is", "going", "to", "wants", "says"}
    | {"said", "let", "lets", "okay", "so", "well", "then", "yeah", "ji", "mate", "eh", "happy"}
    | {"how", "about", "what", "if", "um", "decided", "agreed", "that", "has", "would", "like"}
)
"""The words around who goes first when it is said loosely ("josh reckons he'll go first",
"um i guess liam can start", "okay so maybe priya should begin")."""


def _chosen(words: Sequence[str], sample_words: Collection[str]) -> str | None:
    """The one name of a loosely said choice of who goes first that ends with going first."""
    for phrase in _GO:
        if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
            rest = words[: -len(phrase)]
            break
    else:
        return None
    names = [w for w in rest if w not in _CHOOSING]
    if len(names) != 1 or not _is_name(names[0], sample_words):
        return None
    return names[0]


_HEDGED = (("i", "guess"), ("i", "think"), ("i", "suppose"), ("maybe",), ("probably",))
"""How an unsure answer opens ("i guess priya can go first")."""


def read_first_speaker(words: Sequence[str], sample_words: Collection[str]) -> str | None:
    """The name of who speaks first ("ryan's gonna speak first" → ryan), or None."""
    words = list(words)
    for hedge in _HEDGED:
        if tuple(words[: len(hedge)]) == hedge and len(words) > len(hedge) + 1:
            words = words[len(hedge) :]
            break
    for frame in _FIRST_FRAMES:
        found = _match(frame, words, sample_words)
        if found is not None and len(found) == 1:
            return found[0]
    return _chosen(words, sample_words)


_LEAD_INS = frozenset({"okay", "ok", "alright", "right", "so", "yes", "yeah", "now"})
_GO_ON = frozenset({"go on", "keep going", "carry on", "continue"})
_RESUME = "AMAZON.ResumeIntent"
_NEXT = "AMAZON.NextIntent"


def steer(
    tokens: Sequence[str], context: Context, builtin_phrases: Mapping[str, Collection[str]]
) -> str | None:
    """The built-in intent an everyday reply means only in this context, or None.

    After "pause" (outside a routine, where the skill holds on), "continue" and the other ways of
    saying resume are AMAZON.ResumeIntent, not a yes to the question held open. Inside a routine's
    step, "keep going", "carry on", "go on" move on to the next step (AMAZON.NextIntent).
    """
    words = list(tokens)
    while len(words) > 1 and words[0] in _LEAD_INS:
        del words[0]
    phrase = " ".join(words)
    resume = builtin_phrases.get(_RESUME, ())
    if context.paused and (phrase in resume or phrase in _GO_ON):
        return _RESUME
    moving = phrase in _GO_ON or phrase in resume or phrase in builtin_phrases.get(_NEXT, ())
    if context.routine and not context.paused and moving:
        return _NEXT
    return None


def moves_on(tokens: Sequence[str], builtin_phrases: Mapping[str, Collection[str]]) -> bool:
    """Whether a reply in a routine's step ends by asking for the next step ("we switched roles
    what's the next step", "alright what now", "okay we're done next")."""
    nexts = builtin_phrases.get(_NEXT, ())
    return any(" ".join(tokens[start:]) in nexts for start in range(len(tokens)))


_REFUSALS = frozenset({"no", "skip", "without", "not", "never", "rather", "nope", "nah", "none"})


def declines_names(tokens: Sequence[str]) -> bool:
    """ "No names", "skip the names", "we'd rather not give names": carry on without them."""
    words = set(tokens)
    return bool(words & {"names", "name"}) and bool(words & _REFUSALS)


_ROUTINE_WORDS = frozenset({"exercise", "listening", "session", "practice", "thing"})
_CARRY_ON = (
    ("finish",),
    ("continue",),
    ("resume",),
    ("keep", "going"),
    ("carry", "on"),
    ("pick", "up"),
    ("pick",),
    ("get", "back"),
    ("go", "back"),
    ("crack", "on"),
    ("go", "on", "with"),
    ("complete",),  # Indian English: "we did half of it, let us complete it"
    ("do", "the", "rest"),
)
_EARLIER = frozenset(
    {"before", "again", "last", "started", "stopped", "halfway", "earlier", "left", "back"}
    | {"half", "did", "middle", "remaining", "rest", "unfinished", "pending"}
)


def resumes_routine(tokens: Sequence[str]) -> bool:
    """ "we stopped halfway through the listening thing, can we keep going with it", "let's
    finish the listening exercise from before": going on with an exercise begun earlier."""
    words = set(tokens)
    if not words & _ROUTINE_WORDS or not words & _EARLIER:
        return False
    return any(
        tuple(tokens[index : index + len(verb)]) == verb
        for verb in _CARRY_ON
        for index in range(len(tokens) - len(verb) + 1)
    )


_TAILS = frozenset({"that", "it", "you", "sorry", "here", "at", "all", "now", "this"})
_LOST = (
    ("not", "follow"),
    ("do", "not", "follow"),
    ("not", "sure", "i", "follow"),
    ("not", "understand"),
    ("not", "get", "it"),
    ("not", "get", "that"),
    ("lost", "me"),
    ("i", "am", "lost"),
    ("i", "am", "confused"),
    ("that", "is", "confusing"),
    ("makes", "no", "sense"),
)


def lost(tokens: Sequence[str]) -> bool:
    """A short "I'm not sure I follow", "you lost me", "I'm confused" said about an answer."""
    if len(tokens) > 7:
        return False
    for phrase in _LOST:
        for index in range(len(tokens) - len(phrase) + 1):
            after = tokens[index + len(phrase) :]
            if tuple(tokens[index : index + len(phrase)]) == phrase and set(after) <= _TAILS:
                return True  # said about the answer, not "i don't understand why he lies"
    return False
