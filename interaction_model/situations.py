"""The situation tier: what a confidence is about, weighed from the concepts it says.

A stressed person rarely names the situation. They tell a story ("it happened like three years
back, we supposedly worked through it, but i still get these flashes of it"), say two things at
once ("she slammed the door and went to bed angry and now i don't know what to do"), and whose
history it is decides what it is ("my ex cheated on me and now i bring all that baggage into my
new relationship" is a hurt brought from before, not an affair between the two of us).

The cue reading (interaction_model.cues) stops at the first cue word. This tier weighs all the
evidence instead: each situation gets a score,

- every cue found counts: 3 for a cue that names the situation outright (jealous, don't know
  what to do, rebuild trust, therapy, my fault), 2 for another strong cue, 1 for a weak one;
- infidelity is placed by who did it and when: the speaker (i_cheated), the partner now
  (partner_cheated), in the past of this relationship (past_infidelity), in an earlier
  relationship or between parents (past_hurt);
- concepts the cue table cannot hold count 3 on top: an earlier relationship told with a hurt or
  a distrust ("after my divorce i just don't trust people the same way"), a fear of trusting
  again, a past event that lingers with no cheating word said, wanting to be trusted again,
  feeling unwanted, "is this on me", being lost, a partner who minds the speaker's friends, the
  speaker minding a partner's contact with someone, a meeting that "turned into more".

The best situation wins when it scores at least THRESHOLD and leads both the runner-up and the
answer the earlier tiers gave by MARGIN; otherwise the earlier answer stands. Safety is decided
before any of this (interaction_model.safety) and always wins.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from interaction_model import cues, safety
from interaction_model.fuzzy import WHO_WORDS, stem

_REAL_WORDS = safety.COMMON_WORDS | safety.REAL_WORDS
"""English words, which no typo correction replaces here."""

THRESHOLD = 3.0
"""Least score a situation needs to decide on its own (one outright cue or one concept)."""
REPLACE_THRESHOLD = 2.0
"""Least score a situation needs to replace another situation the earlier tiers found (one
strong cue: "i cheated years ago" is what i did, whatever sample it is near)."""
MARGIN = 1.0
"""How far the best situation must lead the runner-up and the earlier tiers' answer."""

OUTRIGHT = 3.0
"""Weight of a cue that names the situation outright, and of a concept."""
STRONG = 2.0
"""Weight of a cue that is about a relationship by itself."""
WEAK = 1.0
"""Weight of a cue that needs a partner word to be about a relationship."""
FLIRT = 1.5
"""Weight of flirting: near infidelity, yet less than jealousy named outright."""

MAY_OVERRULE = frozenset(
    {
        "SituationIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.HelpIntent",
        "TellMeMoreIntent",
        "TrustTipIntent",
        "BuildingTrustIntent",
        "ImpactIntent",
    }
)
"""What the earlier tiers may have found that a clear situation overrules (not from a sample
said exactly): "i've got a counselling session on thursday but i need help now" confides."""
PERSONAL: Mapping[str, frozenset[str]] = {
    "BuildingTrustIntent": frozenset({"me"}),
    "ImpactIntent": frozenset({"i", "me"}),
}
"""Of those, what only a confidence about the speaker (one of these words) overrules: "how do i
get my wife to trust me again" wants her trust back, "how do we build trust again slowly" asks
the topic; "i'm being punished for what her ex did to her" confides, "what do trust issues do to
a person" asks about their impact."""


_IN_GENERAL = frozenset(
    {"couples", "couple", "people", "anyone", "anybody", "someone", "somebody", "partners", "one"}
)
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "myself", "ourselves"})
TOPIC_OF = {"rebuild_trust": "BuildingTrustIntent"}
"""The topic a situation asked about in general is ("how do couples rebuild trust")."""


def in_general(tokens: Sequence[str]) -> bool:
    """Whether the words ask about people in general, not about the speaker ("how do couples
    rebuild trust in general", "how does a couple get trust back")."""
    if _FIRST_PERSON.intersection(tokens):
        return False
    return bool(_IN_GENERAL.intersection(tokens)) or "general" in tokens


def personal_enough(intent: str, tokens: Sequence[str]) -> bool:
    """Whether a confidence may overrule ``intent`` (of MAY_OVERRULE): it is about the speaker
    where PERSONAL asks for that."""
    needed = PERSONAL.get(intent)
    return needed is None or bool(needed.intersection(tokens))


ASKED = frozenset({"rebuild_trust", "my_fault", "dont_know_what_to_do"})
"""Situations people confide as a question ("is it even possible to get trust back")."""

_OUTRIGHT_FAMILIES = frozenset(
    {"rebuild_trust", "in_therapy", "my_fault", "dont_know_what_to_do", "jealousy"}
)
"""Cue kinds that name the situation itself (their strong cues weigh OUTRIGHT)."""

