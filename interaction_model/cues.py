"""Situation cues: what a confidence is about, read from its kind of words, not its exact ones.

People confide in their own rambling words ("he keeps messaging a woman from his softball team
and denies it"), full of nouns no sample has. The nearest-sample tier weighs every word, so the
unknown nouns drown the one word that says what is happening. This reading looks only for the
words that carry a situation (a cue: "denies", "cheated", "going through my phone", "my fault"),
in any of their forms (the stems of interaction_model.fuzzy), and for evidence that the person
talks about a relationship: a partner word, or first-person talk around a cue that is about a
relationship by itself ("jealous", "cheated"). A household request ("how do i track my package",
"my husband wants to know how to reset the router") has no cue that a partner makes relational,
so it stays out of domain.

Who does it matters for some situations: "i get jealous" is my_jealousy, "he gets jealous"
partner_jealous, and "i'm not the jealous one, my boyfriend is" flips the subject.
"""

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from interaction_model.fuzzy import WHO_WORDS, stem

_GAP = "~"
"""In a cue pattern: up to four words of anything ("earn ~ trust": "earn back her trust")."""
_GAP_WORDS = 4

PARTNER_WORDS = WHO_WORDS | {
    "ex",
    "exs",
    "exes",
    "wifes",
    "husbands",
    "boyfriends",
    "girlfriends",
    "fiances",
    "spouses",
    "relationship",
    "relationships",
    "marriage",
    "married",
    "us",
    "we",
    "dating",
}
"""Words that say the talk is about a relationship (the other person, or the two of us)."""
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "we", "us", "our"})
_SUBJECTS = WHO_WORDS | {"i", "we", "my", "ex"}
"""A subject said before a cue: it tells what someone does, it does not ask the device."""
_PERSONS = _SUBJECTS | {"me", "us", "our"}
_AUX = frozenset({"has", "had", "have", "was", "also", "been", "once"})
_BE = frozenset({"is", "does", "was", "are", "do", "did"})
_PAST = frozenset(
    {"ago", "years", "decade", "past", "before", "previous", "haunt", "haunts", "haunted"}
)
"""Words that put an infidelity in the past ("he cheated years ago"); "while" only as "a while
back" ("while we were together" is no time ago)."""
_DISCOVERY = frozenset(
    stem(word)
    for word in ("found", "find", "think", "saw", "caught", "discovered", "suspect", "know")
)
"""Verbs of finding out: what follows them is what the other one did."""
_PASSIVE = frozenset({"was", "been", "got", "get", "being"})


@dataclass(frozen=True)
class _Cue:
    situation: str
    """The situation id the cue points to (or a family: "jealousy", "infidelity")."""
    pattern: tuple[str, ...]
    """Stems, with _GAP for a short run of any words."""
    strong: bool
    """Whether the cue is about a relationship by itself (else a partner word must be said)."""
    row: int
    """The cue's row in the table: a lower row makes the stronger claim."""


@dataclass(frozen=True)
class Match:
    """A cue found in an utterance, and the situation it points to there."""

    situation: str
    """The situation id, who does it and when read from the words around the cue."""
    family: str
    """The cue's kind in the table (a situation id, or "jealousy", "infidelity", ...)."""
    start: int
    """Index of the cue's first word."""
    end: int
    """Index after the cue's last word."""
    strong: bool
    """Whether the cue is about a relationship by itself."""
    row: int
    """The cue's row in the table: a lower row makes the stronger claim."""


