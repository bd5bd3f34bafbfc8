"""Text normalization and spoken-number parsing shared by the resolver and the linter."""

import re
from collections.abc import Sequence

_SLOT_TOKEN = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_TOKEN = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|[a-z0-9']+")
_PLAIN_TOKEN = re.compile(r"[a-z0-9']+")
_ABBREVIATION = re.compile(r"\b(?:[a-z]\.\s*){2,}")
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
# "uh huh", "mm hmm", "mhm": one word, or dropping the filler "uh" would leave "huh" (what?).
_AGREEING_NOISE = re.compile(r"\b(?:uh[- ]huh|mm+[- ]?hmm+|mhm+)\b", re.IGNORECASE)
# "lucy's going first", "my partner's been checking": before a verb the 's of a name or noun is
# "is" (or "has", below), not a possessive.
_S_BEFORE_VERB = re.compile(
    r"\b([a-z]+)'s (?=(?:going|gonna|goin|been|got|gotta|gone|coming|starting|not|never|always|"
    r"still|had|done)\b)"
)

_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "what's": ("what", "is"),
    "whats": ("what", "is"),
    "that's": ("that", "is"),
    "thats": ("that", "is"),
    "there's": ("there", "is"),
    "theres": ("there", "is"),
    "here's": ("here", "is"),
    "heres": ("here", "is"),
    "it's": ("it", "is"),
    "he's": ("he", "is"),
    "hes": ("he", "is"),
    "she's": ("she", "is"),
    "shes": ("she", "is"),
    "who's": ("who", "is"),
    "whos": ("who", "is"),
    "where's": ("where", "is"),
    "wheres": ("where", "is"),
    "how's": ("how", "is"),
    "hows": ("how", "is"),
    "when's": ("when", "is"),
    "why's": ("why", "is"),
    "let's": ("let", "us"),
    "lets": ("let", "us"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "theyre": ("they", "are"),
    "youve": ("you", "have"),
    "weve": ("we", "have"),
    "theyve": ("they", "have"),
    "youll": ("you", "will"),
    "can't": ("can", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "wont": ("will", "not"),
    "ain't": ("is", "not"),
    "shan't": ("shall", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "ok": ("okay",),
    "counselling": ("counseling",),
    # Words and spellings of the other markets, read as the en-US words the samples use
    # (markets): "my mum reckons", "whilst", "he's gotten", "checks my mobile".
    "counsellor": ("counselor",),
    "counsellors": ("counselors",),
    "behaviour": ("behavior",),
    "honouring": ("honoring",),
    "mum": ("mom",),
    "mam": ("mom",),
    "reckon": ("think",),
    "reckons": ("thinks",),
    "reckoned": ("thought",),
    "whilst": ("while",),
    "gotten": ("got",),
    "arvo": ("afternoon",),
    "mobile": ("phone",),
    "info": ("information",),
    # Kinds of therapy said by their letters: "does cbt help", "what about e.f.t.".
    "cbt": ("cognitive", "behavioral", "therapy"),
    "eft": ("emotionally", "focused", "therapy"),
    # How people type in a chat: "u", "thru", "pls", "gonna".
    "u": ("you",),
    "r": ("are",),
    "n": ("and",),
    "ur": ("your",),
    "wat": ("what",),
    "wot": ("what",),
    "thru": ("through",),
    "tho": ("though",),
    "cuz": ("because",),
    "coz": ("because",),
    "bc": ("because",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
    "thanx": ("thanks",),
    "txt": ("text",),
    "txts": ("texts",),
    "msg": ("message",),
    "msgs": ("messages",),
    "fone": ("phone",),
    "nxt": ("next",),
    "abt": ("about",),
    "b4": ("before",),
    "luv": ("love",),
    "rly": ("really",),
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
    "dunno": ("do", "not", "know"),
    "gimme": ("give", "me"),
    "gimmie": ("give", "me"),
    "lemme": ("let", "me"),
    "tryna": ("trying", "to"),
    "idk": ("i", "do", "not", "know"),
    "nevermind": ("never", "mind"),
    "what'd": ("what", "did"),
    "whatd": ("what", "did"),
    "how'd": ("how", "did"),
    "where'd": ("where", "did"),
}
_GLUED_HEADS = frozenset(
    {"i'm", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "i've", "i'll", "i'd"}
    | {"we're", "we've", "we'll", "you're", "you've", "they're", "he'll", "she'll", "couldn't"}
    | {"wouldn't", "shouldn't", "haven't", "hasn't"}
)
"""Contractions the suffix rules expand that may be typed glued to the next word."""
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'m", "am"),
    ("'d", "would"),
)
FILLER_WORDS = frozenset(
    {"um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "ah", "please", "alexa"}
)
"""Words dropped wherever they occur."""
LEADING_FILLERS = frozenset(
    {"so", "well", "okay", "alright", "like", "hey", "oh", "and", "also", "righto"}
)
"""Words dropped at the start of an utterance, as long as something follows them."""
LOOSE_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "some",
        "just",
        "really",
        "actually",
        "maybe",
        "me",
        "you",
        "us",
        "can",
        "could",
        "would",
        "will",
        "i",
        "want",
        "to",
        "like",
        "kindly",
    }
)
"""Words the resolver's second, looser pass ignores."""

UNITS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
TENS: dict[str, int] = {
    word: 10 * (index + 2)
    for index, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    )
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
"""The ordinals people say for a strategy ("the seventh one"), spelled out."""
NUMBER_PATTERN = r"[a-z0-9]+(?: [a-z0-9]+)*"
"""A regex fragment for a number slot: parse_number checks the words afterwards, and a
number-word alternation would cost milliseconds to compile for every sample."""


_ME_AS_MY = frozenset(
    {
        "husband",
        "hubby",
        "wife",
        "missus",
        "partner",
        "boyfriend",
        "girlfriend",
        "fella",
        "bloke",
        "ex",
        "fiance",
        "fiancee",
        "mom",
        "dad",
        "kids",
        "children",
        "son",
        "daughter",
        "family",
        "phone",
        "mates",
        "friends",
        "brother",
        "sister",
    }
)
"""Words after which a "me" is "my" (markets: "scared of me husband", "checks me phone")."""
_ME_AS_MY_PAIRS = frozenset({("old", "man"), ("old", "lady"), ("other", "half")})
_YA_AS_YOU = frozenset(
    {"can", "could", "do", "did", "will", "would", "are", "thank", "tell", "give", "see", "help"}
)
"""Words after which a "ya" is "you" ("what can ya do", "thank ya"); elsewhere it is a yes."""


def _local_pronouns(tokens: list[str]) -> None:
    """Read the pronouns people say in the other markets as the samples' words, in place."""
    for index in range(len(tokens) - 1):
        word, following = tokens[index], tokens[index + 1]
        pair = (following, tokens[index + 2] if index + 2 < len(tokens) else "")
        if word == "me" and (following in _ME_AS_MY or pair in _ME_AS_MY_PAIRS):
            tokens[index] = "my"
    for index in range(1, len(tokens)):
        if tokens[index] == "ya" and tokens[index - 1] in _YA_AS_YOU:
            tokens[index] = "you"


def is_slot_token(token: str) -> bool:
    """Whether a token is a slot reference such as ``{strategy}``."""
    return _SLOT_TOKEN.fullmatch(token) is not None


_GLUED = re.compile(r"([a-z]+'(?:s|m|t|re|ve|ll|d))([a-z]{2,})")
"""A contraction typed without the space after it: "i'mlost", "what'syour", "don'tget"."""


def _expand(token: str) -> tuple[str, ...]:
    """Expand one contraction; remaining apostrophes (possessives) are dropped."""
    token = token.strip("'")
    if not token:
        return ()
    glued = _GLUED.fullmatch(token)
    if glued is not None and (glued.group(1) in _CONTRACTIONS or glued.group(1) in _GLUED_HEADS):
        return (*_expand(glued.group(1)), *_expand(glued.group(2)))
    if token in _CONTRACTIONS:
        return _CONTRACTIONS[token]
    for suffix, word in _SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix):
            return (token[: -len(suffix)], word)
    return (token.replace("'", ""),)


CONTRACTIONS = frozenset(word for word in _CONTRACTIONS if word.isalpha())
"""The contractions and chat spellings normalizing expands ("wanna", "gimme", "dont")."""
EXPANDED_WORDS = frozenset(word for words in _CONTRACTIONS.values() for word in words)
"""The words normalizing writes for them ("afternoon" for "arvo"): real words, never slips."""


def expand_word(word: str) -> tuple[str, ...]:
    """The words normalizing makes of one word: a contraction expanded, a filler dropped."""
    return tuple(token for token in _expand(word) if token not in FILLER_WORDS)


def normalize_tokens(text: str, *, keep_slots: bool = False) -> list[str]:
    """Lowercase, strip punctuation, expand contractions and drop filler words."""
    lowered = text.replace("\u2019", "'").replace("\u2018", "'")
    if not keep_slots:
        lowered = lowered.lower()
    lowered = _ABBREVIATION.sub(
        lambda m: m.group(0).replace(".", "").replace(" ", "") + " ", lowered
    )
    lowered = _DIGIT_GROUP_COMMA.sub("", lowered)
    lowered = _AGREEING_NOISE.sub("uhhuh", lowered)
    lowered = _S_BEFORE_VERB.sub(r"\1 is ", lowered)
    pattern = _TOKEN if keep_slots else _PLAIN_TOKEN
    tokens: list[str] = []
    for raw in pattern.findall(lowered):
        if keep_slots and is_slot_token(raw):
            tokens.append(raw)
            continue
        tokens.extend(word for word in _expand(raw.lower()) if word not in FILLER_WORDS)
    while len(tokens) > 1 and tokens[0] in LEADING_FILLERS:
        del tokens[0]
    # "he's been", "she's got": the 's is "has".
    for index in range(len(tokens) - 1):
        if tokens[index] == "is" and tokens[index + 1] in ("been", "got"):
            tokens[index] = "has"
    _local_pronouns(tokens)
    if len(tokens) > 2 and tokens[0] == "been" and tokens[1] != "there":
        tokens[:0] = ["i", "have"]  # the subject left out: "been going to counselling a while"
    return tokens


PADDING_WORDS = frozenset(
    {
        "really",
        "so",
        "super",
        "just",
        "totally",
        "literally",
        "basically",
        "honestly",
        "seriously",
        "actually",
        "truly",
        "very",
        "pretty",
        "quite",
        "even",
        "lately",
        "recently",
        "kinda",
        "sorta",
        "like",
        "yeah",
        "okay",
        "well",
        "oh",
        "hey",
        "gosh",
        "omg",
        "wow",
        "dude",
        "lol",
        "ugh",
        "tbh",
        "anyway",
        "eh",
        "mate",
        "yaar",
        "bud",
        "buddy",
        "wait",
        "sorry",
        "though",
        "only",
        "itself",
        "ji",
        # Intensifiers of the other markets: "proper jealous", "dead insecure", "heaps jealous".
        "proper",
        "dead",
        "heaps",
        "bloody",
        "real",
        # Softeners of the other markets: "a cheeky tip", "a wee tip".
        "cheeky",
        "wee",
        "lil",
    }
)
"""Words people pad a request with; the resolver also tries the utterance without them."""
_PADDING_PHRASES: tuple[tuple[str, ...], ...] = (
    ("right", "now"),
    ("you", "know"),
    ("i", "mean"),
    ("kind", "of"),
    ("sort", "of"),
    ("all", "the", "time"),
    ("at", "the", "moment"),
    ("for", "a", "while"),
    ("i", "was", "wondering", "if"),
    ("i", "was", "wondering"),
    ("to", "be", "honest"),
    ("hold", "on"),
    ("for", "today"),
    ("for", "now"),
    ("for", "tonight"),
    ("too", "much"),
    ("so", "much"),
    ("very", "much"),
    ("a", "lot"),
    ("do", "the", "needful"),  # Indian English: "forget my details, do the needful"
)


_KNOWN_WHAT = frozenset({"what", "everything", "anything", "all", "whatever", "that", "how"})
"""Words after which "you know" is what is known, no padding ("erase what you know about me")."""


def unpadded_positions(tokens: Sequence[str]) -> list[int]:
    """The positions of the words that are not padding; all of them if nothing else is left."""
    words = list(tokens)
    kept: list[int] = []
    index = 0
    while index < len(words):
        for phrase in _PADDING_PHRASES:
            if tuple(words[index : index + len(phrase)]) == phrase and not (
                phrase == ("you", "know") and index and words[index - 1] in _KNOWN_WHAT
            ):
                index += len(phrase)
                break
        else:
            if words[index] not in PADDING_WORDS:
                kept.append(index)
            index += 1
    return kept or list(range(len(words)))


def unpad(tokens: Sequence[str]) -> list[str]:
    """The words without padding ("like", "you know", "right now"); unchanged if nothing else
    is left."""
    return [tokens[index] for index in unpadded_positions(tokens)]


def normalize(text: str) -> str:
    """The normalized form of an utterance, as one space-separated string."""
    return " ".join(normalize_tokens(text))


def loosen(tokens: Sequence[str]) -> list[str]:
    """Drop the words the looser matching pass ignores."""
    return [token for token in tokens if token not in LOOSE_WORDS]


_IRREGULAR_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def _cardinal(word: str) -> str:
    """The cardinal word or digits for an ordinal ("fourth", "twentieth", "4th"); else the word."""
    digits = _DIGIT_ORDINAL.fullmatch(word)
    if digits is not None:
        return digits.group(1)
    if word in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[word]
    if word.endswith("ieth") and word[:-4] + "y" in TENS:
        return word[:-4] + "y"
    if word.endswith("th") and (word[:-2] in UNITS or word[:-2] in SCALES):
        return word[:-2]
    return word


def parse_number(text: str) -> int | None:
    """Parse a whole number in digits or words, cardinal or ordinal ("fourth"), else None."""
    words = text.split()
    if words:
        # Only the last word of an ordinal is ordinal: "twenty first".
        words[-1] = _cardinal(words[-1])
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    total = 0
    current = 0
    last: str | None = None
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word == "a" and last is None and following in SCALES:
            current, last = 1, "unit"
        elif word in UNITS and UNITS[word] < 10:
            if last not in (None, "tens", "scale", "and") or (word == "zero" and len(words) > 1):
                return None
            current += UNITS[word]
            last = "unit"
        elif word in UNITS or word in TENS:
            if last not in (None, "scale", "and"):
                return None
            current += UNITS.get(word, TENS.get(word, 0))
            last = "teen" if word in UNITS else "tens"
        elif word == "hundred":
            if last not in ("unit", "teen") or current % 100 == 0 or current >= 100:
                return None
            current *= 100
            last = "scale"
        elif word in SCALES:
            if last not in ("unit", "teen", "tens", "scale") or current == 0:
                return None
            total += current * SCALES[word]
            current = 0
            last = "scale"
        elif word == "and":
            if last != "scale" or following is None:
                return None
            last = "and"
        else:
            return None
    if last in (None, "and"):
        return None
    return total + current