_CONFESSION_OVERRULES = ("rebuild_trust", "dont_know_what_to_do", "my_fault")
"""Goals a confessed infidelity outweighs."""

_NAMED_FAMILIES = frozenset({"lying", "phone_checking"})
"""Cue kinds that need a partner word, yet name the situation once one is said ("he lied")."""

_QUESTION_OPENERS = frozenset(
    {"should", "shall", "can", "could", "would", "will", "do", "does", "did", "is", "are", "am"}
)


def _patterns(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(cues.compile_pattern(part) for part in text.split("|"))


# Infidelity: who did it, and when.
_PASSIVE = frozenset({"was", "got", "been", "get", "being", "gets"})
_DETERMINERS = frozenset({"the", "his", "her", "their", "that", "this", "my"})
_HAVE = frozenset({"had", "have", "has", "having"})
_OTHER_SUBJECTS = frozenset({"he", "she", "they", "him", "them"})
_FINDING = frozenset(
    stem(word)
    for word in (
        "found",
        "find",
        "caught",
        "saw",
        "discovered",
        "suspect",
        "think",
        "know",
        "sure",
        "bet",
        "feel",
        "feeling",
        "convinced",
        "wonder",
        "guess",
        "believe",
    )
)
"""Verbs of finding out: what follows them is what the other one did."""
_AFTER_AN_OBJECT = [["by"], ["with"], ["for"], ["to"], ["and"], ["but"], ["so"]]
"""Words after a partner said as an object ("i betrayed my partner by sleeping with someone")."""
_NOUN_CUES = [
    ["another", "man"],
    ["another", "woman"],
    ["other", "man"],
    ["other", "woman"],
    ["that", "woman"],
    ["that", "guy"],
    ["that", "girl"],
]
_PAST_TIME = _patterns(
    "ago|years back|year back|years later|years before|in the past|early in|early on|back when"
    "|is over|was over|when i was pregnant|when the kids|before we got married"
    "|before we were married|when we first|at the start|back then|a while back|decade"
    "|in our past|long back|yrs|before|years after|after all these years|back in"
    "|when we were first|first married|after ~ affair|since ~ affair|after ~ cheating"
)
_LINGERING = _patterns(
    "still think|still not over|still hurt|still haunt|still bring|still come up|still cannot"
    "|still can not|still get|still bother|still bug|still affect|still hang|still creep"
    "|still do not|still ~ not over|not over it|still struggle|still deal|still trouble"
    "|still fight|still mess|still sting|still upset"
    "|never got over|never got past|never moved on|moved on|move on|worked through"
    "|work through|got through|get past|flashes|comes up|coming up|bring it up|brings it up"
    "|bringing it up|hangs over|creeps|haunt|like it just happened|like it was yesterday"
    "|still there"
)
_LATELY = _patterns(
    "days ago|day ago|week ago|weeks ago|month ago|last week|last weekend|last month"
    "|couple of days|few days back|week back|weeks back"
)
_JUST_BEFORE = _patterns(
    "day before|days before|week before|weeks before|month before|right before|just before"
)
_MARRIED = frozenset({"husband", "wife", "married", "marriage", "wives", "husbands"})
"""A span before an event ("a month before the wedding") is recent unless the words tell of a
marriage or of years since."""
_DWELLING = _patterns("keep thinking about|cannot stop thinking about|think about it")
"""Dwelling on it: with a past event, what lingers of it."""
_RECENT = _patterns(
    "just found|found out|caught|today|yesterday|last night|this morning|this week|discovered"
)
_EVENT = _patterns(
    "the thing with her and|the thing with him and|it ended|it happened|what happened"
    "|what he did|what she did|that happened|found out about him and|found out about her and"
    "|the night i found out|the day i found out|the whole thing"
)

# An earlier relationship, or the family one grew up in.
_EARLIER_MARKS = frozenset({"last", "previous", "first", "old", "former", "past"})
_EARLIER_PEOPLE = frozenset(
    {
        "relationship",
        "relationships",
        "marriage",
        "marriages",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "partner",
        "partners",
        "bf",
        "gf",
        "fiance",
        "fiancee",
        "guy",
        "girl",
        "man",
        "woman",
        "love",
    }
)
_EARLIER_PHRASES = _patterns(
    "divorce|before she met me|before he met me|before they met me|before me|before i met"
    "|before we got together|before us|i was with someone|i was with a guy|i was with a man"
    "|i was with a woman|i was with a girl|i dated someone|i used to date|used to be with"
    "|before we met|childhood|grew up|growing up|as a kid|as a child"
)
_OBJECT_OF = frozenset(
    {
        "of",
        "with",
        "to",
        "at",
        "about",
        "for",
        "into",
        "over",
        "texting",
        "messaging",
        "calling",
        "seeing",
        "meeting",
        "sees",
        "texts",
        "calls",
        "meets",
        "talks",
        "talking",
        "likes",
        "follows",
        "visits",
        "visiting",
    }
)
"""Words that make the earlier partner someone talked of now ("jealous of his ex", "texting
his ex"), not the one who hurt someone before."""
_POSSESSIVES = frozenset({"my", "his", "her", "their", "the", "an", "a", "our"})
_HURT = _patterns(
    "hurt|burn|burned|burnt|broke|broken|destroy|damage|baggage|carry|scar|trauma|lie|lied"
    "|liar|cheat|unfaithful|betray|treat|trust|guard|wall|suspicious|open up|let anyone in"
    "|let anybody in|let people in|same way|mess|number on|walked out|abandon|piece of work"
    "|awful|terrible|badly|garbage|afraid|scared|terrified|paranoid|expect|arm length"
    "|left|leave|walked out"
    "|distance|keep ~ away|push ~ away|shut ~ out|close off|closed off|get close|let ~ close"
    "|let anyone|let anybody|let people|let someone"
    "|punish|pay for|paying for|did to him|did to her|did to them|put him through"
    "|put her through|put them through|mistake"
)
_FEAR_OF_TRUSTING = _patterns(
    "scared to trust|afraid to trust|terrified to trust|hard to trust|hard time trusting"
    "|struggle to trust|trouble trusting|scared of trusting|afraid of trusting"
    "|cannot trust again|not trust again|never trust again|trust again after"
    "|not trust people|not trust anyone|not trust anybody|cannot trust anyone"
    "|cannot trust anybody|cannot trust people|not able to trust anyone|trust people the same"
)

# Concepts of the other situations, each worth OUTRIGHT.
_CONCEPTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (
        "rebuild_trust",
        _patterns(
            "trust me again|trust us again|safe with me again|believe in us again"
            "|make her trust me|make him trust me|get her to trust me|get him to trust me"
            "|whatever it takes"
            "|forgive me|earn it back|win it back|get it back"
        ),
    ),
    (
        "insecurity",
        _patterns(
            "unwanted|unloved|unlovable|not want me|not wanting me|want me anymore|pretty enough"
            "|i am boring|and leaves|she will leave|he will leave|she might leave|he might leave"
            "|she would leave|he would leave|away from him leaving|away from her leaving"
            "|attractive enough|smart enough|enough for him|enough for her|enough for them"
            "|going anywhere|replace me|replaceable|find someone else|not love me anymore"
            "|bored of me|tired of me|lose him|lose her|losing him|losing her|get bored"
            "|someone younger|someone prettier|someone hotter|trade me in"
            "|even care|still care|care anymore|cares anymore|if he ~ care|if she ~ care"
            "|just convenient|an afterthought|second choice|backup plan"
            "|will walk out|walk out on me|walks out on me|will walk away|walk away from me"
        ),
    ),
    (
        "overthinking",
        _patterns(
            "no proof|no evidence|nothing to go on|not have proof|not have any proof"
            "|not have evidence|not have any evidence|cannot prove|can not prove|not prove"
            "|no real reason|no reason to think|no reason to suspect|mind ~ wild|brain ~ wild"
            "|thoughts ~ wild|imagination ~ wild|run wild|runs wild|running wild|mind races"
            "|mind is racing|mind keeps racing|mind goes straight to|brain goes straight to"
        ),
    ),
    ("dont_know_what_to_do", _patterns("i am lost|i feel lost|i am so lost|i am completely lost")),
    (
        "partner_jealous",
        _patterns(
            "not like it when i ~ with|not like me going|hates it when i ~ with|mad when i ~ with"
            "|angry when i ~ with|upset when i ~ with|sulks when i|not want me to go out"
            "|want ~ know who liked|ask ~ who liked|asks who|ask me who|demand ~ know who"
            "|interrogat|grill me|grills me|third degree|twenty questions|questions me"
            "|asking why i need to go out|ask ~ why i go out|why i need to see my friends"
            "|not want me going out|not like my friends|hates my friends"
        ),
    ),
)
_MY_FAULT = _patterns(
    "is ~ on me|all on me|do i cause|blames me|blame me|because of me|is it me|i pushed ~ into"
    "|i drove ~ to|i drove ~ away|did i push|am the one ~ wreck|am the one ~ ruin"
    "|i make him this way|i make her this way|i made him like this|i made her like this"
    "|says i make him|says i make her|says i am the reason|am i doing this to|i am doing this to"
    "|i might be the reason|i may be the reason"
    "|am the one ~ destroy|am the one ~ mess|i am wrecking|i am ruining|i am destroying"
)
_IS_ON_ME = cues.compile_pattern("is ~ on me")
_MY_FAULT_OPENERS = frozenset({"think", "if", "whether", "maybe", "that", "wonder", "so"})
_ANNOYED = frozenset(
    stem(word)
    for word in (
        "eats",
        "kills",
        "drives",
        "burns",
        "furious",
        "upset",
        "mad",
        "angry",
        "hate",
        "bothers",
        "annoys",
        "hurts",
        "jealous",
        "stand",
        "sick",
        "bugs",
        "irritates",
    )
)
_CONTACT = frozenset(
    stem(word)
    for word in (
        "texting",
        "texts",
        "messaging",
        "talking",
        "meeting",
        "seeing",
        "chatting",
        "hanging",
        "liking",
        "following",
        "phone",
        "calling",
        "lunch",
        "dinner",
        "drinks",
        "dancing",
        "laughing",
        "hugging",
    )
)
_OTHERS = frozenset(
    {
        "coworker",
        "coworkers",
        "colleague",
        "colleagues",
        "friend",
        "friends",
        "guy",
        "guys",
        "girl",
        "girls",
        "woman",
        "women",
        "man",
        "men",
        "ex",
        "someone",
        "people",
        "waitress",
        "waiter",
        "boss",
        "female",
        "male",
        "other",
    }
)
_STORY = stem("stories")
_REPORTS = frozenset(
    stem(word)
    for word in (
        "says",
        "said",
        "thinks",
        "thought",
        "told",
        "tells",
        "pointed",
        "noticed",
        "believes",
        "reckons",
        "calls",
        "called",
        "suggested",
        "suggests",
        "mentioned",
        "explained",
        "diagnosed",
        "figured",
    )
)
"""Verbs of a therapist telling what they found: "my counselor says i overthink" confides the
overthinking; the therapy is where it was heard."""
_REPORT_WORDS = 8
"""How far after the therapy word its report may come ("my therapist hit the nail on the head,
she said ...")."""
_WITH_THERAPIST = _patterns(
    "therapist and i|counselor and i|counsellor and i|me and my therapist|me and my counselor"
    "|me and my counsellor|our therapist|our counselor|our counsellor|our sessions"
    "|our therapy|my therapist and me|my counselor and me"
)
_ACCUSING = frozenset(
    stem(word) for word in ("accused", "accuses", "accusing", "accuse", "suspects")
)
_IMAGINED = frozenset(
    stem(word)
    for word in (
        "imagine",
        "picture",
        "worry",
        "afraid",
        "scared",
        "terrified",
        "petrified",
        "fear",
        "nervous",
        "anxious",
        "paranoid",
        "dream",
        "overthink",
    )
)
_MOODS = frozenset(
    stem(word)
    for word in (
        "weird",
        "mad",
        "angry",
        "upset",
        "sulky",
        "moody",
        "funny",
        "cold",
        "annoyed",
        "pissed",
        "grumpy",
        "off",
        "strange",
        "distant",
        "sulks",
    )
)
_COMPANY = (_OTHERS - {"other", "someone", "people"}) | {"mates", "out", "party", "bar", "pub"}
_TRUST_GOALS = _patterns(
    "fix the trust|fix ~ trust between|repair the trust|mend the trust|possible to ~ trust back"
    "|trust ever come back|trust ~ ever come back|ever trust ~ again|get trust back"
    "|get the trust back|rebuild trust|rebuild the trust|regain trust"
)
"""Wanting trust back, said without a person ("is it even possible to get trust back")."""
_ASKS_WHAT_TO_DO = frozenset(
    {("what", "do", person) for person in ("i", "we")}
    | {("what", "should", person) for person in ("i", "we")}
    | {("what", "can", person) for person in ("i", "we")}
    | {(person, "do", "now") for person in ("i", "we")}
    | {(verb, person, "do") for verb in ("do", "should", "can") for person in ("i", "we")}
)
_TAIL_FILLERS = frozenset({"even", "actually", "possibly", "now", "anymore", "here", "then"})
"""Words a story's closing "what do we even do now" may carry (read without them)."""
_TOLD_WORDS = 7
"""Fewest words of a story told before "what do i do" (not "what can i do here")."""
_SECRECY = _patterns("behind ~ back|secretly|in secret")
_TURNED_INTO_MORE = _patterns(
    "turned into more|turned into something more|went too far|crossed a line|crossed the line"
    "|it went further|led to more|became more than|go that far|went that far|one time thing"
    "|meant nothing|did not mean for it|became physical|got physical|it got intimate"
)
_FOUND_ON_ME = _patterns(
    "found ~ on my phone|found ~ my messages|found ~ my texts|found ~ my emails"
    "|saw ~ on my phone|caught me|found out about me and|found out about us"
)
"""The partner found out what the speaker did ("my wife found messages on my phone")."""