_TABLE: tuple[tuple[str, bool, str], ...] = (
    # (situation or family, strong, patterns separated by "|")
    (
        "rebuild_trust",
        True,
        "earn ~ trust|win ~ trust|regain ~ trust|rebuild ~ trust|repair ~ trust|restore ~ trust"
        "|get ~ trust back|trust ~ again|prove ~ trust|back to where we were|start over"
        "|rely on me again|count on me again|believe me again|believe in me again|make it up to"
        "|what i broke"
        "|show ~ can trust",
    ),
    (
        "in_therapy",
        True,
        "therapy|therapist|counselor|counsellor|counseling|counselling|counsel|marriage counselor"
        "|couples counselor|our sessions",
    ),
    (
        "my_fault",
        True,
        "my fault|fault|blame myself|to blame|the problem|the reason|did i cause|i cause"
        "|my mistake"
        "|i ruined|ruined everything|on me that|am i the one|i am the one making",
    ),
    (
        "jealous_reaction",
        False,
        "accuse me|accuses me|accused me|accusing me",
    ),
    (
        "infidelity",
        True,
        "cheat|affair|unfaithful|infidelity|slept with|sleep with|hooked up|hook up"
        "|seeing someone|see someone|dating app|tinder|kissed someone|kissed a|another man"
        "|another woman|other man|other woman|behind ~ back|old flame|with him|with her"
        "|that woman|that guy|that girl|fling|something going on|something is going on|condom"
        "|something ~ between them|something is happening|had a thing with|having a thing with"
        "|fool around|mess around|sleep around|messing around|fooling around|sleeping around"
        "|stay late ~ with|one night stand|emotionally cheat|other girlfriend|other boyfriend"
        "|another girlfriend|another boyfriend|second family|sext|flirty|flirting with|flirt with"
        # Markets: "carrying on with her boss", "in a relationship with someone else".
        "|carry on with her|carry on with him|carry on with his|carry on with someone"
        "|carry on with another|carry on with a|relationship with someone|involved with someone"
        "|involved with another|relationship with another",
    ),
    (
        "infidelity",
        False,
        "hotel receipt|motel receipt|hotel bill|motel bill|hotel room|motel room|lipstick"
        "|misses him|misses her|in love with him|in love with her|nudes|naked pictures"
        "|perfume on|on dat|on a dat|with other guy|with other men|with other women"
        "|with other girl|exs apartment|exs house|exs place|on the side|did the dirty"
        "|do the dirty|doing the dirty|playing away|play away|two timing|two timed|two time",
    ),
    (
        "phone_checking",
        False,
        "through my phone|through his phone|through her phone|through my|through his"
        "|through her|check ~ phone|check ~ text|check ~ message|check ~ email|check ~ instagram"
        "|see every text|see every message|see ~ my text|see ~ my message|see all my"
        "|check ~ location|read ~ message|read ~ text|read ~ email|look ~ phone|look ~ message"
        "|log into my|log in to my|logs into my|app to see|see who i|see where i|see who she"
        "|see who he|see where she|see where he|check up on|tabs on|glovebox|wallet ~ receipt"
        "|look ~ call|see my phone|see his phone|see her phone|track ~ location|track ~ phone"
        "|location on at all|my location at all|location on all the time|life360"
        "|track app|tracking app|refresh ~ location|check ~ location|location all"
        "|demand ~ my password|want ~ my password|ask ~ my password|know ~ my password"
        "|all my password|snoop|spy on|scroll through|whatsapp|call history|screen time"
        "|make me show|makes me show|who i have messag|who i messag|who i text|screenshot"
        "|diary|journal|squiz|sticky beak|stickybeak|passcode|pass code|unlock my phone"
        "|my phone code|my pin",
    ),
    (
        "jealousy",
        True,
        "jealous|jealousy|envious|envy|possessive|controlling",
    ),
    (
        "lying",
        False,
        "lie|lies|liar|lying|dishonest|secret|hide|hid|hiding|excuse|deny|denies|truth"
        "|cover ~ up|covering up|covers up|acts like i am crazy"
        "|sneaky|second phone|secret phone|burner|delet ~ message|delet ~ text|wipe ~ history"
        "|clear ~ history|browser history|swear nothing|messag ~ woman|messag ~ girl|messag ~ guy"
        "|text ~ girl|text ~ woman|text ~ guy"
        "|text ~ someone|said he was|said she was|told me he was|told me she was"
        "|saying he is|saying she is|but he was not|but she was not"
        "|swear he was|swear she was|swore he was|swore she was|claim he was|claim she was"
        "|claimed he was|claimed she was",
    ),
    (
        "jealous_reaction",
        False,
        "mad ~ i|angry ~ i|upset ~ i|freak ~ i|sulk ~ i|mad because i|angry because i"
        "|want ~ know who i|want ~ know where i|need ~ know who i|need ~ know where i"
        "|not like it when i ~ friend|not like it when i ~ guy|not like it when i ~ girl"
        "|not like it when i go out|not like it when i talk|go nuts|went nuts|goes nuts"
        "|lose it when i|lost it when i|hate it when i|hates it when i|throw a fit"
        "|ask ~ who i|ask ~ where i|whenever i mention|every time i mention|when i mention"
        "|ask ~ if i find|going on about my"
        # Markets: "gets cranky whenever i ...", "goes narky when i ...", "gets the hump when i".
        "|cranky ~ i|narky ~ i|grumpy ~ i|moody ~ i|huffy ~ i|stroppy ~ i|shirty ~ i|sulky ~ i"
        "|snappy ~ i|annoyed ~ i|the hump ~ i|funny when i|weird when i",
    ),
    (
        "past_hurt",
        True,
        "trouble trusting|hard time trusting|hard to trust|struggle to trust|guard up|walls up"
        "|walked out|heart ~ broken|broken heart|heartbroken|broke my heart|broke me"
        "|let down before"
        "|been let down|scared to open up|afraid to open up|hard to open up|not open up",
    ),
    (
        "past_hurt",
        False,
        "baggage|trust issues|guarded|burned|burnt|treated her badly|treated him badly"
        "|first husband|first wife|divorce|went through a lot|hurt before|been hurt",
    ),
    (
        "insecurity",
        True,
        "insecure|insecurity|secure|not good enough|good enough|someone better|leave me"
        "|dump me|abandon|reassurance|bored of me|love me|want me",
    ),
    (
        "insecurity",
        False,
        "ugly|compare myself|compared to|do better than me|better than me|out of my league"
        "|can do better|could do better|do so much better|realize ~ better",
    ),
    (
        "overthinking",
        True,
        "overthink|over think|think negative|negative thoughts|racing|spiral|obsess|replay"
        "|imagine the worst|read into|imagine|already imagined|whole story in my head"
        "|jump ~ to conclusions|jumping to conclusions|making up scenarios|make up scenarios"
        "|lie in bed|scenario"
        "|brain ~ not quit|mind ~ not quit|brain ~ not stop|mind ~ not stop"
        "|analyz|analys|overanaly|over analy|stop thinking|in my head|shut off|lie awake|picture"
        "|make up stories|makes up stories|making up stories|worst case|mind go|brain off"
        "|worst place|worst thing|run through|over and over"
        # Markets: "i start thinking so many things", "too many thoughts come".
        "|so many things|many thoughts|too many thoughts|think too much|thinking too much"
        "|start thinking|all sorts of things",
    ),
    (
        "dont_know_what_to_do",
        True,
        "not know what to do|not know what else to do|not know what to say|not know how to fix"
        "|not know what else|not know what i can do|not know what i should do"
        "|not know how to handle|not know how to deal|not know how to move|not know where ~ start"
        "|not know where to go from|no idea what to do|no idea how to fix|no idea how to handle"
        "|confused about what to do|figure out what to do|at a ~ loss|out of ideas|wits end"
        "|wit end|no clue how|no clue what|end of my rope|tried everything|nothing work"
        "|out of my depth|in over my head|over my head|where to even start|where to start",
    ),
    (
        "dont_know_what_to_do",
        False,
        "lost with|so lost|completely lost|stuck in my|stuck with|feel stuck|so stuck"
        "|confused about us|supposed to do|what do i do|what should i do|what can i do",
    ),
)
"""Cue kinds, strongest claim first: a goal said outright (rebuild trust, we are in therapy)
wins over the situation that led to it ("i cheated and want to earn back her trust")."""


