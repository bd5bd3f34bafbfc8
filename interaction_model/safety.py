"""The safety check: a high-recall look for someone saying they are being hurt or threatened.

It runs before every other tier and wins over all of them, because a missed safety message costs
far more than an extra one (the safety reply ends with a gentle way back to trust topics). It
works on normalized, typo-corrected words and looks for families of phrasings anywhere in the
utterance: strong words on their own ("abusive", "choked"), fear of a person ("scared of him"),
a person followed by a harm word aimed at the speaker ("my husband ... punched me"), threats and
control ("won't let me leave", "took my phone", "said he'd kill me").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

PERSONS = frozenset(
    [
        "partner",
        "partners",
        "husband",
        "hubby",
        "wife",
        "boyfriend",
        "boyfriends",
        "girlfriend",
        "bf",
        "gf",
        "fiance",
        "fiancee",
        "spouse",
        "ex",
        "he",
        "she",
        "they",
        "someone",
        "somebody",
        "man",
        "guy",
        "woman",
        "lover",
        "significant",
        "other",
        "daddy",
        "dad",
        "father",
        "stepdad",
        "mama",
        "mom",
        "mother",
        "brother",
        "sister",
        "roommate",
        "parent",
        "parents",
        # How people name a partner or family in the other English markets (UK, Australia,
        # Canada, India): "my bloke", "the missus", "my de facto", "my in-laws", "pati", "saas".
        "bloke",
        "fella",
        "fellow",
        "missus",
        "misses",
        "wifey",
        "defacto",
        "de",
        "facto",
        "mister",
        "laws",
        "inlaws",
        "pati",
        "saas",
        "sasur",
        "family",
    ]
)
"""Who might be hurting the speaker."""
HARMS = frozenset(
    [
        "hit",
        "hits",
        "hitting",
        "hitted",
        "punch",
        "punches",
        "punched",
        "punching",
        "kick",
        "kicks",
        "kicked",
        "kicking",
        "slap",
        "slaps",
        "slapped",
        "slapping",
        "smack",
        "smacks",
        "smacked",
        "shove",
        "shoves",
        "shoved",
        "shoving",
        "push",
        "pushes",
        "pushed",
        "pushing",
        "grab",
        "grabs",
        "grabbed",
        "grabbing",
        "slam",
        "slams",
        "slammed",
        "throw",
        "throws",
        "threw",
        "thrown",
        "choke",
        "chokes",
        "choked",
        "choking",
        "strangle",
        "strangles",
        "strangled",
        "strangling",
        "beat",
        "beats",
        "beating",
        "beaten",
        "hurt",
        "hurts",
        "hurting",
        "harm",
        "harms",
        "harmed",
        "attack",
        "attacks",
        "attacked",
        "bite",
        "bit",
        "bites",
        "burn",
        "burned",
        "burns",
        "burnt",
        "injure",
        "injured",
        "injures",
        "abuse",
        "abuses",
        "abused",
        "abusing",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "rape",
        "raped",
        "assault",
        "assaulted",
        "force",
        "forced",
        "forces",
        "stab",
        "stabbed",
        "stabs",
        "kill",
        "killed",
        "kills",
        "spit",
        "spat",
        "drag",
        "dragged",
        "pin",
        "pinned",
        "lock",
        "locks",
        "locked",
        "trap",
        "trapped",
        # Regional words for hitting: bashed, belted, thumped, walloped, knocked about, battered.
        "bash",
        "bashes",
        "bashed",
        "bashing",
        "belt",
        "belts",
        "belted",
        "thump",
        "thumps",
        "thumped",
        "wallop",
        "walloped",
        "clobber",
        "clobbered",
        "whack",
        "whacks",
        "whacked",
        "deck",
        "decked",
        "batter",
        "batters",
        "battered",
        "thrash",
        "thrashed",
        "thrashes",
        "knock",
        "knocks",
        "knocked",
        "headbutt",
        "headbutted",
        "glassed",
        "torture",
        "tortures",
        "tortured",
        "torturing",
        "scratch",
        "scratches",
        "scratched",
        "forcing",
        "harass",
        "harasses",
        "harassed",
        "harassing",
    ]
)
"""What they might do."""
TARGETS = frozenset(["me", "us", "my", "kids", "children", "baby", "son", "daughter", "mine"])
"""Words after a harm word that say it is aimed at the speaker or their family."""
STRONG = frozenset(
    [
        "abuse",
        "abusive",
        "abuser",
        "abused",
        "abusing",
        "violent",
        "violence",
        "choked",
        "choking",
        "strangled",
        "strangling",
        "strangle",
        "raped",
        "rape",
        "assaulted",
        "beaten",
        "battered",
        "blackmail",
        "blackmails",
        "blackmailed",
        "blackmailing",
        "unsafe",
    ]
)
"""Words that are enough on their own."""
_FEAR = r"(?:scared|afraid|frightened|terrified|fearful|fear|scarred|petrified)"
_PHRASES: tuple[str, ...] = (
    rf"\b{_FEAR} (?:of|for) (?:him|her|them|my|what (?:he|she|they))\b",
    rf"\b{_FEAR} (?:to go home|to leave)\b",
    # "afraid he will hurt me", but not the fear of being left: "afraid she will leave me".
    rf"\b{_FEAR} (?:that )?(?:he|she|they) (?:will|would|is going to|are going to)\b"
    r"(?! (?:leave|dump|cheat|break up|find|lose|stop|get bored|fall out|not love|never))",
    rf"\bi am {_FEAR}$",
    r"\b(?:he|she|they|\w+) (?:scares|frightens|terrifies) me\b",
    r"\b(?:not|do not feel|never feel|feel) safe\b",
    r"\bin danger\b",
    r"\bfear for my\b",
    r"\b(?:will|would|does|do|did) not let me (?:leave|go|see|have|out|talk|use|call|work|eat)",
    r"\b(?:does|do|will) not let me\b.*\b(?:leave|go out|friends|family|money|phone|car)\b",
    r"\b(?:never|not) let(?:s)? me (?:leave|go|see|have)\b",
    r"\b(?:took|takes|take|taken|hides|hid|broke|smashed|keeps|kept) (?:away )?(?:all )?(?:of )?"
    r"my (?:car )?(?:keys|phone|money|car|passport|cards|wallet|paycheck)\b",
    r"\bkeeps all (?:of )?(?:the|my|our) money\b",
    r"\bcontrols (?:everything|me|my|where|who|what|all)\b",
    r"\b(?:said|says|swore) (?:he|she|they) (?:will|would|is going to|was going to) "
    r"(?:hurt|kill|hit|take)",
    r"\b(?:he|she|they) would (?:hurt|kill|hit) me\b",
    r"\b(?:hurt|kill|hit) me if\b",
    r"\b(?:going to|gonna|will) (?:hurt|kill|hit) me\b",
    r"\bkill me\b",
    r"\b(?:locked|locks|locking|trapped|traps) me\b",
    r"\b(?:forced|forces|makes|made) me (?:to )?(?:have sex|do things|sleep with)\b",
    r"\bdomestic (?:violence|abuse)\b",
    r"\bbeing (?:hurt|abused|threatened|beaten|hit|stalked|controlled)\b",
    r"\b(?:stalks|stalking|stalked|follows) me\b",
    r"\bthreaten(?:s|ed|ing)? (?:me|to|the kids|my|us)\b",
    r"\bhurting me\b",
)
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _PHRASES))
_PHRASES += (
    r"\b(?:hands|hand) on me\b",
    r"\b(?:bruise|bruises|bruised|black eye|broken bone|broke my)\b",
    r"\b(?:held|holds|hold|pinned|pins) me down\b",
    r"\b(?:rough|physical) with me\b",
    r"\bgets? (?:physical|violent)\b",
    r"\b(?:regret it|sorry|pay) if i (?:leave|go|tell)\b",
    r"\bif i (?:ever )?(?:leave|tell anyone|call)\b.*\b(?:kill|hurt|take|regret|sorry|pay)\b",
    r"\bmake me disappear\b",
    r"\bor else\b",
    r"\bdangerous\b",
    r"\bhiding (?:in|from)\b",
    r"\bget away from (?:him|her|them|my)\b",
    r"\b(?:took|takes|take|taken|keeps|kept|steals|stole) (?:all )?(?:of )?my "
    r"(?:paychecks?|pay|salary|savings|cards?|keys|phone|money|car|passport|wallet)\b",
    r"\bkeeps? me from (?:leaving|going|seeing|talking|working|calling)\b",
    r"\bpermission to (?:leave|go|see|talk|spend|eat)\b",
    r"\bblocks? the door\b",
    r"\b(?:can not|cannot) (?:get out|leave the house|escape)\b",
    r"\b(?:following|tracking|watching) me\b",
    r"\b(?:threw|throws|thrown|swung|swings) .*\b(?:at|against|into) me\b",
    # Indian English "he raised his hand on me"; everywhere "he laid a finger on me".
    r"\brais(?:e|es|ed|ing) (?:his|her|their|a) hands? (?:on|at|to|against) me\b",
    r"\b(?:laid|lays|lay|put|puts) (?:a )?(?:finger|hand|hands) on me\b",
    # Control and intimidation, as people put it in every market.
    r"\bnot (?:allowing|allow|letting|permitting) me\b",
    r"\b(?:takes?|took|taken|keeps?|kept|grabs?|grabbed) (?:away )?(?:all )?(?:of )?my "
    r"(?:\w+ )?(?:cards?|paycheques?|paychecks?|salary|wages|mobile|phone|money|keys|passport)\b",
    r"\btrack(?:s|ed|ing)? (?:my|where|me|every)\b",
    r"\bpunch(?:ed|es|ing)? (?:a hole in |holes in )?the wall\b",
    r"\bsmash(?:ed|es|ing)? (?:up )?(?:the|my|our|things|stuff)\b",
    r"\bi am next\b",
    r"\b(?:goes|went|going) (?:off|mental|nuts|crazy|ballistic|off his head|off her head)\b"
    r".*\bif i\b",
    # Weapons only as typed: the speller must not turn "run" into "gun".
    r"\b(?:knife|knives|gun|guns|weapon|blade)\b",
    r"\bnobody (?:would|will) believe me\b",
    # Money withheld, and threats of what happens if the speaker leaves or tells.
    r"\b(?:will|would|does|do|did) not (?:give|let) me (?:any |my |have |touch |use |see )?"
    r"(?:own |the |our |of )?(?:\w+ )?(?:money|cash|bank|account|accounts|card|cards|salary)\b",
    r"\b(?:says|said|threatens|threatened|swears|swore|told me)\b.*\b(?:will|would|is going to|"
    r"gonna)\b.*\bif i (?:ever )?(?:leave|go|tell|break up|end it)\b",
    r"\bscares? the \w+(?: \w+)? out of me\b",
    r"\b(?:makes?|made|forcing|forces|forced) me (?:to )?(?:do )?(?:stuff|things|for)\b"
    r".*\b(?:bed|sex|sexual|physical|want)\b",
)
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _PHRASES))
_WINDOW = 7
"""Most words between a person and the harm word."""
_TARGET_WINDOW = 5
"""Most words between the harm word and its target."""

_PATTERN_WORDS = frozenset(
    word for phrase in _PHRASES for word in re.findall(r"[a-z]{4,}", phrase.replace("\\b", " "))
)
"""The words the phrase patterns use ("stalking", "smashed"), so that typos of them count."""

VOCABULARY: tuple[str, ...] = tuple(
    sorted(
        _PATTERN_WORDS
        | PERSONS
        | HARMS
        | TARGETS
        | STRONG
        | set(
            [
                "took",
                "takes",
                "hands",
                "bruises",
                "following",
                "permission",
                "dangerous",
                "hiding",
                "rough",
                "paycheck",
                "paychecks",
                "scared",
                "afraid",
                "frightened",
                "terrified",
                "safe",
                "danger",
                "leave",
                "money",
                "keys",
                "phone",
            ]
        )
    )
)
"""Words the typo corrector should know so that misspelled harm words still count."""


_COMMON = """
    the a an and but or so his her him he she hers its it is was has had have having can
    will would could should did does done do not no yes three there their they them then
    than that this these those what when where which while who why how with without about
    after again all also always am any are as at back be because been before being best
    better big both by came come day dead did down each even ever every far fast feel felt
    few fine first for from get gets give go going gone good got great hand hard has help
    here high home hunt hurry bush rush pull till will fill kiss bill hill mill skill boat
    seat meat neat bear beam bean slip snap clap soap flap kid kids sick chose choice
    smoke coke turn turned born barn site kite bike write farm warm charm arm ham amuse
    through grow trip tap wrap look looks looked luck lack block clock rock sock pen win
    tin bin fin sin in drug draw brag forge fore stay star stub tab tape rare rage race
    cape spin spot split check neck duck bell melt base cash dash wash bath bass knack
    thumb trump butter matter latter insure licked picked ticked rushed pulled just know
    last late left let life like line little long lot love made make man many may me mean
    might more most much must my need never new next night now of off old on once one only
    other our out over own part people place put really right said same saw say see seem
    she shit should show side since small some something still such sure take tell than
    thing things think time to told too took try two under until up upon us use very want
    way we week well went were what whole wife with work year years yet you young your
    eating
    blocked mocked called tested texted dumped ghosted ignored hated tricked kissed hugged
    messaged checked yelled blamed judged teased touched helped picked liked loved lied
    accused accuses accusing shouted shouting screamed screaming
"""
COMMON_WORDS = frozenset(_COMMON.split())
"""Everyday words the typo reading must never turn into harm words ("three" is not "threw")."""


def person_harms(tokens: Sequence[str]) -> bool:
    """A person word, then within a few words a harm word aimed at the speaker or family."""
    last_person = -_WINDOW - 1
    for index, token in enumerate(tokens):
        if token in PERSONS:
            last_person = index
            continue
        if (
            token in HARMS
            and index - last_person <= _WINDOW
            and (index == 0 or tokens[index - 1] not in ("a", "little"))
        ):
            following = tokens[index + 1 : index + 1 + _TARGET_WINDOW]
            if any(word in TARGETS for word in following):
                return True
    return False


def is_safety(tokens: Sequence[str], *also: Iterable[str]) -> bool:
    """Whether the words (or any alternative reading of them, e.g. typo-corrected) ask for help."""
    for reading in (tokens, *also):
        words = list(reading)
        if STRONG.intersection(words) or person_harms(words):
            return True
        if _PATTERN.search(" ".join(words)):
            return True
    return False