@dataclass(frozen=True)
class Reading:
    """What a confidence says, weighed."""

    scores: Mapping[str, float]
    """Situation id to the weight of the evidence said for it."""

    def ranked(self) -> list[tuple[str, float]]:
        """The situations said, best first."""
        return sorted(self.scores.items(), key=lambda item: -item[1])


def _has(stems: Sequence[str], patterns: Iterable[tuple[str, ...]]) -> bool:
    return any(cues.find(stems, pattern) is not None for pattern in patterns)


def _doer(tokens: Sequence[str], start: int, end: int) -> str:
    """Who did the infidelity said at tokens[start:end]: "i", "we" or "who" (someone else).

    The subject of its clause, stricter than the cue reading: "i messed up and cheated" and
    "i'm the one who had the affair" tell what i did; "i still can't get over the affair" and
    "i think my husband is cheating" tell what the other one did.
    """
    if start and tokens[start - 1] in _PASSIVE and tokens[end : end + 1] == ["on"]:
        return "who"  # "i was cheated on", "i got cheated on"
    if (
        start
        and tokens[start - 1] in _DETERMINERS
        and (start < 2 or tokens[start - 2] not in _HAVE)
    ):
        # A noun said of what happened ("the affair", "his cheating"), not what i did ("i had
        # an affair"); "my affair" is mine.
        return "i" if tokens[start - 1] == "my" else "who"
    if tokens[start : start + 2] in _NOUN_CUES or tokens[start] == "something":
        return "who"  # "another woman": a hint at what the other one does, not what i did
    for index in range(start - 1, -1, -1):
        token = tokens[index]
        if token in ("i", "we"):
            return token
        if stem(token) in _FINDING and not (index and tokens[index - 1] in _PASSIVE):
            return "who"  # "i found condoms in his bag": what i found, he did ("i got caught")
        if token in _OTHER_SUBJECTS:
            return "who"
        if token in WHO_WORDS and tokens[index + 1 : index + 2] not in _AFTER_AN_OBJECT:
            return "who"  # "my husband cheated", not "i betrayed my partner by sleeping..."
    return "who"