def _compile() -> tuple[_Cue, ...]:
    cues = []
    for row, (situation, strong, patterns) in enumerate(_TABLE):
        for pattern in patterns.split("|"):
            words = tuple(w if w == _GAP else stem(w) for w in pattern.split())
            cues.append(_Cue(situation, words, strong, row))
    return tuple(cues)


_CUES = _compile()


def compile_pattern(text: str) -> tuple[str, ...]:
    """A cue pattern ("earn ~ trust") as the stems find() matches, "~" a short run of words."""
    return tuple(w if w == _GAP else stem(w) for w in text.split())


def find(stems: Sequence[str], pattern: tuple[str, ...]) -> tuple[int, int] | None:
    """(start, end) of the first place a compiled pattern occurs in the stems, or None."""
    return _find(stems, pattern)


def actor(tokens: Sequence[str], start: int, end: int) -> str:
    """Who the words at tokens[start:end] are said of: "i" (the speaker) or "who" (the other)."""
    return _actor(tokens, start, end)


def in_the_past(tokens: Sequence[str]) -> bool:
    """Whether the words put what happened some time ago ("years ago", "a while back")."""
    return _in_the_past(tokens)


def _find(stems: Sequence[str], pattern: tuple[str, ...]) -> tuple[int, int] | None:
    """(start, end) of the first place the pattern occurs in the stems."""

    def match_from(pos: int, part: int) -> int | None:
        if part == len(pattern):
            return pos
        if pattern[part] == _GAP:
            for skip in range(_GAP_WORDS + 1):
                end = match_from(pos + skip, part + 1)
                if end is not None:
                    return end
            return None
        want = pattern[part]
        if pos < len(stems) and (
            stems[pos] == want or (len(want) >= 5 and stems[pos].startswith(want))
        ):
            return match_from(pos + 1, part + 1)
        return None

    for start in range(len(stems)):
        end = match_from(start, 0)
        if end is not None:
            return start, end
    return None


def _actor(tokens: Sequence[str], start: int, end: int) -> str:
    """Who the cue at tokens[start:end] is about: "i" (the speaker) or "who" (the other one)."""
    actor = "who"
    negated = False
    for index in range(start - 1, -1, -1):
        token = tokens[index]
        if token == "not":
            negated = True
        if token in ("i", "we"):
            # "i found condoms in his bag", "i think something is going on": the speaker
            # found out what the other one did.
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            actor = "who" if stem(following) in _DISCOVERY else token
            break
        if token == "my":
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            actor = "who" if following.rstrip("s") in PARTNER_WORDS | {"wife"} else "i"
            break
        if token in WHO_WORDS:
            actor = "who"
            break
    else:
        negated = False
        # Nothing before the cue ("cheated on me", "jealous of his ex"): the speaker, unless
        # the cue is done to "me".
        actor = "who" if "me" in tokens[end : end + 2] or "on" in tokens[end : end + 1] else "i"
    after = tokens[end:]
    if actor == "i" and (
        (start >= 1 and tokens[start - 1] in _PASSIVE and after[:1] == ["on"])
        or (negated and _other_is(after))
    ):
        # "i was cheated on" is about the other one; so is "i am not the jealous one, my
        # boyfriend is".
        actor = "who"
    return actor


def _other_is(words: Sequence[str]) -> bool:
    """Whether the words name the other one as the one who does it ("..., my boyfriend is")."""
    return any(
        word.rstrip("s") in PARTNER_WORDS
        and (words[index + 1 :][:1] == [] or words[index + 1] in _BE)
        for index, word in enumerate(words)
    )


def situation(tokens: Sequence[str], only: str | None = None) -> str | None:
    """The situation a confidence is about, read from its first cue words, or None.

    ``only``: read the cues of this kind (a situation or family) alone.
    """
    return next((match.situation for match in matches(tokens, only)), None)


def matches(tokens: Sequence[str], only: str | None = None) -> Iterator[Match]:
    """Every cue of a confidence, strongest claim first, each with the situation it points to.

    ``only``: the cues of this kind (a situation or family) alone.
    """
    partner = any(t in PARTNER_WORDS for t in tokens)
    if not partner and not _FIRST_PERSON.intersection(tokens):
        return
    stems = [stem(t) for t in tokens]
    for cue in _CUES:
        if (only is not None and cue.situation != only) or (not cue.strong and not partner):
            continue
        span = _find(stems, cue.pattern)
        if span is None:
            continue
        start, end = span
        found = _situation_at(tokens, stems, cue, start, end)
        if found is not None:
            yield Match(found, cue.situation, start, end, cue.strong, cue.row)