def _infidelity(tokens: Sequence[str], stems: Sequence[str], match: cues.Match) -> str:
    """Where an infidelity belongs: who did it, and when."""
    if match.situation == "past_hurt":
        return "past_hurt"  # an earlier relationship, or parents (the cue reading knows)
    before = {stem(t) for t in tokens[max(0, match.start - 4) : match.start]}
    if _ACCUSING & before:
        return "partner_jealous"  # "she accused me of having a thing with the babysitter"
    doer = _doer(tokens, match.start, match.end)
    if doer == "i":
        return "i_cheated"
    if _earlier(tokens, stems):
        return "past_hurt"  # "my girlfriend was with a guy before me who cheated on her"
    if doer == "we" or (_has(stems, _PAST_TIME) and not _lately(tokens, stems)):
        return "past_infidelity"
    if _has(stems, _LINGERING) and not _has(stems, _RECENT):
        return "past_infidelity"
    return "partner_cheated"


def _lately(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """Whether the time said is recent ("two weeks ago", "a month before the wedding" told of a
    fiance): what happens now, not the past of the relationship."""
    if {"year", "years", "decade"}.intersection(tokens):
        return False
    if _has(stems, _LATELY):
        return True
    return not _MARRIED.intersection(tokens) and _has(stems, _JUST_BEFORE)


def _earlier(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """Whether the words tell of someone's earlier relationship, or the family one grew up in,
    as where a hurt came from ("after my divorce", "her last husband lied", "my dad cheated")."""
    for index, token in enumerate(tokens):
        named = 0
        if token in ("ex", "exs", "exes") or (
            token in _EARLIER_MARKS
            and index + 1 < len(tokens)
            and tokens[index + 1] in _EARLIER_PEOPLE
        ):
            named = 1
        elif token in cues.FAMILY_WORDS and index + 1 < len(tokens):
            following = tokens[index + 1]
            named = int(following not in ("is", "says", "told", "thinks", "wants", "and"))
        if not named:
            continue
        before = index - 1
        while before >= 0 and (tokens[before] in _POSSESSIVES or tokens[before] in WHO_WORDS):
            before -= 1
        if before >= 0 and tokens[before] in _OBJECT_OF:
            continue  # "jealous of his ex", "she still texts her ex"
        return True
    return _has(stems, _EARLIER_PHRASES)


def _my_jealousy_of_contact(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """The speaker minds the partner's contact with someone ("i'm furious that she's always
    texting her coworker at night")."""
    for index, word in enumerate(stems):
        if word not in _ANNOYED or (
            "i" not in tokens[max(0, index - 4) : index] and tokens[index + 1 : index + 2] != ["me"]
        ):
            continue  # "i get upset when ...", "it eats me up when ..."
        rest = tokens[index + 1 : index + 16]
        rest_stems = stems[index + 1 : index + 16]
        if not WHO_WORDS.intersection(rest):
            continue
        for at, contact in enumerate(rest_stems):
            if contact in _CONTACT and _OTHERS.intersection(rest[at + 1 : at + 7]):
                return True
    return False


_FELT = frozenset(
    stem(word)
    for word in (
        "stomach",
        "chest",
        "gut",
        "knot",
        "sick",
        "nauseous",
        "queasy",
        "tight",
        "tense",
        "boil",
        "boils",
        "hot",
        "sinks",
        "drops",
        "churns",
        "twists",
        "pit",
        "heart",
        "cringe",
        "panic",
        "shaky",
        "red",
        "flushed",
        "clench",
    )
)
"""What a jolt of jealousy feels like ("a knot in my stomach", "my blood boils")."""
_MENTIONS = frozenset(
    stem(word)
    for word in (
        "mentions",
        "mention",
        "talks",
        "talk",
        "brings",
        "bring",
        "texts",
        "text",
        "sees",
        "see",
        "speaks",
        "calls",
        "likes",
        "follows",
        "messages",
        "looks",
        "hangs",
        "meets",
        "says",
        "compliments",
        "laughs",
    )
)
_WHEN = frozenset({"when", "whenever", "time", "if", "anytime"})
_OTHER_LOVES = frozenset({"love", "flame", "crush", "ex", "exs", "exes"})


def _felt_at_their_contact(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """The speaker feels a jolt when the partner mentions or contacts someone else, an ex above
    all ("i get a knot in my stomach whenever he brings up his first wife")."""
    for index, word in enumerate(stems):
        if word not in _FELT or not (
            "i" in tokens[max(0, index - 4) : index] or tokens[index - 1 : index] == ["my"]
        ):
            continue
        rest = tokens[index + 1 : index + 16]
        at = next((i for i, t in enumerate(rest) if t in _WHEN), None)
        if at is None:
            continue
        after = rest[at + 1 :]
        said = next((i for i, t in enumerate(after) if stem(t) in _MENTIONS), None)
        if said is None or not ({"he", "she", "they"} | WHO_WORDS).intersection(after[:said]):
            continue
        them = after[said + 1 : said + 7]
        if _OTHERS.intersection(them) or _OTHER_LOVES.intersection(them):
            return True
        if any(
            mark in _EARLIER_MARKS and person in _EARLIER_PEOPLE
            for mark, person in itertools.pairwise(them)
        ):
            return True
    return False


_RAGES = _patterns(
    "through the roof|hits the roof|hit the roof|loses his mind|loses her mind|lost his mind"
    "|lost her mind|blows up|blew up|freaks out|freaked out|flips out|flipped out|goes mad"
    "|goes crazy|went crazy|goes ballistic|gets all weird|goes quiet|gives me the cold shoulder"
)
_REPLIES = frozenset(
    stem(word)
    for word in ("reply", "replied", "text", "message", "talk", "call", "like", "chat", "dance")
)


def _partner_rages_at_my_contact(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """The partner rages when the speaker contacts someone ("she goes through the roof when i
    reply to my ex's message")."""
    for pattern in _RAGES:
        span = cues.find(stems, pattern)
        if span is None:
            continue
        start, end = span
        if not ({"he", "she", "they"} | WHO_WORDS).intersection(tokens[max(0, start - 4) : start]):
            continue
        rest = tokens[end : end + 4]
        if "i" not in rest or not _WHEN.intersection(rest):
            continue
        after = tokens[end : end + 14]
        if _REPLIES.intersection(stems[end : end + 8]) and (
            _OTHERS.intersection(after) or _OTHER_LOVES.intersection(after)
        ):
            return True
        if _COMPANY.intersection(after):
            return True
    return False


_FOUND_OUT = _patterns("found out|just found|just learned|discovered|caught ~ with")
_MEETS = frozenset(
    stem(word)
    for word in ("meeting", "seeing", "texting", "messaging", "sneaking", "visiting", "meets")
)


_SUITORS = frozenset(
    {"guy", "man", "woman", "girl", "someone", "somebody", "ex", "coworker", "colleague", "boss"}
)
"""Whom meeting in secret tells of an affair (not "her sister", not "her friends")."""


def _found_their_contact(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """The speaker found out the partner meets someone ("i just found out my wife has been
    meeting some guy from her gym")."""
    for pattern in _FOUND_OUT:
        span = cues.find(stems, pattern)
        if span is None:
            continue
        rest = tokens[span[1] : span[1] + 10]
        if not WHO_WORDS.intersection(rest[:3]) and rest[:1] not in (["he"], ["she"]):
            continue
        for at, word in enumerate(rest):
            if stem(word) in _MEETS and _SUITORS.intersection(rest[at + 1 : at + 4]):
                return True
    return False


def _partner_minds_my_company(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    """The partner minds whom the speaker spends time with ("my fiance gets weird when i go to
    the gym with my friends")."""
    for index, word in enumerate(stems):
        if word not in _MOODS or not WHO_WORDS.intersection(tokens[max(0, index - 4) : index]):
            continue
        rest = tokens[index + 1 : index + 4]
        if "i" not in rest or not {"when", "whenever", "time", "if"}.intersection(rest):
            continue
        if _COMPANY.intersection(tokens[index + 2 : index + 12]):
            return True
    return False


def _secret_contact(tokens: Sequence[str], stems: Sequence[str]) -> str | None:
    """Contact with someone kept secret: what the one who keeps it did ("i was talking to
    someone online behind my girlfriend's back", "he has been texting his ex behind my back")."""
    for pattern in _SECRECY:
        span = cues.find(stems, pattern)
        if span is None:
            continue
        start, end = span
        if not _CONTACT.intersection(stems[max(0, start - 8) : start]):
            return None  # "she reads my emails behind my back" checks; it contacts no one
        doer = _doer(tokens, start, end)
        return "i_cheated" if doer == "i" else "partner_cheated"
    return None


def _my_fault(tokens: Sequence[str], stems: Sequence[str]) -> bool:
    for pattern in _MY_FAULT:
        span = cues.find(stems, pattern)
        if span is None:
            continue
        start, end = span
        if (
            pattern == _IS_ON_ME
            and start
            and tokens[start - 1] not in _MY_FAULT_OPENERS
            and tokens[start + 1 : start + 2] not in (["that"], ["this"], ["it"], ["any"])
        ):
            continue  # "he is always on me about the dishes"; "... is that on me" asks
        if pattern[0] == "blame" and {"cheat", "flirt"} & {stem(t) for t in tokens[end:]}:
            continue  # "she blames me for cheating" accuses me
        return True
    return False


def _plain(tokens: Sequence[str]) -> list[str]:
    """The words with a partner said in two words ("my other half") said in one."""
    words: list[str] = []
    for token in tokens:
        if token == "half" and words[-1:] == ["other"]:
            words[-1] = "partner"
        else:
            words.append(token)
    return words


def _cue_weight(tokens: Sequence[str], match: cues.Match) -> float:
    """How much a cue found says for its situation."""
    if tokens[match.start].startswith("flirt"):
        return FLIRT
    if tokens[match.start : match.start + 2] in _NOUN_CUES or tokens[match.start] == "behind":
        return WEAK  # a hint ("another woman", "behind my back"), not the act
    if match.family == "in_therapy":
        return OUTRIGHT + MARGIN  # being in therapy frames the rest ("... but i'm stuck")
    if match.strong and match.family in _OUTRIGHT_FAMILIES:
        return OUTRIGHT
    if match.family == "infidelity" and match.strong:
        # Infidelity named is the situation; the worry about it is its reaction ("he cheated
        # with his ex and i can't stop thinking about it"), unless it is what is imagined.
        before = {stem(t) for t in tokens[max(0, match.start - 3) : match.start]}
        return STRONG if _IMAGINED & before else OUTRIGHT
    return STRONG if match.strong or match.family in _NAMED_FAMILIES else WEAK


def _report(stems: Sequence[str], found: Sequence[cues.Match]) -> int | None:
    """Where a therapist's report of what they found begins ("my counselor says i overthink"),
    if another situation's cue follows it; else None."""
    for match in found:
        if match.family != "in_therapy":
            continue
        for at in range(match.end, min(len(stems), match.end + _REPORT_WORDS)):
            if stems[at] in _REPORTS and any(
                other.start > at and other.family != "in_therapy" for other in found
            ):
                return at
    return None


def with_therapist(tokens: Sequence[str]) -> bool:
    """Whether the words tell of therapy as something done with a therapist ("my therapist and i
    are working on it", "our counselor"): in therapy, whatever is wanted next."""
    return _has([stem(t) for t in tokens], _WITH_THERAPIST)


def _cue_scores(tokens: Sequence[str], stems: Sequence[str], scores: dict[str, float]) -> None:
    """Add every cue found (each place once) to the scores of the situations they point to; a
    situation a therapist is reported to have found outweighs the therapy it was found in."""
    seen: set[tuple[int, int, str]] = set()
    found = list(cues.matches(tokens))
    report = _report(stems, found)
    reported: set[str] = set()
    for match in found:
        situation = match.situation
        if match.family == "infidelity":
            situation = _infidelity(tokens, stems, match)
        elif (
            match.family == "overthinking"
            and _STORY in stems[match.start : match.end]
            and cues.actor(tokens, match.start, match.end) == "who"
        ):
            situation = "lying"  # "he keeps making up stories about where he's been"
        key = (match.start, match.end, situation)
        if key not in seen:
            seen.add(key)
            weight = _cue_weight(tokens, match)
            if report is not None and match.family == "in_therapy":
                weight = WEAK  # where it was heard
            elif report is not None and match.start > report and situation not in reported:
                reported.add(situation)
                weight += MARGIN  # what the therapist found
            scores[situation] = scores.get(situation, 0.0) + weight


def _concepts(tokens: Sequence[str], stems: Sequence[str]) -> Iterable[str]:
    """The situations the concepts said point to, one OUTRIGHT each."""
    earlier = _earlier(tokens, stems)
    if earlier and _has(stems, _HURT):
        yield "past_hurt"
    lingers = _has(stems, _LINGERING) or _has(stems, _DWELLING) or "still" in tokens
    if not earlier and _has(stems, _EVENT) and _has(stems, _PAST_TIME) and lingers:
        yield "past_infidelity"  # "it happened years back and i still get flashes"
    for situation, patterns in _CONCEPTS:
        if _has(stems, patterns):
            yield situation
    if _my_fault(tokens, stems):
        yield "my_fault"
    secret = _secret_contact(tokens, stems)
    if secret is not None:
        yield secret
    if _partner_minds_my_company(tokens, stems) or _partner_rages_at_my_contact(tokens, stems):
        yield "partner_jealous"
    if _my_jealousy_of_contact(tokens, stems) or _felt_at_their_contact(tokens, stems):
        yield "my_jealousy"
    partner = any(t in cues.PARTNER_WORDS for t in tokens)
    tail = tuple(tokens[-3:])
    if tail not in _ASKS_WHAT_TO_DO:
        tail = tuple([t for t in tokens[-6:] if t not in _TAIL_FILLERS][-3:])
    if len(tokens) >= _TOLD_WORDS and partner and tail in _ASKS_WHAT_TO_DO:
        yield "dont_know_what_to_do"  # a story that ends "... what do i do"
    if _found_their_contact(tokens, stems):
        yield "partner_cheated"
    if "i" in tokens and _has(stems, _TURNED_INTO_MORE):
        yield "i_cheated"  # "it was a one time thing and i told her the next day"
    if partner and _has(stems, _FOUND_ON_ME) and _OTHERS.intersection(tokens):
        yield "i_cheated"  # "my wife found messages on my phone from a girl i met"


def read(tokens: Sequence[str]) -> Reading:
    """Weigh what a confidence says for each situation."""
    tokens = _plain(tokens)
    stems = [stem(t) for t in tokens]
    scores: dict[str, float] = {}
    if _has(stems, _TRUST_GOALS):
        scores["rebuild_trust"] = OUTRIGHT
    partner = any(t in cues.PARTNER_WORDS for t in tokens)
    if not partner and not {"i", "me", "my", "we", "us", "our"}.intersection(tokens):
        return Reading(scores)
    _cue_scores(tokens, stems, scores)
    for situation in _concepts(tokens, stems):
        scores[situation] = scores.get(situation, 0.0) + OUTRIGHT
    if _has(stems, _FEAR_OF_TRUSTING):
        scores["past_hurt"] = scores.get("past_hurt", 0.0) + OUTRIGHT
        if "rebuild_trust" in scores:
            scores["rebuild_trust"] -= OUTRIGHT  # "scared to trust again" is no wish to rebuild
    if scores.get("i_cheated", 0.0) >= STRONG:
        # A confessed infidelity is the situation, whatever the speaker wants next: "i messed
        # up and cheated, can she ever trust me again" is i_cheated.
        for goal in _CONFESSION_OVERRULES:
            scores.pop(goal, None)
    return Reading(scores)


def _of_partner(tokens: Sequence[str]) -> bool:
    """Whether a question is about the partner ("does she even care about me", "is my husband
    lying"): a confidence asked, not a request."""
    if tokens[:1] and tokens[0] in ("he", "she", "they"):
        return True
    return tokens[:1] == ["my"] and tokens[1:2] != [] and tokens[1] in cues.PARTNER_WORDS


def decide(
    tokens: Sequence[str], current: str | None, corrected: Sequence[str] | None = None
) -> str | None:
    """The situation a confidence is about: the best weighed one when it is clear (at least
    THRESHOLD, or REPLACE_THRESHOLD to replace a situation; MARGIN ahead of the runner-up and of
    ``current``), else ``current`` (the earlier tiers' answer, None for none).

    ``corrected``: the words after typo correction, read in place of the words said that are no
    English word ("my girlfreind is so jelous") when that reading says anything; a real word
    stays as said, since the speller only knows the model's words ("chatting" is not
    "cheating", "arms" not "harms").
    """
    reading = read(tokens)
    if corrected is not None and len(corrected) == len(tokens):
        fixed = read(
            [
                word if word in _REAL_WORDS else correction
                for word, correction in zip(tokens, corrected, strict=True)
            ]
        )
        best_said = max(reading.scores.values(), default=0.0)
        if fixed.scores and max(fixed.scores.values()) >= best_said:
            reading = fixed  # the corrected words say as much or more ("roof" is no "proof")
    ranked = reading.ranked()
    if not ranked:
        return current
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    threshold = THRESHOLD if current is None else REPLACE_THRESHOLD
    if score < threshold or score - runner_up < MARGIN or best == current:
        return current
    if (
        current is None
        and tokens[:1]
        and tokens[0] in _QUESTION_OPENERS
        and best not in ASKED
        and not _of_partner(tokens[1:])
    ):
        return None  # "should i check his phone" asks; it confides nothing
    said = reading.scores.get(current, 0.0) if current is not None else 0.0
    return best if score - said >= MARGIN else current