def _situation_at(
    tokens: Sequence[str], stems: Sequence[str], cue: _Cue, start: int, end: int
) -> str | None:
    """The situation a cue found at tokens[start:end] points to, or None if it points to none
    there."""
    if not _SUBJECTS.intersection(tokens[:start]) and not _PERSONS.intersection(tokens[end:]):
        return None  # "the best dating app for people over forty" confides nothing
    if not cue.strong and not _SUBJECTS.intersection(tokens[:start]):
        return None  # "read my text messages" asks the device; "she reads my messages" tells
    if cue.situation == "dont_know_what_to_do" and _actor(tokens, start, end) == "who":
        return None  # "my husband is stuck in traffic"
    if cue.situation == "jealousy":
        return "partner_jealous" if _actor(tokens, start, end) == "who" else "my_jealousy"
    if cue.situation == "jealous_reaction":
        return "partner_jealous" if _actor(tokens, start, end) == "who" else None
    if cue.situation == "infidelity":
        if cue.pattern in (("with", "him"), ("with", "her")) and not _sees_them(stems):
            return None
        actor = _actor(tokens, start, end)
        if _earlier(tokens, start, end) is not None or _family(tokens, start):
            # Infidelity in an earlier relationship, the speaker's or the partner's ("my ex was
            # unfaithful", "my boyfriend's ex cheated on him"), or between parents: a hurt
            # brought from before, not what happened between the two of us.
            return "past_hurt"
        if actor == "i":
            return "i_cheated"
        return "past_infidelity" if _in_the_past(tokens) else "partner_cheated"
    if cue.situation == "lying" and tokens[start : start + 2] in (["lie", "awake"], ["lie", "in"]):
        return None
    return cue.situation


FAMILY_WORDS = frozenset(
    {
        "dad",
        "dads",
        "father",
        "fathers",
        "mom",
        "moms",
        "mum",
        "mums",
        "mother",
        "mothers",
        "parent",
        "parents",
        "stepdad",
        "stepmom",
        "stepmum",
    }
)
"""The family someone grew up in: what happened there is brought from before."""


def _family(tokens: Sequence[str], start: int) -> bool:
    """Whether a parent is the one who did it ("my dad cheated on my mom")."""
    before = [t for t in tokens[max(0, start - 3) : start] if t not in _AUX]
    return bool(before) and before[-1] in FAMILY_WORDS


_EARLIER = (PARTNER_WORDS - {"we", "us", "dating"}) | {"guy", "girl", "man", "woman"}
_EARLIER_MARKS = frozenset({"last", "previous", "first", "old", "ex"})
"""Said after "last", an earlier relationship ("my last relationship", "my last boyfriend")."""


def _in_the_past(tokens: Sequence[str]) -> bool:
    """Whether the words put what happened some time ago ("years ago", "a while back")."""
    return bool(_PAST.intersection(tokens)) or any(
        pair in (("while", "back"), ("early", "on")) for pair in itertools.pairwise(tokens)
    )


def _earlier(tokens: Sequence[str], start: int, end: int) -> str | None:
    """Whose earlier relationship an infidelity cue at tokens[start:end] happened in: "i" ("my
    ex cheated on me", "cheated on in my last relationship"), "who" ("her ex cheated on her"),
    or None when it names none ("she slept with her ex" is no earlier relationship)."""
    before = [t for t in tokens[:start] if t not in _AUX]
    named = 0
    if before[-1:] in (["ex"], ["exs"]):
        named = 1
    elif len(before) >= 2 and before[-2] in _EARLIER_MARKS and before[-1].rstrip("s") in _EARLIER:
        named = 2
    # Only as the one who did it: "he's been texting his ex behind my back" is about him.
    if named and not (_SUBJECTS - {"my"}).intersection(before[: -named - 1]):
        return _owner(before[:-named])
    for index in range(end, min(len(tokens), end + 3)):
        if tokens[index] not in ("in", "by", "from"):
            continue
        after = tokens[index + 1 : index + 4]
        for at, word in enumerate(after):
            if word in ("ex", "exs") or (
                word in _EARLIER_MARKS
                and at + 1 < len(after)
                and after[at + 1].rstrip("s") in _EARLIER
            ):
                return _owner(after[:at])
    return None


def _owner(words: Sequence[str]) -> str:
    """Whose the earlier relationship named after these words is: "my" the speaker's."""
    return "i" if not words or words[-1] in ("my", "an", "a") else "who"


def _sees_them(stems: Sequence[str]) -> bool:
    """Whether "her with him" is a picture the speaker cannot stop seeing or just found out."""
    return any(s.startswith(("pictur", "imag", "found")) for s in stems)
