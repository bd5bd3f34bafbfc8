"""The safety check: a high-recall look for someone saying they are being hurt or threatened.

It runs before every other tier and wins over all of them, because a missed safety message costs
far more than an extra one (the safety reply ends with a gentle way back to trust topics). It
works on normalized words (and on typo-corrected readings of them) and looks for KINDS of
phrasings anywhere in the utterance, not for sentences:

- a person ("my husband", "the bloke", "he", "the person i live with") followed, a few words
  later, by a harm verb in any form (hit, hits, hitting, hitted, has been hitting ...) aimed at
  the speaker or their family ("me", "us", "my son", "the kids");
- the same harm said in the passive ("i got hit", "i was choked by my ex");
- words that are enough on their own (abusive, violence, raped, strangled, unsafe, eggshells);
- fear of a person ("scared of my husband", "afraid of what he'd do", "afraid to go home");
- control (won't let me see / leave / work, not allowed to, takes my money / phone / passport,
  isolates me, locks me in, tracks / follows / stalks me);
- threats (to kill, to hurt, to take the kids, a weapon, "if i leave ... he'll");
- sexual coercion (forces me into sex, does things when i say no, against my will);
- injuries (bruises, a black eye, broke my arm, ended up in hospital because of him).

Figures of speech that use the same words are masked first, each as narrowly as it can be said:
"hit me with a tip", "she beat me at chess", "he kills me with his jokes", "hurt my feelings",
"my ex hurt me emotionally" (a hurt in the past, tied to trust), "a bit jealous". Emotional hurt
in the present ("he hurts me emotionally") stays safety: when in doubt, it is safety.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from interaction_model.common_words import COMMON_WORDS as _REAL_WORDS
from interaction_model.fuzzy import edit_distance
from interaction_model.text import normalize_tokens


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text, as a set."""
    return frozenset(text.split())


def _forms(stem: str) -> set[str]:
    """A verb's regular forms and the usual misspelt ones: hit, hits, hitting, hitted, hittin."""
    if stem.endswith("e"):
        return {stem, stem + "s", stem + "d", stem[:-1] + "ing", stem[:-1] + "in"}
    third = stem + "es" if stem.endswith(("s", "sh", "ch", "x", "z")) else stem + "s"
    found = {stem, third, stem + "ed", stem + "ing", stem + "in"}
    short = 3 <= len(stem) <= 4 and stem[-3] not in "aeiou"
    if short and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou":
        double = stem + stem[-1]
        found |= {double + "ed", double + "ing", double + "in"}
    return found


_HARM_VERBS: dict[str, tuple[str, ...]] = {
    # stem: irregular forms. Every stem also gets its regular forms (_forms).
    "hit": ("hitted",),
    "punch": (),
    "kick": (),
    "slap": (),
    "smack": (),
    "shove": (),
    "push": (),
    "grab": (),
    "slam": (),
    "throw": ("threw", "thrown", "throwed"),
    "chuck": (),
    "hurl": (),
    "choke": (),
    "strangle": (),
    "throttle": (),
    "suffocate": (),
    "smother": (),
    "drown": (),
    "beat": ("beaten", "beated", "beatin"),
    "hurt": ("hurted",),
    "harm": (),
    "attack": (),
    "bite": ("bit", "bitten"),
    "burn": ("burnt",),
    "injure": (),
    "abuse": (),
    "threaten": ("threatend", "threatned"),
    "rape": (),
    "assault": (),
    "molest": (),
    "grope": (),
    "force": (),
    "stab": (),
    "cut": (),
    "kill": (),
    "shoot": ("shot",),
    "poison": (),
    "spit": ("spat",),
    "drag": (),
    "pin": (),
    "lock": (),
    "trap": (),
    "tie": (),
    "shake": ("shook", "shaken"),
    "pull": (),
    "scratch": (),
    "pinch": (),
    "squeeze": (),
    "trip": (),
    "stomp": (),
    "elbow": (),
    "headbutt": (),
    "manhandle": (),
    "strike": ("struck",),
    "whip": (),
    "torture": (),
    "harass": (),
    "stalk": (),
    "bruise": (),
    "isolate": (),
    "intimidate": (),
    # Regional words for hitting (UK, Australia, Canada, India).
    "bash": (),
    "belt": (),
    "thump": (),
    "wallop": (),
    "clobber": (),
    "whack": (),
    "deck": (),
    "batter": (),
    "thrash": (),
    "knock": (),
    "wham": (),
    "twist": (),
    "knee": ("kneed",),
    "lamp": (),
    "clock": (),
    "backhand": (),
    "flog": (),
    "slug": (),
    "sock": (),
    "jab": (),
    "poke": (),
    "bang": (),
    "swing": ("swung",),
    "biff": (),
    "dong": (),
    "clout": (),
    "pummel": (),
    "smash": (),
    # Abuse said as a verb: he bullies me, she torments me, he terrorises us.
    "bully": ("bullies", "bullied", "bullying"),
    "terrorize": (),
    "terrorise": (),
    "menace": (),
    "mistreat": (),
    "maltreat": (),
    "torment": (),
    "brutalize": (),
    "brutalise": (),
    "violate": (),
    "boot": (),
    "scald": (),
    "wrestle": (),
    "punish": (),
    "humiliate": (),
    "degrade": (),
    "belittle": (),
    "gaslight": ("gaslit",),
    # Fire: "he said he'd torch my car".
    "torch": (),
    "starve": (),
    "stamp": (),
    "slit": (),
    "firebomb": (),
    # Fear and control said as a verb: "he keeps scaring the kids", "she controls us".
    "scare": (),
    "frighten": (),
    "terrify": ("terrifies", "terrified", "terrifying"),
    "control": ("controlled", "controlling", "controlls"),
}
HARM_LEMMAS: dict[str, str] = {
    form: stem for stem, irregular in _HARM_VERBS.items() for form in (*_forms(stem), *irregular)
}
"""Every form of every harm verb, to its stem."""


PERSONS = _words(
    """
    partner partners husband hubby husbands wife wives wifey boyfriend boyfriends girlfriend
    girlfriends bf gf fiance fiancee fiancé fiancée fiances spouse spouses ex exes exs he she they
    him them someone
    somebody man guy bloke fella fellow missus misses mister woman lover significant other half
    daddy dad dads father fathers stepdad stepfather mama mom moms mum mums mother mothers stepmom
    stepmum stepmother brother
    sister son roommate flatmate housemate hubbie boyf devar wyf parent parents person people
    defacto
    de facto laws law girl friend
    inlaws pati saas sasur family relatives rellies uncle aunt cousin bae babe baby
    daughter daughters stepson stepdaughter grandson granddaughter grandkids nephew niece carer
    caregiver jeth jethani devrani nanad bhabhi mil fil sil bil fianc missus wifie hubs lady indoors
    """
)
"""Who might be hurting the speaker."""
CHILDREN = _words(
    "kids kid children child baby babies son sons daughter daughters boy girl toddler"
)
"""The speaker's children: harm aimed at them is harm aimed at the speaker."""
PETS = _words("dog dogs cat cats pet pets puppy kitten")
"""Harm to a pet is a threat to the speaker."""
SPOUSES = _words("wife husband partner girlfriend boyfriend woman women spouse")
"""Harm aimed at a spouse: "is it normal for a husband to slap his wife"."""
TARGETS = frozenset({"me", "mi", "us", "my", "our", "mine", *CHILDREN, *PETS, *SPOUSES})
"""Words after a harm word that say it is aimed at the speaker or their family."""
STRONG = _words(
    """
    abuse abuses abusive abuser abused abusing violent violence choked choking strangled
    strangling strangle strangles throttled raped rape rapes raping rapist assaulted beaten
    battered molested molesting molests groped blackmail blackmails blackmailed blackmailing
    unsafe intimidates intimidated intimidating intimidation eggshells stalker stalking stalked
    stalks dowry tortured torturing torture tortures manhandles manhandled manhandling harassing
    harassed harasses beatings glassed abusif abusiv abussive abusiveness voilent violant vilent
    voilence violance dv ipv dfv
    """
)
"""Words that are enough on their own (dv, ipv, dfv: domestic, partner, family violence)."""

_FEAR = (
    r"(?:scared|scarred|afraid|frightened|terrified|fearful|fear|feared|petrified|scaredd|"
    r"frighten|afrade|terrfied|fearing|bricking it|shitting myself|shit scared|crapping myself)"
)
_WORRY = rf"(?:{_FEAR}|worried|worry|nervous|anxious|concerned)"
_PERSON = r"(?:" + "|".join(sorted(PERSONS, key=len, reverse=True)) + r")s?"
"""A person, or their possessive with the apostrophe dropped ("my fella's been ...")."""
_OWNER = r"(?:my|the|this|our|that|their|his|her|your|a)"
_WHO = rf"(?:him|her|them|{_OWNER} (?:\w+ )?{_PERSON})\b(?! \w+ing\b)"
_KIDS = r"(?:kids?|children|child|baby|son|daughter|babies)"
_DO = r"(?:will|would|might|could|can|is going to|was going to|is gonna|may)"
_LET_NOT = (
    r"(?:will not|would not|does not|do not|did not|never|not|refuses to|refused to|no longer)"
    r" (?:even )?let(?:s|ting)? me"
)
_ACTIVITY = (
    r"(?:leave|go|see|meet|talk|speak|call|ring|phone|text|visit|have|use|work|drive|eat|sleep|"
    r"out|wear|study|get|keep|spend|buy|touch|open|access|contact|move|take|do anything|in|be|"
    r"near|anywhere|have|join|attend|pray|shower|breathe|apply|sign|vote|renew|file|register|"
    r"enrol|enroll|learn|worship|dress|cut|wash|rest)"
)
_BODY = (
    r"(?:arm|arms|nose|rib|ribs|jaw|wrist|wrists|hand|hands|leg|legs|finger|fingers|tooth|teeth|"
    r"lip|lips|head|skull|collarbone|bone|bones|cheekbone|eye socket|ankle|shoulder|neck|back|"
    r"face|eye|eyes|cheek|mouth|stomach|chest|throat|ear|ears|eyebrow|eyebrows|brow|forehead|scalp|"
    r"chin|temple)"
)
_BELONGINGS = (
    r"(?:paychecks?|paycheques?|pay|salary|wages|savings|money|cards?|bank card|credit card|"
    r"debit card|keys|car keys|phone|mobile|cell|passport|documents|papers|id|wallet|purse|car|"
    r"pension|benefits|allowance|jewellery|jewelry|gold|stridhan|atm card|ration card|wheelchair|"
    r"walker|cane|crutches|hearing aids?|glasses|mobility scooter)"
)

_NOT_TO_READ = r"(?! (?:to|and|so (?:he|she|they) can) (?:read|check|look|see|go through|scroll))"
"""After a belonging taken: taking a phone to read it is phone checking, not control."""
_PHONES = frozenset({"phone", "mobile", "cell", "laptop", "tablet", "ipad"})

_IDIOMS = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            # "hit me with a tip", "hit me with another one", "hit me up": asking for something.
            r"\bhit (?:me|us) with (?:a|an|another|one|some|your|the|that|something) (?:\w+ )?"
            r"(?:tip|tips|one|strategy|strategies|idea|fact|quote|suggestion|advice|thought|"
            r"exercise|step|something|more|good|else|new|random|wisdom|news|bombshell|truth|"
            r"questions?|guilt trip|announcement|revelation|confession|accusations?|ultimatum)\b",
            # Betrayal and blame said with harm words: "stabbed me in the back by telling her
            # friends", "threw me under the bus", "slapped me with a guilt trip".
            r"\bstab(?:s|bed|bing)? (?:me|us) in the back(?= by \w+ing\b| with (?:his|her|their) "
            r"(?:lies|words|secrets|comments)\b| when (?:he|she|they) (?:told|lied|cheated|went|"
            r"slept|posted|shared)\b)",
            r"\bthr(?:ew|ow|ows|owing|own) (?:me|us) under the bus\b",
            r"\bslap(?:s|ped|ping)? (?:me|us) with (?:a|an|the|another) (?:\w+ )?(?:guilt trip|"
            r"lawsuit|fine|bill|ticket|ultimatum|label|accusation|divorce papers)\b",
            r"\b(?:trapped|stuck|imprisoned|paralyzed|paralysed) by (?:my|our|this|the|all) "
            r"(?:own )?(?:thoughts|overthinking|anxiety|jealousy|insecurit(?:y|ies)|fears?|worries|"
            r"worry|doubts?|guilt|past)\b",
            r"\bhit(?:s|ting|tin)? (?:me|us|him|her|them) up\b",
            r"\bkick(?:s|ed|ing)? (?:him|her|them) out\b",
            r"\bhit(?:s|ting|tin)? on\b",
            # Choking on food or under pressure; a success; a threat to leave or cancel; made to
            # watch a film; the car taken to work (safety_kinds' traps, by kind).
            r"\bchok(?:e|es|ed|ing) (?:up\b|on (?:my|his|her|the|a|some|our) (?:\w+ )?"
            r"(?:coffee|food|drink|water|tea|words|tears|sandwich|dinner|lunch|breakfast|bone|"
            r"pill|gum|popcorn|wine|beer|laugh|laughter|spit|cake|toast)\b|(?:during|at|in|under) "
            r"(?:the |her |his |my |a |our )?(?:\w+ )?(?:presentation|exam|interview|game|match|"
            r"final|finals|test|pressure|speech|audition|race|moment|meeting|penalty|recital)\b)",
            r"\b(?:a|an|such a|huge|big|real|massive|smash) hit (?:with|at|among|in)\b",
            r"\bthreat(?:en|ens|ened|ening) to (?:leave|dump|divorce|break up with|end it|"
            r"end things|cancel|unsubscribe|quit|move out|stop talking to|go back to (?:her|his) "
            r"(?:mum|mom|parents))(?: (?:me|us|him|her|our \w+|my \w+|the \w+|netflix|spotify|"
            r"it))?(?= (?:every|whenever|when|each|all|over|because|if (?:i|we) (?:do not|dont|"
            r"forget|keep|argue|fight|are late|am late))\b| ?$)",
            r"\bforc(?:e|es|ed|ing) (?:me|us) to (?:admit|confess|come clean|own up)\b",
            r"\bforc(?:e|es|ed|ing) (?:me|us) to (?:watch|sit through|listen to|binge) "
            r"(?:\w+ ){0,4}?(?:film|films|movie|movies|show|shows|series|musical|episode|episodes|"
            r"match|game|anime|documentary|playlist|album)\b",
            r"\b(?:took|takes|take|taking|borrowed|borrows) (?:my|the|our) car (?:to|for) "
            r"(?:work|the (?:shop|garage|mechanic|car wash|office|store|gym|airport|station)|a "
            r"(?:service|drive|spin|wash|test drive))\b",
            r"^hit (?:me|us)$",
            # Games and races: "she beat me at chess", "he beats me to the punchline".
            # Only a game or a race ("she beat me in the kitchen" is not one).
            r"\bbeat(?:s|en)? (?:me|us|him|her|them) (?:(?:at|in) (?:a |an |the |every |our |his "
            r"|her |my |that |this )?(?:\w+ )?(?:game|games|match|race|round|argument|arguments|"
            r"debate|quiz|contest|competition|final|set|tournament|chess|cards|poker|tennis|golf|"
            r"scrabble|monopoly|darts|pool|cricket|football|footy|rugby|squash|badminton|checkers|"
            r"video games|mario kart|arguing|running|swimming|racing|bowling|skiing|cycling|"
            r"climbing|cooking|baking|dancing|singing|drawing|spelling|typing|texting|everything|"
            r"anything|it)|to it|to the (?:punch(?:line)?|finish|door|bathroom|shower|car))\b",
            r"\bbeats me (?:why|how|what)\b",
            # "he kills me with his jokes", "this relationship is killing me", "you're killing me".
            r"\bkill(?:s|ed|ing)? (?:me|us) with (?:all )?(?:his|her|their|your|the|these|those) "
            r"(?:\w+ )?"
            r"(?:jokes?|humou?r|puns?|stories|kindness|cooking|smile|looks|laugh|sarcasm|"
            r"treatment|silence|questions|attitude|moods?|nagging|criticism|guilt trips?|texts|"
            r"calls|signals|jealousy|lies|excuses|accusations|comments|drama|shoulder|"
            r"interrogations?|suspicion|sulking)\b",
            # Smothered with worry, attacked with questions: words and care, not hands.
            r"\b(?:attack|smother|suffocate|drown|bombard|overwhelm|shower|choke)"
            r"(?:s|es|ed|d|ing)? (?:me|us) with (?:all (?:of )?)?(?:(?:his|her|their|the|these|"
            r"those|so many|so much|constant|endless|nonstop) )?(?:\w+ )?(?:questions|"
            r"accusations|texts|messages|calls|worry|worrying|worries|love|attention|affection|kindness|criticism|demands|"
            r"requests|jealousy|suspicion|compliments|gifts|care|concern|guilt|neediness|"
            r"insecurities|doubts|plans)\b",
            r"\b(?:jokes?|puns?|humou?r|laugh|stories|cooking|smile|looks?|voice|outfits?|moves) "
            r"(?:\w+ )?(?:kill|kills|killed|killing) (?:me|us)\b",
            r"\b(?:this|that|it|work|job|back|head|feet|kids|relationship|jealousy|waiting|stress|"
            r"anxiety|guilt|silence|distance|suspense|not knowing|you|lying|overthinking) "
            r"(?:is|are|keeps|keep|has been|have been|was) killing (?:me|us)\b",
            # Emotional hurt tied to trust: hurt feelings, a broken heart, a hurt in the past.
            r"\bhurt(?:s|ing)? (?:my|his|her|their|our|your) (?:feelings|pride|trust|heart|ego|"
            r"confidence|self esteem)\b",
            r"\bhurt (?:me|us) (?:so |very |really |a lot |deeply |badly |bad |so much )*"
            r"(?:emotionally|when (?:he|she|they) (?:cheated|lied|left)|by (?:cheating|lying|"
            r"leaving))\b",
            r"\b(?:got|been|was|were|gets|get) hurt (?:so |badly |really )*(?:by|in) (?:his|her"
            r"|their) "
            r"(?:\w+ )?(?:ex|exes|last|previous|past|former|first)\b",
            r"\b(?:was|got|been|were) hurt (?:in|during|after) (?:my|a|his|her|their|our) "
            r"(?:\w+ )?(?:relationship|marriage)\b",
            # "a bit jealous", "a little bit", "bit of": not the verb "bit".
            r"\b(?:a|little|tiny|wee|one|bit by|quite a|every) bit\b",
            r"\bbit (?:of|more|less|much|too|better|worse|jealous|distant|insecure)\b",
            # "pushes me away" (withdrawal), "pushes my buttons", "pushing me to commit".
            r"\bpush(?:es|ed|ing)? (?:me|us) away\b",
            r"\bpush(?:es|ed|ing)? (?:all (?:of )?|every (?:single )?one of |each of |every "
            r"|all the )?(?:my|our|the right|the wrong) buttons\b",
            # Trust abused, words that cut deep, punished for someone else's past (not harm):
            # "he keeps abusing my trust", "what she said cut me to the core", "i'm being
            # punished for what her ex did".
            r"\babus(?:e|es|ed|ing) (?:my|our|his|her|their|your) (?:trust|confidence|faith|"
            r"kindness|generosity|good nature|patience|love|loyalty)\b",
            r"\b(?:it|that|this|which|words?|lies?|lying|cheating|comments?|remarks?|betrayal|"
            r"affair|said|did|texts?|message) (?:(?!(?:he|she|they|him|them|then)\b)\w+ ){0,4}?"
            r"cuts? (?:me|us) (?:so |really |very |pretty |real )?(?:deep|deeply|to the (?:core|"
            r"quick|bone)|like a knife)\b",
            r"\b(?:being|getting|been|get|gets|got|was|am) punished for (?:what |the things |"
            r"everything |the stuff |all )?(?:his|her|their|someone else s|somebody else s) "
            r"(?:\w+ )?(?:ex|exes|past|last|previous|former|first|old|mistakes?|baggage|dad|mom|"
            r"father|mother|parents)\b",
            r"\bpush(?:es|ed|ing)? (?:me|us) to (?!the |a |my |his |her |him |their )\w+",
            r"\bpush(?:es|ed|ing)? (?:me|us) into (?:\w+ing|marriage|commitment|a relationship)\b",
            r"\bgive (?:my|your|his|her) head a shake\b",
            # "kick off the exercise", "kick things off", "punch line".
            # (Not "he kicks off if i go out": in the UK that is a rage.)
            r"\bkick(?:s|ed|ing)? (?:it|things|this|us) off\b",
            r"(?<!\ba )\bkick(?:s|ed|ing)? off (?:the|with|our|a|an|this|today|tonight|now)\b",
            r"\blet us kick off\b",
            # "cut me off mid sentence", "cut me some slack", "pull my leg", "tie me down",
            # "trips me up", "threw me off", "shook my hand", "jumped the gun", "a bruised ego".
            r"\bcut(?:s|ting)? (?:me|us) off\b(?! from)",
            r"\bcut (?:me|us) some slack\b",
            r"\bpull(?:s|ed|ing)? (?:my|our) legs?\b",
            r"\bt(?:ie|ies|ied|ying) (?:me|us) down\b(?! (?:to|with|on|and|so|until|while))",
            r"\btrip(?:s|ped|ping)? (?:me|us) up\b",
            r"\bthr(?:ew|ows|own|ow) (?:me|us) off\b(?! (?:the|a|an|his|her|my|our|of)\b)",
            r"\bsh(?:ook|akes|ake) (?:my|his|her|their) hands?\b",
            r"\bjump(?:s|ed|ing)? the gun\b",
            r"\bbruised (?:ego|pride|feelings)\b",
            # "i got burned in my last relationship": burned said of trust, not of a body.
            r"\b(?:got|been|get|gets|getting|was|were) burn(?:ed|t)\b(?! (?:with|on (?:my|the)|by "
            r"(?:him|her|them|my (?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|bf"
            r"|gf))))",
            r"\bpunch ?line\b",
            r"\bknock knock\b",
            # Moving a plan in time: "push our dinner reservation back an hour".
            r"\bpush(?:es|ed|ing)? (?:our|my|the|his|her|their|this|that|it) (?:\w+ ){0,2}?"
            r"(?:dinner|reservations?|meetings?|appointments?|dates?|plans?|trip|holiday|vacation|"
            r"wedding|deadlines?|booking|flights?|session|call|reminders?|check in|exercise|"
            r"anniversary|party|schedule|talk|conversation|bedtime|lunch|breakfast|move)\b",
            r"\bpush(?:es|ed|ing)? (?:it|that|this|things|everything) (?:back|forward)\b",
            # A thing, not a person, hits: "it hit me like a truck", "the news hit me hard",
            # "it finally hit me that he lied" (not "it hit me hard": something thrown may).
            r"\b(?:it|that|this|reality|everything) (?:\w+ ){0,2}?(?:hit|hits|struck|strikes) "
            r"(?:me|us) like (?:a|an)\b",
            r"\b(?:it|then it|that|reality) (?:\w+ ){0,2}?(?:hit|hits|struck|strikes) (?:me|us) "
            r"(?:that|how|what)\b",
            r"\b(?:the news|the truth|the realization|the realisation|his words|her words|what "
            r"(?:he|she|they) said|the betrayal|the affair|the breakup|the lie|the lies) (?:\w+ )?"
            r"(?:hit|hits|struck|strikes) (?:me|us)\b",
            # A hurt in childhood or in the past, tied to trust: "people who got hurt as kids",
            # "i got so hurt by my ex that i cannot trust", "it really hurt me and now i cannot".
            r"\bas (?:a |little |young |small )?(?:kids?|children|child|teens?|teenagers?|boys?|"
            r"girls?|babies)\b",
            r"\b(?:got|been|was|were|get|gets) (?:so |badly |really |very |deeply |terribly )*hurt "
            r"(?:so |badly |really |a lot )*by (?:my|an|his|her|their) (?:\w+ )?(?:ex|exes|last|"
            r"previous|past|former|first)\b(?=(?: \w+){0,8} (?:trust|trusting)\b)",
            r"\b(?:ex|exes|(?:last|previous|former|first|past) (?:\w+ )?(?:boyfriend|girlfriend|"
            r"husband|wife|partner|relationship|marriage))\b(?: \w+){0,3}? hurt (?:me|us)\b"
            r"(?=(?: \w+){0,8} (?:trust|trusting)\b)",
            # Games and the gym: "she thrashed me at tennis", "got battered at cricket".
            r"\b(?:thrash|thrashed|thrashes|hammered|hammers|smashed|smashes|destroyed|destroys|"
            r"crushed|crushes|whipped|whips|trounced|slaughtered|murdered|battered|beat|beaten) "
            r"(?:(?:me|us|him|her|them) )?(?:at|in) (?:the )?(?:cricket|football|footy|rugby|tennis"
            r"|golf"
            r"|cards|chess|poker|darts|pool|quiz|pub quiz|match|game|scrabble|monopoly|squash|"
            r"badminton|ping pong|table tennis|mario kart|video games|board games)\b",
            r"\bsmash(?:es|ed|ing)? (?:the )?(?:gym|workout|workouts|exams?|goals?|targets?|"
            r"interview|presentation)\b",
            # Busy, tired, caught: "i'm slammed at work", "i'm beat", "grabbed my attention".
            r"\b(?:slammed|swamped) (?:at|with) (?:work|emails|orders|deadlines)\b",
            r"\bi am (?:so |totally |completely |dead |just |absolutely )?(?:slammed|beat)\b"
            r"(?= (?:after|from|today|tonight|so|and|but|what|tell|give|can|right now|lol)\b|$)",
            r"\bgrab(?:s|bed|bing)? (?:my|our|his|her|their) (?:attention|interest|heart)\b",
            # Feelings that choke: "strangled by my own jealousy", "my anxiety is choking me".
            r"\b(?:being |getting )?(?:strangled|choked|choking|suffocated|suffocating|smothered|"
            r"crushed|killed|eaten|consumed) (?:by|with) (?:my|our|this|the) (?:own )?(?:jealousy|"
            r"anxiety|guilt|thoughts|insecurit(?:y|ies)|fears?|worry|worries|overthinking|emotions|"
            r"feelings|debt|work|stress|doubts?)\b",
            r"\b(?:jealousy|anxiety|guilt|insecurity|fear|worry|overthinking|stress|doubt|silence|"
            r"resentment|the lies|the lying) (?:is |are |keeps |has been )?(?:choking|strangling|"
            r"suffocating|smothering|eating) (?:me|us)\b",
            r"\bcontrol(?:ling| freak) about (?:the )?(?:thermostat|remote|tv|dishwasher|kitchen|"
            r"temperature|music|playlist|budget|cleaning|dishes|laundry|schedule|holiday plans?)\b",
            r"\bfollow(?:s|ed|ing)? (?:me|us|each other) (?:on|back on) (?:twitter|instagram|insta|"
            r"tiktok|facebook|social media|snapchat|linkedin|youtube|spotify)\b",
            r"\b(?:i|we) (?:got |was |were |am |are )?locked (?:myself |ourselves )?out\b"
            r"(?!(?: \w+){0,4} by)",
            # Injuries of one's own: "i broke my arm skiing", "bruises from rugby".
            r"\bi (?:\w+ )?(?:bruised|broke|cracked|fractured|sprained|hurt|cut|burned|burnt"
            r"|twisted|"
            rf"dislocated|injured|bumped|banged) my (?:\w+ )?(?:{_BODY[3:-1]}|knee|kneed|knees|toe"
            r"|toes|"
            r"foot|feet|elbow|thumb)\b",
            r"\bbruises? (?:from|after|playing) (?:\w+ )?(?:rugby|football|footy|soccer|"
            r"hockey|training|the gym|gym|practice|weekend|boxing|sport|sports|climbing)\b",
            r"\blike a (?:child|kid|baby|toddler|little kid|little child)\b",
            # "he threw a surprise party for me", "threw me a curveball"; "trapped in a rut";
            # "afraid of being hurt if i trust him".
            r"\bthr(?:ew|ow|ows|owing|own) (?:me |us )?(?:a|an) (?:\w+ )?(?:party|surprise|bash|"
            r"curveball|curve ball|bone|lifeline|birthday|dinner|celebration|shower|welcome"
            r"|look)\b",
            r"\b(?:trapped|stuck) in (?:a|this|the|my|our) (?:\w+ )?(?:routine|rut|cycle|loop|habit"
            r"|"
            r"pattern|mindset|head|thoughts|overthinking|job)\b",
            r"\b(?:of )?(?:being|getting) hurt (?:again )?(?:if|when) i (?:trust|open|let|fall|love"
            r"|get"
            r" close)\b",
            # Fear of losing or of trusting someone: "the thought of losing him scares me".
            r"\b(?:(?:losing|lose|leaving|marrying|trusting|loving|disappointing|hurting|without|"
            r"upsetting|moving in with|committing to|opening up to) (?:him|her|them|my \w+)|(?:him|"
            r"her|them) (?:leaving|cheating|lying|finding out|moving out|going|not loving me|losing"
            r" "
            r"interest)(?: (?:me|again))?) (?:\w+ )?(?:scares|frightens|terrifies|scared|frightened"
            r"|"
            r"terrified) (?:me|us)\b",
            # Dev4's figures: "it's torture" said of a chore, "hit by a wave of guilt", a joke
            # threat of a box set.
            r"\b(?:(?:it|that|this|which)|(?!(?:living|being|staying|sleeping|going|coming)\b)\w+ing\b"
            r"(?: \w+){0,6}?) (?:is|was) (?:\w+ )?torture\b(?! (?:me|us|for me)\b)",
            r"\b(?:hit|struck) (?:by|with) (?:a |an |this |that |such a )?(?:\w+ )?(?:wave|rush|"
            r"flood|pang|surge|feeling|sense|bout) of\b",
            r"\bthreat\w* to make (?:me|us) (?:watch|listen to|sit through|binge) (?:\w+ ){0,6}?"
            r"(?:shows?|movies?|films?|series|musicals?|playlists?|songs?|albums?|tv|anime|"
            r"documentar(?:y|ies)|episodes?)\b",
            r"\b(?:it|that|this|which) (?:really |so |deeply |badly |still |just )*hurt(?:s)? "
            r"(?:me|us)\b(?! (?:physically|on|in|at)\b)",
        )
    )
)
"""Figures of speech that use harm words; masked before the families are looked for."""

_DENIED = re.compile(
    r"\b(?:never|not|no longer) (?:\w+ )?(?:ever )?(?:(?:hit|hits|hurt|hurts|harm|harmed|harms|"
    r"touched|beat|beats|beaten|pushed|pushes|shoved|slapped|slaps|punched|kicked|choked|abused|"
    r"threatened|threatens) (?:me|us|the kids|our kids|my kids|my \w+)|(?:laid|lay|lays|put|puts|"
    r"raised|raises) (?:a )?(?:hand|finger)s? on (?:me|us|the kids))(?: (?:ever|before|physically|"
    r"once|or anything|in (?:his|her|their) life|in my life))?(?= (?:but|and|so|or|though|although"
    r")\b| ?$)"
)
"""A harm denied and left there ("he has never hit me", "she would never hurt me"): masked, so
what else is said still counts ("... but he chokes me") and "he hasn't hit me again" is not it."""

_HEDGE_OF = re.compile(r"\b(?:a little bit|a (?:little |wee |tiny )?bit|a tad) of\b")
_HEDGE = re.compile(
    r"\b(?:a little bit|a (?:wee |tiny )?bit|a tad|kind of|sort of|kinda|sorta) (?=\w)"
)
"""A hedge that makes harm small ("he gets a bit rough", "stashing a bit of cash"): read without
it, so the phrase it sits in is found (and "bit" is not read as the verb)."""

_INTENSIFIED_FEAR = re.compile(
    rf"\b({_FEAR}) (?:stiff|shitless|witless|silly|sick|to death|half to death|out of my "
    r"(?:mind|wits|skin)|all the time|constantly|every day|day and night)\b"
)
"""Fear said with an intensifier ("scared stiff of him", "scared all the time of my husband"):
read as the fear word alone."""
_HOSPITAL = (
    r"(?:(?:the |a )?(?:hospital|emergency room|emergency|emerg|a and e|a e|casualty|icu|intensive "
    r"care|accident and emergency|urgent care)\b|the(?= (?:because|after|cause|again|last|twice|"
    r"yesterday|tonight|this|with)\b| ?$))"
)
"""Where an injury is treated; "the" before a reason stands for "the ER" (normalizing drops "er"
as a filler word)."""
_ANGER = (
    r"(?:freaks? out|freaked out|freaking out|flips? out|flipped out|kicks? off|kicked off|blows?"
    r" up"
    r"|blew up|explodes|exploded|loses it|lost it|goes (?:off|mental|nuts|crazy|ballistic)|went "
    r"(?:off|mental|nuts|crazy|ballistic)|screams|screamed|yells|yelled|rages|raged|snaps|snapped"
    r"|punishes me|punished me)"
)
_STALK_VERB = (
    r"(?:sits?|sat|sitting|waits?|waited|waiting|parks?|parked|parking|stands?|stood|standing|"
    r"watch(?:es|ed|ing)?|lurk(?:s|ed|ing)?|loiter(?:s|ed|ing)?|hang(?:s|ing)? (?:a)?round|hung "
    r"(?:a)?round|driv(?:es|ing|e)|drove|driven|walk(?:s|ed|ing)?|circl(?:es|ed|ing)|creep(?:s"
    r"|ing)?"
    r"|crept|turn(?:s|ed|ing)? up|show(?:s|ed|ing)? up|cruis(?:es|ed|ing))"
)
_STALK_PLACE = (
    r"(?:(?:my|our|the kids|the childrens|the children s|my kids|my mums|my moms|my parents|my "
    r"sisters|my mothers|my friends) (?:\w+ )?(?:house|home|flat|place|work|job|office|school|"
    r"college|uni|apartment|door|street|road|building|gym|unit)|(?:my|our) (?:mums|moms|parents|"
    r"mothers)|where i (?:live|work|stay|study))"
)

_PHRASES: tuple[str, ...] = (
    # safety_kinds' second batch: going nowhere without a person, refuge and police because of a
    # person, leaving safely or unnoticed, a shelter.
    r"\b(?:can not|cannot|am not able to|never get to) (?:go|leave) (?:anywhere|out)"
    r" without (?:him|her|them|(?:his|her|their) (?:permission|say so|approval|ok|okay))\b",
    r"\b(?:staying|stay|stayed|sleeping|slept|living|hiding|moved) (?:\w+ ){0,2}?(?:at|with|in|"
    r"into) (?:a |my |the )?(?:\w+ )?(?:friend|friends|mum|mom|moms|mums|parents|sister|sisters|"
    r"brother|brothers|shelter|refuge|hotel|motel|car|neighbours|neighbors|neighbour|neighbor)"
    r"(?: \w+){0,3} because of (?:him|her|them|my|what (?:he|she|they))\b",
    r"\b(?:police|cops)\b(?: \w+){0,6} because of (?:him|her|them|my|what (?:he|she|they))\b",
    r"\b(?:police|cops) (?:came|come|were called|got called|showed up|turned up|had to come)\b"
    r"(?=.*\b(?:him|her|them|he|she|they|husband|wife|partner|boyfriend|girlfriend|ex)\b)",
    r"\b(?:leave|leaving|do it|go|get out|escape|move out|run|flee)(?: (?:him|her|them|home|the "
    r"house|this house|the relationship|my (?:husband|wife|partner|boyfriend|girlfriend|marriage|"
    r"home)))?(?: (?:and|with) (?:the|my) kids)? safely\b|"
    r"\bsafety plan\b",
    r"\b(?:leave|leaving|get out|escape|move out|run away|flee|go)\b(?: \w+){0,3} without (?:him|"
    r"her|them|my \w+) (?:finding out|knowing|noticing|seeing|hearing|catching)\b",
    r"\b(?<!animal )(?<!dog )(?<!pet )(?<!cat )shelters? (?:near|close to|around|nearby) (?:me|"
    r"here|us)\b|\bshelter for (?:women|me|victims|abused|battered|mothers)\b",
    # safety_kinds' kinds: getting out said alone, fear with a time word before "of him", fear of
    # what a person will do left unsaid ("he's never hit me but i'm scared he will").
    r"\b(?:need|needs|have|has|want|got|gotta) to (?:get|break) (?:out|away|free)(?: (?:of here|"
    r"now|tonight|safely|fast|quickly|from (?:him|her|them|here)|before (?:he|she|they) \w+"
    r"(?: back| home)?))?$",
    rf"\b{_FEAR} (?:all the time|all of the time|constantly|always|so much|every day|every night|"
    rf"these days|sometimes|lately|now|right now|most days|at home) of {_WHO}",
    rf"\b{_FEAR} (?:that )?(?:he|she|they|my \w+) (?:will|might|would|could|is going to|are going"
    r" to)(?: (?:again|one day|someday|eventually|soon|next time))?$",
    # A denied harm (masked as "_") then what the person might do: "he's never hit me but he
    # said he would", "... but i think she might".
    r"\bdenied_\s+(?:but|though|although|yet|just|only)\b(?:\s+\w+){0,6}?\s+(?:he|she|they)\s+"
    r"(?:\w+\s+)?(?:(?:will|would|might|could|is going to|are going to)(?:\s+(?:one day|someday|"
    r"eventually|soon|again|do it))?(?=\s+(?:if|when|and|unless|once)\b|\s*$)|has come close|"
    r"came close|nearly|almost)",
    r"\b(?:says|said|told me|tells me|swears|swore|warned me|reckons|reckoned) (?:that )?(?:he|she|"
    r"they) (?:will|"
    r"would|is going to|are going to)(?: (?:do it|again))? (?:if|when|once|the day|unless) i\b",
    # Dev4's kinds: fear of what a person would do said apart from the fear word, threats to
    # report (immigration) or to obey, intimate images as a threat, suicide threats as control,
    # things thrown at a body part, watching said as a message, a photo of where i live, money
    # put by to get out.
    rf"\b{_WORRY}\b(?: \w+){{0,12}} what (?:he|she|they|my \w+) (?:\w+ )?{_DO} do\b"
    r"(?! (?:for|with|next|about|on|tonight|instead)\b)",
    r"\b(?:call|calls|called|calling|report|reports|reported|reporting|ring|rang|phone|phoned) "
    r"(?:the )?(?:immigration|ice|border force|home office|uscis) (?:on )?(?:me|us)\b|\b(?:get|"
    r"have) (?:me|us) deported\b",
    r"\bif i (?:do not|refuse to|will not|ever stop|stop) (?:do|doing|obey|obeying) (?:what|as|"
    r"everything) (?:he|she|they|my \w+) (?:says?|tells? me|wants?|asks?)\b",
    r"\b(?:spread|spreads|spreading|post|posts|posting|put|puts|putting|share|shares|sharing|leak|"
    r"leaks|leaking|send|sends|sending|show|shows|showing|upload|uploads|uploading) (?:\w+ ){0,2}?"
    r"(?:nudes|naked (?:pictures|photos|pics|videos?)|intimate (?:pictures|photos|pics|images|"
    r"videos?)|sex tapes?)\b",
    r"\b(?:spread|spreads|post|posts|put|puts|share|shares|leak|leaks|send|sends|show|shows|"
    r"upload|uploads) (?:the |that |those |a |our |my )?(?:videos?|tapes?|pictures|photos|pics|"
    r"recordings?) of (?:us|me)\b(?=(?: \w+){0,6} (?:if i|unless i|online|everywhere|to everyone|"
    r"on the internet)\b)",
    r"\b(?:top|tops|topped|topping) (?:himself|herself|themselves)\b|\b(?:commit|commits|"
    r"committed|committing|attempt|attempts|attempted) suicide\b|\b(?:end|ends|take|takes) "
    r"(?:his|her|their) (?:own )?life\b",
    r"\b(?:threw|throws|thrown|throwing|chucked|chucks|chucking|hurled|hurls|hurling|tossed|"
    r"tosses|lobbed|lobs|flung|flings) (?:\w+ ){0,3}at (?:me|us|(?:my|our) (?:\w+ )?(?:kids|"
    rf"children|baby|son|daughter|{_BODY[3:-1]}))\b",
    r"\b(?:said|says|told me|tells me|texted|texts|wrote|messaged|keeps saying) (?:me |us )?"
    r"(?:that )?(?:he|"
    r"she|they) (?:is|are|will be|has been|have been|is always|are always) watching\b"
    r"(?= (?:me|us|you|my|where|everything|every|always|all the time)\b| ?$)",
    r"\b(?:pic|pics|picture|pictures|photo|photos|video|videos) of (?:my|our|the kids) (?:\w+ )?"
    r"(?:house|home|flat|apartment|building|place|street|door|car|work|office|school|window|"
    r"windows)\b(?=(?: \w+){0,6} (?:watching|knows|found|see|outside|waiting|coming)\b)",
    r"\b(?:stash|stashing|stashed|sav(?:e|es|ed|ing)|hid(?:e|es|ing)?|put(?:ting)? (?:away|aside|"
    r"by)) (?:\w+ ){0,4}so (?:that )?i (?:can|could) (?:get out|escape|get away|run|leave (?:him|"
    r"her|them|my (?:\w+ )?(?:husband|wife|partner|boyfriend|girlfriend|ex|fella|bloke|missus|"
    r"hubby|man)))\b(?! of (?:debt|my job|this job|the job|town|the city|the rat race))",
    # Probe 12's kinds: a threat to every bone, "make me pay", fear after a drink, the door locked,
    # harm made small ("it was just a slap"), grip marks, contacts deleted, scary messages.
    r"\b(?:break|breaks|broke|smash|crush) (?:every|all the|all my|each) bones? in (?:my|your) "
    r"body\b|\bmake (?:me|you) pay\b",
    rf"\b(?:whenever|when|every time) (?:he|she|they|my \w+) (?:is|gets|has been) (?:drunk|"
    rf"drinking|high|angry|mad)\b(?: \w+){{0,2}} i (?:get |feel |am )?(?:\w+ )?{_FEAR}",
    r"\bi lock (?:the|my) (?:\w+ )?doors?\b(?=.*\b(?:he|she|they|him|her)\b)",
    r"\b(?:just|only) (?:a|one) (?:slap|push|shove|punch|smack|kick|hit|little push|little slap)\b"
    r"(?! (?:notification|up|button|alert|away|of a button))",
    r"\b(?:fingerprints|finger marks|handprints?|hand marks|grip marks) (?:on|all over) my\b",
    r"\b(?:swollen|bleeding|bruised|broken|sore|burned|burnt|scarred) (?:\w+ ){0,3}because of "
    r"(?:him|her|them|what (?:he|she|they) did)\b(?! (?:cheating|lying|leaving|breaking up))",
    rf"\b(?:he|she|they|{_PERSON}) (?:\w+ )?(?:deleted|deletes|deleting|blocked|blocks|blocking|"
    r"removed|removes) (?:all )?(?:of )?my (?:\w+ )?(?:contacts|friends|family|numbers)\b",
    r"\b(?:scary|threatening|abusive|violent|creepy) (?:messages|texts|emails|voicemails|letters|"
    r"calls|notes)\b",
    # A person who turns frightening: "my husband gets really scary when he drinks".
    rf"\b{_PERSON}\b(?: \w+){{0,3}} (?:gets|getting|got|becomes|became|turns|turned|can get|can be)"
    r" "
    r"(?:really |so |very |super |pretty |quite )?(?:scary|frightening|terrifying|menacing|"
    r"aggressive|dangerous|physical)\b",
    # Death threats without "kill": "he'll end me", "put me in the ground", "no one can have me".
    r"\bend me\b(?! (?:lol|haha|lmao))|\bput (?:me|you|us) in (?:the ground|a grave|an early grave"
    r"|a box)\b",
    r"\b(?:would not|will not|never) (?:live|survive) to see\b",
    r"\b(?:nobody|no one) (?:would|will|is going to) (?:miss|find|hear|notice) (?:me|you)\b",
    r"\bif (?:he|she|they|i) can not have (?:me|you)\b",
    r"\bmake (?:my|your) life (?:a )?(?:living )?hell\b",
    # Found again: "i moved and he found me", "a picture of my house".
    r"\b(?:picture|photo|pic|video)s? of (?:my|our) (?:house|home|flat|place|car|front door|door|"
    r"street|kids school)\b",
    r"\b(?:moved|changed my number|left|ran|hid)\b(?: \w+){0,4} and (?:he|she|they|my \w+) (?:still"
    r" "
    r")?(?:found|tracked|followed|finds|tracks) (?:me|us)\b(?! on\b)",
    r"\b(?:has|needs|wants|demands|have|need) to know where i am (?:every|at all|all the|24)\b",
    # Money and means taken: a car disabled, debt in my name, all my pay handed over.
    r"\b(?:disabled|disables|sabotaged|sabotages|tampered with|messed with|took the battery out of)"
    r" "
    r"(?:my|our) (?:car|tyres|tires|bike|brakes)\b",
    r"\b(?:debt|debts|loans?|credit cards?|cards|accounts?)\b(?: \w+){0,4} in my name\b",
    r"\bin (?:his|her|their) (?:own )?name and i (?:have nothing|have no|can not|do not have)\b",
    r"\b(?:have to|has to|must|made to|makes? me|made me) give (?:him|her|them) (?:all )?(?:of )?my"
    r" "
    r"(?:money|wages|salary|pay|paycheck|paycheque|earnings|pension)\b",
    rf"\b(?:he|she|they|{_PERSON}) (?:\w+ ){{0,2}}sabotag(?:e|es|ed|ing) (?:my|all my) (?:\w+ )?"
    r"(?:job|jobs|interviews?|work|career|studies|exams?|car)\b",
    # Neglect as control: left outside, made to sleep on the floor.
    r"\b(?:left|leaves|locked|locks|kept|keeps|put|puts) me (?:outside|out) (?:all night|in the "
    r"cold|in the rain|overnight|for hours)\b",
    r"\bmakes? me (?:sleep|stay|eat|sit|kneel|stand) (?:on the floor|outside|in the (?:garage|shed|"
    r"car|cold|basement|corner))\b",
    r"\b(?:refuses|refused|will not|would not|does not) (?:to )?(?:take|let|allow) me (?:to )?(?:go"
    r" "
    r")?(?:to )?(?:the |a )?(?:doctor|doctors|hospital|dentist)\b",
    # Injuries hidden or felt after: "i wear long sleeves to hide the marks".
    r"\b(?:can not|could not) (?:lift|move|walk|see|hear|breathe|open|use|bend|feel) (?:\w+ ){0,3}"
    r"(?:after|since|because of|from) (?:what (?:he|she|they)|him|her|them|my)\b",
    r"\b(?:hide|hides|hiding|cover|covers|covering|cover up) (?:up )?(?:the|my) (?:marks|scars|"
    r"cuts|burns|injuries|bruises|black eye|swelling)\b",
    r"\b(?:told|tell|telling|lied to) (?:the )?(?:doctor|doctors|nurse|people|everyone|my friends|"
    r"work|my boss|my mum|my mom|the police) (?:that )?i (?:fell|walked into|tripped|slipped|"
    r"bumped)\b|\bsay (?:that )?i walked into (?:a|the) door\b",
    # Danger now: "i can't talk long, he's coming back", "he's outside the door right now".
    r"\bcan not talk (?:long|for long|loud|louder|right now|now)\b(?=.*\b(?:he|she|they|him"
    r"|her)\b)",
    r"\b(?:he|she|they|my \w+) (?:is|are) (?:outside|at) (?:the|my|our) (?:\w+ )?(?:door|window|"
    r"house|flat|apartment|work)\b(?=.*\b(?:right now|now|again|will not leave|banging|shouting|"
    r"yelling|screaming|trying|scared|drunk)\b)",
    r"\b(?:has|got|took|with|driving) (?:the|my|our) (?:kids|children|baby|son|daughter)\b(?: \w+)"
    r"{0,6} (?:and )?(?:he|she|they) (?:is|are|was) (?:drunk|high|wasted|out of (?:his|her)"
    r" mind)\b",
    # Children kept or taken: "he won't give the kids back", "i'll never see them".
    r"\b(?:will not|would not|refuses to|does not) (?:give|bring|let me have|return) (?:me"
    r" )?(?:back "
    r")?(?:the|my|our) (?:kids|children|baby|son|daughter)(?: back)?\b",
    r"\b(?:took|has taken|taken|took off with|ran off with) (?:the|my|our) (?:kids|children|baby"
    r"|son|"
    r"daughter)\b(?=.*\b(?:will not tell|does not tell|no idea where|do not know where|hiding)\b)",
    r"\b(?:i will|i would|you will|you would|i am going to) never see (?:them|the kids|my kids|my "
    r"children|my son|my daughter|the children|my baby)\b",
    r"\btells? (?:the|my|our) (?:kids|children) (?:that )?i am (?:worthless|useless|stupid|crazy|a "
    r"whore|a bad (?:mother|mom|mum|father|dad)|nothing|to blame|evil|bad)\b",
    r"\btouch(?:es|ed|ing)? (?:my|the|our) (?:kids|children|daughter|son|baby|child|girl|boy|"
    r"stepdaughter|stepson)\b",
    # Degrading and gaslighting.
    r"\b(?:pees|peed|pisses|pissed|urinates|urinated|shits) (?:on|in) (?:me|my)\b",
    r"\b(?:manipulates|manipulated) me and (?:says|tells me|told me)\b",
    # Things of mine thrown: "he threw my phone in the pool", "grabbed the steering wheel".
    r"\b(?:threw|throws|throw|throwing|chucked|chucks|tossed|tosses) (?:all )?(?:of )?my (?:\w+ )?"
    r"(?:phone|clothes|things|stuff|belongings|laptop|bags?) (?:out|away|at|across the room|against"
    r" "
    r"the wall|off the balcony|(?:in|into) the (?:pool|river|bin|trash|street|toilet|fire|sea|lake|"
    r"canal|road))\b",
    rf"\b(?:he|she|they|{_PERSON}) (?:\w+ )?(?:grabbed|grabs|yanked|yanks|jerked) the (?:steering"
    r" )?"
    r"wheel\b|\btried to crash\b|\bcrash "
    r"the car (?:with|on purpose|into)\b",
    # Left stranded: "he left me on the side of the road".
    r"\b(?:left|leaves|dumped|abandoned|kicked|threw|throws|pushed) me (?:out )?(?:of the car )?"
    r"(?:on the side of the road|by the road|at the side of the road|in the middle of nowhere|on "
    r"the highway|on the motorway|on the freeway)\b",
    # Cut off from help: "he changed the wifi password so i can't contact anyone".
    r"\bso (?:that )?i (?:can not|could not|cannot|would not be able to) (?:contact|call|ring|"
    r"phone|text|reach|leave|escape|get out|get help|get away|see anyone|talk to anyone|tell "
    r"anyone)\b",
    r"\bhack(?:s|ed|ing)? (?:into )?(?:my|our) (?:\w+ )?(?:email|phone|accounts?|social media|"
    r"facebook|instagram|icloud|bank|laptop|computer|messages)\b",
    r"\b(?:will not|would not|refuses to|does not|never) give (?:it|them) back\b",
    r"\b(?:makes?|made|making) me ask (?:him |her |them )?(?:before|first|if i can|whether)\b",
    r"\bask (?:him |her |them )?(?:before|first before) i (?:can )?(?:eat|go|leave|spend|buy|see|"
    r"shower|sleep|use|call|talk)\b",
    r"\bchecks? (?:the |my )?(?:car )?(?:mileage|odometer)\b|\btim(?:es|ed|ing) (?:me|how long"
    r" i)\b",
    # Rages: "he goes into rages", "i never know what will set him off".
    r"\b(?:goes|went|flies|flew|fly|go|flying|going|gets|got) into (?:a |one of (?:his|her|their)"
    r" )?"
    r"(?:rage|rages|fits? of rage|fury|violent)\b",
    r"\b(?:his|her|their) (?:rages|violent temper|violent moods)\b|\b(?:violent|uncontrollable|"
    r"drunken) (?:rages?|outbursts?|temper)\b",
    r"\bnever know what (?:will |might |is going to )?(?:set|sets|trigger|triggers) (?:him|her|them"
    r"|my \w+) off\b|\bnever know (?:what|which) (?:mood|version|side)\b",
    r"\b(?:can not|could not|try to|tried to|want to) (?:leave|go|get out)\b.*\b(?:will not|would "
    r"not|does not|did not) let me\b",
    r"\b(?:feel|feels|felt|like|living|live) (?:like )?(?:a|his|her) (?:prisoner|hostage|slave|"
    r"caged animal)\b|\btreats? me like (?:a|an|his|her|their) (?:slave|servant|maid|dog|prisoner|"
    r"punching bag|property|animal|possession)\b",
    r"\b(?:where|somewhere|a place|anywhere) (?:\w+ ){0,4}(?:to be|to stay|to keep (?:me|us|the "
    r"kids|my kids)) safe\b",
    r"\b(?:help|helping) (?:me )?(?:get|getting) out\b(?! of (?:a|this|the|my) (?:rut|habit|bed|"
    r"debt|head|comfort|funk|loop))|\bget (?:out|away) safely\b",
    # No that was not heard: "i said no and he did it anyway", "he wouldn't stop".
    r"\bi said no (?:and|but) (?:he|she|they) (?:\w+ ){0,3}(?:anyway|still|kept going|did not stop|"
    r"would not stop|carried on)\b",
    r"\b(?:he|she|they) (?:would not|will not|did not) stop (?:even )?(?:when|after|though|until) "
    r"i\b|\bi did not want to (?:but|and) (?:he|she|they) (?:would not|did not|will not) stop\b",
    # Reproductive coercion.
    r"\b(?:sabotag(?:e|es|ed|ing)|tamper(?:s|ed|ing)? with|mess(?:ed|es|ing)? with|throws? away|"
    r"threw away|flush(?:ed|es)?|hid|hides|hiding|took|takes) (?:my|the|our) (?:\w+ )?(?:birth "
    r"control|contraception|contraceptives?|pills?|condoms?|coil|implant)\b",
    r"\bholes in (?:the |my |his )?condoms?\b|\b(?:will not|refuses to|does not|would not) (?:use|"
    r"wear) (?:a condom|condoms|protection)\b(?=.*\b(?:angry|mad|force|forces|makes|hit|hurt|"
    r"threat|scared|no)\b)",
    r"\b(?:get|got|make|made|getting) me pregnant (?:on purpose|against|so i can not|so i could "
    r"not)\b|\bforc(?:es|ed|ing|e) me to (?:get|stay|be) pregnant\b",
    # Weapons beyond the knife and gun.
    r"\b(?:with|holding|grabbed|picked up|swung|swinging|waving|came at me with) (?:a|an|the|his|"
    r"her) (?:hammer|machete|axe|crowbar|cricket bat|baseball bat|bat|golf club|hockey stick|"
    r"screwdriver|broken bottle|scissors|iron|brick|rock|belt|stick|rod|chair)\b"
    r"(?=.*\b(?:me|us|my|the kids|chased|chases|threatened|threatens|came|hit|hits)\b)",
    r"\b(?:chased|chases|chasing|came at|comes at|coming at|went at|goes at|swung at|swings at) "
    r"(?:me|us|my \w+|the kids) (?:\w+ ){0,2}with (?:a|an|the|his|her)\b",
    r"\b(?:lunged|lunges|lunging|charged|charges|charging) at (?:me|us)\b",
    # Fear of how a person reacts, of their temper or moods; what they would do to me.
    rf"\b{_FEAR} (?:of |about )?how (?:\w+ ){{0,2}}?{_PERSON} (?:\w+ )?(?:{_DO}|gets|get) "
    r"(?:react|respond|take it|be|when)\b",
    rf"\b{_FEAR} (?:of |about )?(?:his|her|their|my \w+s) (?:reaction|reactions|temper|anger|rage|"
    r"moods?|outbursts?|fists|drinking|violence|threats|tantrums)\b",
    rf"\b{_WORRY} (?:of |about )?what (?:\w+ ){{0,2}}?{_PERSON} (?:\w+ )?{_DO} do to (?:me|us"
    r"|my)\b",
    r"\bbecause of how (?:he|she|they|my \w+) (?:will|would|might|is going to) react\b",
    r"\b(?:because|or|otherwise|in case|so) (?:he|she|they|my \w+) (?:will|would|might|could|is "
    r"going to|does not|will not) (?:lose it|snap|explode|go off|kick off|blow up|flip out|go "
    r"mental|go crazy|go ballistic|lose (?:his|her|their) temper|get violent|get physical|hit me|"
    r"hurt me)\b",
    r"\bwhat (?:mood|state) (?:he|she|they|my \w+) (?:will be|is going to be|is|would be|is in|"
    r"will come home)\b",
    r"\b(?:dread|dreads|dreading|dreaded) (?:going|coming|getting) (?:back )?home\b",
    r"\b(?:dread|dreads|dreading|dreaded) (?:him|her|them|my (?:\w+ )?(?:husband|wife|partner|"
    r"boyfriend|girlfriend|ex|fella|bloke|missus|hubby)) (?:coming|getting|walking) (?:home|back"
    r"|in)\b",
    r"\bdread (?:the sound of )?(?:his|her|their) (?:car|key|keys|footsteps|voice)\b",
    r"\b(?:do not want to|can not|scared to|afraid to|dread|will not) (?:go|going) (?:back )?home "
    r"because of (?:him|her|them|my|what)\b",
    # Hiding and getting ready to flee: a bag packed, money hidden, sleeping in the car.
    r"\b(?:keep|kept|keeps|have|had|got) a (?:go |grab )?bag (?:packed|ready)\b",
    r"\bi (?:have to |had to |need to |must |have been |been |keep |started |am )?(?:hide|hiding|"
    r"hid|stash|stashing|stashed) (?:some |a little |a bit of |my |the |away )?(?:money|cash|"
    r"savings)\b",
    r"\b(?:sleep|sleeps|slept|sleeping) (?:\w+ )?(?:in (?:the|my) car|with (?:the|my) (?:bedroom )?"
    r"door locked)\b",
    # Injuries treated: "i ended up in the ER", "he put me in hospital", "i had to go to A&E".
    rf"\b(?:put|puts|putting|sent|sends|send|landed|lands) (?:me|us|my \w+) (?:in|to|into) "
    rf"{_HOSPITAL}",
    rf"\b(?:ended up|end up|ends up|ending up|wound up|landed) (?:\w+ )?(?:in|at) {_HOSPITAL}",
    r"\b(?:had to|have to|needed to) (?:go|get|be taken|be rushed) (?:\w+ )?(?:to|into) (?:the |a"
    r" )?"
    r"(?:a e|a and e|emergency|emerg|emergency room|casualty|accident and emergency|icu)\b",
    r"\b(?:had to|have to|needed to) (?:go|get|be taken|be rushed) (?:\w+ )?(?:to|into) the"
    r"(?= (?:because|after|cause|again|last|twice|yesterday|tonight)\b| ?$)",
    rf"\b{_HOSPITAL}(?: \w+){{0,4}} (?:because|after|cause|thanks to) (?:of )?(?:him|her|them|my"
    r"|he|she|they|what)\b",
    # Injuries said as marks: "i have injury marks from him", "scars from what he did".
    r"\b(?:injury|injuries|scars?|cuts|burns|wounds?|welts|bite marks|marks|scratches|bruises|"
    r"stitches)\b(?: \w+){0,4} (?:from|because of|thanks to|where|when) (?:him|her|them|my|what "
    r"(?:he|she|they)|when (?:he|she|they)|(?:he|she|they) (?:hit|held|burned|burnt|grabbed|"
    r"cut|bit))\b",
    r"\binjury marks\b",
    # Force on the neck, the chest: "he pressed my neck very hard", "he sat on my chest".
    r"\b(?:press|presses|pressed|pressing|squeez(?:e|es|ed|ing)|grab(?:s|bed|bing)?|grip(?:s|ped|"
    r"ping)?|held|holds?|holding|crush(?:es|ed|ing)?|clutch(?:es|ed|ing)?|wrap(?:s|ped|ping)?|"
    r"put|puts|putting) (?:\w+ ){0,3}(?:my|our|the babys|the kids) (?:neck|throat|windpipe)\b",
    r"\b(?:sat|sits|sitting|knelt|kneels|kneeling|stood|stands|standing) on (?:my|me|top of me)"
    r"(?: (?:chest|neck|throat|back|stomach|head|face|arms?|legs?))?\b",
    # Fire: "set fire to my clothes", "set the house on fire".
    r"\bset (?:fire|light) to (?:my|our|me|us|the (?:house|home|flat|car|apartment|place|bed|"
    r"room))\b",
    r"\bset (?:my|our|me|us|the (?:house|home|flat|car|apartment|place|bed)) (?:\w+ )?(?:on fire|"
    r"alight|ablaze)\b",
    # Stalking: driving past, parked across the road, hanging around the kids' school.
    rf"\b{_STALK_VERB} (?:\w+ ){{0,2}}?(?:outside|near|by|past|around|round|opposite|across "
    rf"(?:the (?:road|street) )?from|in front of|at the end of|up and down) {_STALK_PLACE}\b"
    r"(?!(?: \w+){0,3} to (?:pick|collect|drop|meet|surprise|get|give|bring|take) )",
    r"\b(?:hang(?:s|ing)?|hung|lurk(?:s|ed|ing)?|loiter(?:s|ed|ing)?) (?:a)?round"
    rf" {_STALK_PLACE}\b",
    r"\b(?:ex|exes|someone|somebody|stranger|a man|a guy)\b(?: \w+){0,6} (?:will not|would not|"
    r"does not|never|keeps?|kept|is always|always) (?:stop )?(?:calling|ringing|texting|messaging|"
    r"contacting|emailing|phoning|turning up|showing up|coming round|coming over|coming to) "
    r"(?:me|my|at|to|us)\b",
    r"\b(?:will not|would not|does not|never|can not get (?:him|her|them) to) stop (?:calling|"
    r"ringing|texting|messaging|contacting|emailing|phoning|following|harassing) (?:me|us)\b"
    r"(?=.*\b(?:blocked|block|told (?:him|her|them) to stop|new number|changed my number|"
    r"restraining|police|scared|afraid|every|all night|all day|hundreds|dozens)\b)",
    r"\b(?:calls?|called|calling|rings?|rang|ringing|texts?|texted|texting|messages?|messaged|"
    r"messaging|phones?|phoned) (?:me|us) (?:\w+ )?(?:hundreds|dozens|fifty|forty|thirty|a "
    r"hundred|\d{2,}) (?:of )?times\b",
    r"\b(?:hundreds|dozens|fifty|forty|thirty|a hundred|\d{2,}) (?:of )?(?:missed )?(?:calls|texts"
    r"|messages) (?:from (?:him|her|them|my)|a day|a night|an hour|every)\b",
    r"\b(?:new|different|another|other|fake) (?:numbers?|accounts?|profiles?) (?:to|and|so) "
    r"(?:\w+ ){0,3}(?:contact|call|text|message|reach|find|watch|follow) me\b",
    r"\bchanged my (?:phone )?number because of (?:him|her|them|my)\b",
    # Surveillance as control: sharing location on demand, proving where i am, an app or tag.
    r"\b(?:makes?|made|forces?|forced|making) me (?:to )?(?:send|take) (?:him |her |them )?(?:\w+"
    r" )?"
    r"(?:pictures|photos|videos|selfies) (?:of|from) where\b",
    r"\bprove where i (?:am|was|have been)\b",
    r"\b(?:app|apps|tracker|software|program|camera|cameras|gps|airtag|air tag|tile|device)\b"
    r"(?: \w+){0,6} (?:so|to) (?:that )?(?:he|she|they|him|her) (?:can|could) (?:see|watch|track|"
    r"know|follow|hear|read|listen)\b",
    r"\b(?:airtags?|air tags?|gps)\b(?: \w+){0,3} (?:in|on|under|inside) my\b",
    r"\b(?:checks|checked|checking|tracks|tracked|tracking|monitors|monitored|watches|watching) "
    r"(?:my|where i)(?: \w+){0,2} (?:every (?:\d+|few|five|ten|two|three|fifteen|twenty) "
    r"minutes?|every (?:single )?minute)\b",
    rf"\b{_ANGER} (?:at me )?(?:\w+ ){{0,2}}?(?:if|when|whenever|every time) i (?:turn|switch|shut)"
    r"(?: \w+){0,3} off\b",
    rf"\b{_ANGER} (?:at me )?(?:\w+ ){{0,2}}?(?:if|when|whenever|every time) i (?:do not|dont|did "
    r"not|miss|can not|cannot|forget to|fail to) (?:\w+ )?(?:pick up|answer|reply|text back|call "
    r"back|respond|check in|his call|her call|their call|calls?)\b",
    rf"\b{_ANGER} (?:at me )?(?:\w+ ){{0,2}}?(?:if|when|whenever|every time) i (?:say no|leave the "
    r"house|go out|go anywhere|try to leave|want to leave)\b",
    # Sleep taken away, shouting for hours.
    r"\b(?:keeps?|kept|keeping) me (?:up|awake) (?:all night |for hours |at night )?(?:\w+ )?"
    r"(?:yelling|screaming|shouting|arguing|interrogating|questioning|accusing)\b",
    r"\b(?:wak(?:es|e|ing)|woke) (?:me )?up (?:\w+ ){0,2}(?:to|and) (?:yell|scream|shout|hit"
    r"|interrogate"
    r"|question|accuse)",
    r"\b(?:yells|yelled|yelling|screams|screamed|screaming|shouts|shouted|shouting) at (?:me|us) "
    r"(?:all night|for hours|until|till|every night|every day|all day|constantly)\b",
    # Control said as a rule: "he says i can't see my friends".
    r"\b(?:says|said|tells me|told me|decided) (?:that )?i (?:can not|cannot|am not allowed to|may"
    r" "
    rf"not|must not|have no right to|will never) (?:\w+ )?{_ACTIVITY}\b"
    r"(?! (?:\w+ )?(?:ex|exes|him again|her again)\b)",
    # Threats without a harm word: "he told me i'd be sorry", "he said i'll regret it", "he's
    # going to make me regret it", "she'll make me pay".
    r"\b(?:make|makes|made|making) (?:me|us) (?:regret (?:it|this)|pay(?: for (?:it|this))?|"
    r"sorry)(?= (?:if|and|or|when|for|unless|because|but)\b| ?$)",
    r"\b(?:said|says|told me|tells me|warned|warns|threw it) (?:me )?(?:that )?i (?:would|will|am "
    r"going to) (?:be sorry|regret (?:it|this)|pay|pay for (?:it|this)|get what is coming|be next|"
    r"see what happens)\b",
    r"\byou (?:will|would|are going to) (?:be sorry|regret (?:it|this)|pay for (?:it|this))\b",
    r"\b(?:he|she|they) (?:will|would|is going to|was going to|are going to|is gonna) make "
    r"(?:me|us) (?:regret (?:it|this|that|the day)|sorry)\b",
    # Fear of a person, of going home, of what they would do.
    rf"\b{_FEAR} (?:to death |stiff |half to death )?of {_WHO}",
    r"\b(?:live|living|lives|lived) in (?:constant )?fear\b",
    rf"\b(?:nervous|anxious|on edge|uneasy|tense|jumpy) (?:\w+ )?(?:around|near|with) {_WHO}",
    r"\b(?:prisoner|hostage) in (?:my|our) (?:own )?(?:home|house|flat|apartment)\b",
    r"\blocked because of (?:him|her|them|my)\b",
    r"\bchain(?:s|ed)? (?:the|my) (?:door|doors)\b|\bchained me\b",
    rf"\b{_FEAR} (?:of |about )?what (?:\w+ )?{_PERSON} (?:\w+ )?"
    rf"(?:{_DO} do|did|does|is capable)\b",
    rf"\b{_FEAR} (?:to|of|about) (?:go|going|goin|get|getting|come|coming) (?:back )?"
    r"(?:home|back)\b",
    rf"\b{_FEAR} to (?:leave|be alone with|be home|be at home|be around|sleep at home)\b",
    rf"\b{_FEAR} (?:every time|whenever|when) (?:\w+ )?{_PERSON} (?:comes|gets|is|drinks|walks|"
    r"starts|raises|yells|shouts|drives|pulls up)",
    rf"\b{_FEAR} (?:to|of) (?:go to sleep|going to sleep|fall asleep|falling asleep|sleep|close my "
    r"eyes)\b(?=.*\b(?:he|she|they|him|her|my)\b)",
    rf"\b{_FEAR} (?:every time|whenever|when) i (?:hear|see) (?:his|her|their|him|my \w+)\b",
    r"\bsleep with one eye open\b",
    r"\bheart (?:races|pounds|sinks|stops|drops) (?:when|whenever|every time) (?:he|she|they|my "
    r"\w+) (?:comes home|walks in|gets home|raises|yells|shouts|is drunk|starts drinking|pulls"
    r" up)\b",
    r"\bheart (?:races|pounds|sinks|stops|drops) (?:when|whenever|every time) i hear (?:his|her|"
    r"their|the) (?:car|key|keys|door|footsteps|voice)\b",
    rf"\b{_FEAR} (?:that )?(?:he|she|they|my \w+) (?:will|would|might|is going to|could) (?:snap|"
    r"explode|lose it|lose (?:his|her|their) temper|go off|kick off|flip|blow up|get violent|get "
    r"physical|hit|hurt|kill|attack)\b",
    r"\b(?:do not|does not) (?:know|think|feel) (?:if |that |whether )?(?:i am|we are|the kids "
    r"are|my kids are|i will be|i would be) safe\b|\bam i safe\b",
    r"\bis it safe (?:for me|for us|for the kids|for my kids) to (?:stay|go home|go back|be here|"
    r"live here|leave)\b",
    r"\b(?:need|have|want) to get (?:out|away) (?:of (?:this|the|our) (?:house|home|flat|place|"
    r"apartment)|from (?:here|this house))\b(?! more| for (?:a|the) (?:holiday|vacation|weekend|"
    r"break|trip))",
    r"\bif i (?:spend|buy) (?:anything|any money|a (?:penny|cent|dollar|rupee|pound)|something)\b"
    r"(?=.*\b(?:yells|screams|hits|punishes|angry|mad|shouts|explodes)\b)|\b(?:yells|screams|hits"
    r"|punishes|explodes|shouts) (?:\w+ ){0,2}if i (?:spend|buy)\b",
    r"\bbecause (?:he|she|they|my \w+) (?:will not|does not|would not) (?:allow|permit) it\b",
    r"\bhave not seen (?:my|any) (?:\w+ )?(?:friends|family|parents|mum|mom|sister|brother|kids) "
    r"(?:in|for) (?:\w+ )?(?:years?|months?|weeks?)\b(?=.*\b(?:he|she|they|him|her)\b)",
    r"\bso i (?:have|had) no one\b|\bno one to turn to\b|\b(?:moved|took) (?:me|us) (?:far )?away "
    r"from (?:my|all my) (?:family|friends|parents)\b",
    r"\b(?:listens|listened|listening|records|recorded|recording|eavesdrops) (?:in )?(?:to|on) "
    r"(?:all )?my (?:phone )?(?:calls|conversations|phone)\b",
    r"\b(?:angry|mad|furious|rage)\b.*\b(?:throws|threw|smashes|smashed|breaks|broke) (?:it|them|"
    r"the plate|the plates|things)\b",
    r"\bhead ?butt(?:s|ed|ing)?\b",
    r"\bknows (?:things|everything|stuff) (?:\w+ ){0,3}(?:should not|could not|can not) (?:know|"
    r"have known)\b",
    rf"\b{_WORRY} (?:for|about) (?:my|our) (?:life|lives|safety|kids safety|childrens safety)\b",
    rf"\b{_FEAR} for (?:my|our|the) (?:kids|children|baby|son|daughter|family|girls|boys)\b",
    rf"\b{_FEAR} of (?:him|her|them|my \w+) (?:coming|getting|walking) (?:home|back|in)\b",
    rf"\bi am (?:so |really |very |too |just )?(?:{_FEAR}|in fear)$",
    r"\bin fear of (?:my|him|her|them)\b",
    rf"\b(?:{_PERSON}|temper|anger|rage|drinking|behaviou?r) (?:\w+ )?(?:scares|frightens|"
    rf"terrifies|intimidates|scared|frightened|terrified) (?:me|us|the kids|my)\b",
    r"\bscares? the \w+(?: \w+)? out of me\b",
    r"\bmakes? me (?:feel )?(?:scared|afraid|unsafe|terrified|frightened|small and scared)\b",
    r"\begg ?shells?\b",
    # The safety engineer's probes (2026-12-04), by kind: fear for one's life; a shelter asked
    # for; touching that is not wanted; help asked while a person is at the door; a threat to
    # call immigration; an app or tracker put on a phone; held under water; harm said as a
    # gerund ("getting hit is normal in my house"); set upon ("he jumped me"); taken along in a
    # death ("kill himself and take me with him").
    rf"\b{_FEAR} for (?:my|our) (?:life|lives)\b",
    r"\b(?:need|want|looking for|find|get) (?:a |to get to a |to go to a )?(?:shelter|refuge)\b",
    r"\btouch(?:es|ed|ing)? me (?:at night|in my sleep|while i (?:am )?(?:sleep|asleep|sleeping)|"
    r"inappropriately|down there|when i do not want|without asking|and i do not like it|even "
    r"though i)\b|\b(?:coming|comes|came|come) into my (?:room|bed|bedroom) (?:at night|when|"
    r"while)\b",
    r"\b(?:moms|mums|mothers|mom|mum|mother) (?:boyfriend|husband|partner)\b(?: \w+){0,3} "
    r"(?:touch(?:es|ed|ing)?|grop\w*|feels? me up)\b|\b(?:landlord|roommate|flatmate|housemate|"
    r"carer|caregiver|neighbou?r|coach|teacher|stepbrother|grandpa|grandad|grandfather|step dad)s? "
    r"(?:\w+ ){0,2}touch(?:es|ed|ing)? me\b",
    r"\b(?:help|help me|please)\b(?: \w+){0,3} (?:he|she|they|my \w+) (?:is|are) (?:outside|at) "
    r"(?:the|my|our) (?:door|window|house|flat|apartment|room)\b",
    r"\b(?:tell|call|ring|report me to|phone) (?:\w+ )?(?:immigration|ice|the home office|the "
    r"border)\b|\bimmigration (?:on|about) me\b|\bget me deported\b",
    r"\b(?:put|puts|installed|installs|hid|hides|planted|plants) (?:an? |some |this )?(?:app|"
    r"tracker|tracking app|spy app|spyware|software|gps|camera|airtag|device) (?:on|in|under|"
    r"inside) my\b",
    r"\b(?:held|holds|hold|holding|pushed|pushes|pushing|forced|forces) (?:me|my head|my face) "
    r"(?:under|down under|into) (?:the )?(?:water|bath|bathwater|pool|sink|toilet)\b",
    r"\b(?:getting|being|get|gets) (?:hit|beaten|slapped|punched|kicked|choked|strangled|smacked|"
    r"bashed|battered) (?:is|was|all the time|every|at home|in my house|by)\b",
    r"\b(?:jump(?:s|ed|ing)?|set upon|ambush(?:es|ed)?) (?:me|us)\b(?! (?:to|into) (?:the|a|my) "
    r"(?:conclusion|conclusions|ideas?|pool|lake))",
    r"\btake (?:me|us|the kids) with (?:him|her|them)\b",
    # Local idiom: set upon ("gets stuck into me", "lays into me"), followed ("dogging me"), a
    # refuge, Hinglish ("my pati maarta hai": my husband hits me).
    r"\b(?:gets?|got|getting|goes|went|going) stuck into (?:me|us)\b|\b(?:lays|laid|laying) into "
    r"(?:me|us)\b(?! (?:about|for|over) (?:the|my|being|not))",
    r"\bdog(?:s|ged|ging) me\b",
    r"\b(?:womens |women s |a |any )?refuges? (?:near|close to|around|nearby|in my area|i can "
    r"go)\b",
    r"\b(?:maarta|maarti|marta|marti|maarte|peetta|peetti|peeta|peeti|pitai|maara|mara|maarna) "
    r"(?:hai|hain|he|tha|thi|ki|kiya|karta|karti)\b|\bmujhe (?:maarta|marta|maarti|marti|peet)\w*",
    # Not safe, in danger.
    r"\b(?:not|never|no longer|do not|does not|did not) (?:\w+ )?(?:feel |feeling |being )?safe\b",
    r"\bin danger\b",
    r"\bdangerous\b",
    r"\bfear for my\b",
    r"\b(?:hiding|hide|hides|hid) (?:away )?(?:in|from|under|inside)\b",
    r"\block(?:s|ed|ing)? (?:myself|ourselves|me and the kids) (?:in|inside|away)\b",
    r"\bget away from (?:him|her|them|my)\b",
    rf"\b(?:escape|escaped|escaping|run away|ran away|running away|fled|flee|fleeing|get away|"
    rf"got away|getting away|hide|hiding) from (?:him|her|them|{_WHO})\b",
    r"\bfind me(?: (?:if|and|wherever|anywhere|no matter)\b|$)",
    # Control: not letting, not allowed, money and belongings, isolation, locking in.
    rf"\b{_LET_NOT} (?:\w+ )?{_ACTIVITY}\b",
    r"\bnot (?:allowing|allow|letting|permitting) me\b",
    rf"\b(?:not|never) allowed to (?:\w+ )?{_ACTIVITY}\b",
    r"\bi am not allowed\b",
    r"\bkeeps? all (?:of )?(?:the|my|our) money\b",
    r"\bcontrol(?:s|led|ling) (?:everything|every|me|my|where|who|what|how|all|the money|our money|"
    r"the finances|our finances|when)\b",
    # The plain verb after people said in the plural: "my in laws control where i go".
    r"\b(?:they|laws|parents|folks|family|both of them) (?:\w+ )?control (?:everything|every|me|"
    r"where|who|what|how|all|the money|our money|my money|my life|my phone|when)\b",
    r"\b(?:is|so|very|really|super|too) controlling\b",
    r"\bcontrolling (?:and|husband|wife|boyfriend|girlfriend|partner|man|relationship)\b",
    rf"(?<!\bi )(?<!\bwe )(?<!\byou )\b(?:take|takes|took|taken|taking|keep|keeps|kept|steal|"
    rf"steals|stole|hide|hides|hid|"
    r"hidden|grab|grabs|grabbed|snatch|snatches|snatched|snatching|smash|smashed|smashes|broke"
    r"|breaks|confiscated|"
    rf"withholds?|holds?|held) (?:away )?(?:all |whole |full |the )?(?:of )?my "
    rf"(?:\w+ )?{_BELONGINGS}\b{_NOT_TO_READ}",
    r"\b(?:(?:will not|does not|do not|never|refuses to|did not) give|(?:not|stopped|stops) giving)"
    r" me "
    r"(?:any |my |enough )?"
    r"(?:money|cash|food|keys|phone)\b",
    r"\b(?:not|never)\b.*\bmy own (?:bank account|money)\b",
    r"\bhand over my\b",
    r"\bhave to ask (?:him|her|them|my \w+) (?:for (?:money|permission|cash)|permission|before i "
    r"(?:can )?(?:spend|go|leave|see|eat|buy anything))\b",
    r"\baccount for every (?:penny|cent|dollar|rupee|pound|thing|minute|loonie|toonie|buck|quid|"
    r"fiver|paisa|euro|nickel|dime)\b|\bevery receipt\b",
    r"\bturn(?:ed|s|ing)? (?:my|all my|our) (?:\w+ )?(?:family|friends|kids|children) against me\b",
    r"\bdecides? (?:what|who|where|when|everything|how) i\b",
    r"\bor (?:else )?(?:he|she|they) (?:will )?(?:explodes?|snaps?|loses it|lose it|blows? up|goes "
    r"off|go off|kicks? off|hits? me|flips?|goes for me|go for me)\b",
    r"\bor (?:else )?(?:he|she|they) (?:will )?(?:goes?|go|gets?|get) (?:mad|mental|crazy|nuts|"
    r"ballistic|angry|violent)\b",
    r"\b(?:would|will|is going to) go (?:mental|mad|crazy|ballistic|nuts) if\b",
    r"\blocks? (?:the )?(?:fridge|food|kitchen|cupboards)\b",
    r"\b(?:takes|took|hides|hid|keeps) (?:the|my|our) (?:car )?keys\b",
    r"\bso i am (?:stuck|trapped)\b|\bstuck (?:in the house|at home"
    r"|inside) (?:\w+ ){0,3}because of\b",
    r"\b(?:take|takes|took|cancel|revoke|withdraw|taking) (?:away )?my (?:visa|green card|papers|"
    r"residency|sponsorship)\b",
    r"\bno (?:access|say) (?:to|over|in) (?:\w+ )?(?:money|bank|account|accounts|finances|phone|"
    r"car|cards|passport)\b",
    r"\b(?:will not|does not|refuses to|never|would not) give (?:me )?(?:back )?my\b",
    r"\b(?:destroy|destroys|destroyed|ruined|ruins|wrecked|wrecks|trashed|trashes) (?:all )?"
    r"(?:of )?my (?:\w+ )?(?:phone|mobile|laptop|car|clothes|stuff|things|belongings|passport|"
    r"documents)\b",
    r"\b(?:made|makes|make|forced|forces|force) me (?:to )?(?:delete|block|unfriend|cut off|stop "
    r"seeing|stop talking|quit|kneel|beg|crawl|get on my knees)\b",
    r"\b(?:took|takes|take|taken|keeps?|kept) (?:all )?(?:of )?(?:the|our) money\b",
    r"\bgives? me (?:an? )?(?:allowance|pocket money)\b",
    r"\b(?:beg|begs|begging|ask|asking) (?:him |her |them )?for (?:money|permission|food)\b",
    r"\bwithh(?:old|olds|olding|eld) (?:my )?(?:food|money|medication|medicine|meds)\b",
    r"\b(?:forbids|forbade|forbid|forbidden|bans|banned) me\b",
    r"\b(?:hides|hid|hidden|took|takes|throws? away|threw away) my (?:medication|medicine|meds|"
    r"pills|insulin|inhaler)\b",
    r"\bdeport(?:ed|ation)?\b",
    r"\bpermission to\b",
    r"\bisolat(?:es|ed|ing|e) me\b",
    r"\bcut(?:s|ting)? me off from\b",
    rf"\b{_PERSON} (?:\w+ ){{0,3}}?(?:stops|stopped|stopping|stop|keeps|kept|keep) me (?:away )?"
    rf"(?:from )?(?:leaving|going|seeing|talking|working|calling|getting|taking|visiting|eating|"
    rf"my)\b",
    r"\b(?:lock|locks|locked|locking|lockd) me\b",
    r"\bkeeps? me locked\b",
    r"\blocked (?:in|inside|out|up)\b",
    r"\btrapped\b|\btraps? (?:me|us)\b",
    r"\bblocks? the (?:door|doorway|exit|way)\b",
    r"\b(?:can not|could not) (?:get out of the (?:house|room|flat|apartment|car)|leave the "
    r"(?:house|flat|apartment|room)|escape|get away from)\b",
    r"\bout of (?:his|her|their) sight\b",
    # Surveillance: tracking, following, stalking, spying, showing up.
    r"\btrack(?:s|ed|ing)? (?:me|us|where|every|my (?:location|phone|car|movements|every|"
    r"whereabouts|mobile|cell))\b",
    r"\btrackers?\b|\bspyware\b|\bstalkerware\b",
    r"\bknows (?:where i am at all times|everywhere i)\b|\b(?:released|got out|out) (?:of|from) "
    r"(?:prison|jail)\b",
    r"\b(?:bail|parole|probation) (?:conditions|order)\b|\bbreach(?:ed|es|ing)? (?:his|her"
    r"|the) bail\b",
    rf"\b{_PERSON} (?:\w+ )?(?:will not|does not|never|would not|just will not) leave (?:me"
    rf"|us) (?:alone|be|in peace)\b",
    r"\b(?:sits|sat|waits|waited|parks|parked|stands|stood|watching|watches|waiting|lurking"
    r"|hanging "
    r"around|hangs around) (?:\w+ )?outside (?:my|our|the) (?:house|home|flat|work|door|place|"
    r"school|apartment)\b(?!(?: \w+){0,3} to (?:pick|collect|drop|meet|surprise|get|give|bring"
    r"|take)"
    r" )",
    r"\b(?:is|keeps|been|kept|was) watching (?:my|our|the) (?:house|home|flat|apartment)\b",
    r"\b(?:follow|follows|followed|following|folows) me\b",
    r"\b(?:watches|watched|watching|monitors|monitored|monitoring|spy|spies|spying|spied) "
    r"(?:on )?(?:me|us|where|everything i|my (?:every|phone|messages|location|movements|calls|"
    r"texts|emails?|social media|internet|browsing|spending|car|computer|laptop|whereabouts))\b",
    r"\b(?:app|apps|spyware|camera|cameras)\b(?: \w+){0,4} to (?:watch|track|spy|monitor|see)\b",
    r"\b(?:shows?|showed|showing|turns?|turned|turning|rocks?|rocking) up "
    r"(?:everywhere|wherever|at my|at our|at work|outside)\b",
    # Threats: to kill or hurt, the kids, weapons, "if i leave".
    r"\bthreat(?:en|ens|ened|ening|end|ned)\b|\bthreats\b",
    r"\bkill(?:ed)? (?:me|us|myself|himself|herself|themselves|the kids|my|our)\b",
    rf"\b{_PERSON} (?:\w+ ){{0,4}}?(?:take|taking|took|takes) (?:away )?(?:the|my|our) "
    rf"(?:kids|children|baby|son|daughter|child)"
    rf"(?: (?:away|from me|and (?:left|ran|run|go|disappear|leave)|(?:and|so) i (?:\w+ )?never)\b"
    rf"|$)",
    r"\btake away (?:the|my|our) (?:kids|children|baby|son|daughter|child)\b",
    r"\bnever see (?:my|the|our) (?:kids|children|baby|son|daughter)\b|\bnever see them again\b",
    r"\b(?:regret it|sorry|pay) if i (?:ever )?(?:leave|left|go|went|tell|told|call|called)\b",
    r"\bburn (?:the|our|my) (?:\w+ )?(?:house|home|flat|place|car|apartment) down\b|\bburn down\b",
    r"\bif i (?:ever )?(?:leave|left|tell anyone|told anyone|call|called|go to the police|report)"
    r"\b.*\b(?:kill|hurt|take|regret|sorry|pay|find me|never see|end|make my life|ruin|destroy|"
    r"hell|hunt|come after|make sure)\b",
    r"\bmake me disappear\b",
    r"\bif (?:he|she|they|my \w+) (?:knew|knows|found out|finds out|sees|saw|hears"
    r"|heard) (?:that )?"
    r"i (?:was |am |have been )?(?:asking|talking|telling|told|asked|called|using|calling)\b",
    rf"\b{_FEAR} (?:that )?(?:he|she|they) (?:will|would|might|could) (?:find|see|hear|catch|read) "
    rf"(?:this|me|us)\b",
    r"\bwhisper(?:ing)? because\b|\b(?:he|she) is in the next room\b",
    r"\bdo not tell (?:him|her|them|my \w+) (?:that )?i (?:asked|called|talked|said|told)\b",
    r"\b(?:will|would|going to|gonna) (?:\w+ ){0,6}?(?:tell everyone|tell (?:my|all|the|your"
    r"|people)|ruin|destroy|expose|post|"
    r"leak|take|make|find|hurt|kill|end|report|get|come after)\b.*\bif i (?:ever )?(?:leave|left|"
    r"go|tell|call|report|break up|try)\b",
    r"\b(?:hurt|harm|kill|cut|burn|hits?|hitting|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|bang(?:s"
    r"|ed|"
    r"ing)?|bit|bites|biting|scratch(?:es|ed|ing)?|stab(?:s|bed|bing)?|starv(?:es|ed|ing)|hurts|"
    r"hurting|harms|harming|kills|killing) (?:himself|herself|themselves)\b",
    r"\bwants? (?:me|us) dead\b|\bwish(?:es)? i (?:was|were) dead\b",
    # Threats that speak of death without the word kill: "nobody would find my body".
    r"\b(?:find|found|finds|bury|buried|dump|dumped|hide|hid) (?:my|our|your) (?:dead )?"
    r"bod(?:y|ies)\b",
    r"\b(?:i will|i would|i am going to|i will be|you will|you would|we will|we would) "
    r"(?:\w+ )?(?:end up|wind up|be) dead\b|\b(?:end|ends|ended|wind|winds) up dead\b",
    r"\b(?:in a|in my|in our) (?:grave|coffin|body bag)\b|\b(?:six feet under)\b",
    # Someone forcing a way in: "he's trying to break down the door", "banging on the windows".
    r"\b(?:break|breaks|breaking|broke|kick|kicks|kicking|kicked|smash|smashes|smashing|smashed|"
    r"force|forcing|forced) (?:(?:down|in) (?:the|my|our) (?:\w+ )?(?:door|doors|window|windows)|"
    r"(?:the|my|our) (?:\w+ )?(?:door|doors|window|windows) (?:down|in))\b",
    r"\b(?:bang|bangs|banging|banged|pound|pounds|pounding|pounded|bash|bashing|bashed|hammer|"
    r"hammering) (?:on|at) (?:the|my|our) (?:\w+ )?(?:door|doors|window|windows)\b",
    r"\b(?:trying|tried|try|tries) to (?:get|break|force (?:his|her|their) way) in\b",
    r"\b(?:trying|tried|try|tries) to (?:get|break|force (?:his|her|their) way) into (?:the|my|our)"
    r" "
    r"(?:house|home|flat|room|bedroom|apartment|bathroom|car|place)\b",
    # Permission for the basics of life: "he makes me ask permission for everything, even to eat".
    r"\bask(?:s|ed|ing)? (?:him |her |them |my \w+ )?(?:for )?permission\b",
    r"\b(?:broke|breaks|broken|break) into (?:my|our) (?:house|home|flat|place|apartment|car|"
    r"room)\b",
    r"\b(?:slash|slashed|slashes|slashing) (?:my|our) (?:tires|tyres)\b|\bkeyed my car\b",
    r"\b(?:restraining|protection|protective|no contact) order\b",
    r"\b(?:women s|womens|domestic violence|dv) (?:shelter|refuge)\b|\bsafe house\b",
    r"\bsomewhere safe\b|\bsafe place to (?:go|stay)\b",
    r"\b(?:call|called|calling|ring|phone) (?:the )?(?:police|cops|911|999|000|112)\b",
    r"\bor else\b",
    r"\bi am next\b",
    r"\b(?:goes|went|going) (?:off|mental|nuts|crazy|ballistic|off his head|off her head)\b"
    r".*\bif i\b",
    # Weapons only as typed: the speller must not turn "run" into "gun".
    r"\b(?:knife|knives|gun|guns|weapon|weapons|blade|acid|rifle|pistol)\b",
    r"\bnobody (?:would|will) believe me\b|\bno one (?:would|will) believe me\b",
    r"\b(?:post|posts|posted|leak|leaks|leaked|share|shares|shared|send|sends|sent|publish|"
    r"upload) (?:my|our) (?:private |intimate |naked |nude )?(?:pictures|photos|pics|videos|"
    r"nudes|images)\b",
    r"\btried to (?:\w+ )?(?:kill|drown|strangle|choke|suffocate|smother|poison|stab|shoot|run me"
    r"|hurt|push|throw|burn|hit|drive)\b",
    r"\b(?:ran|run|runs|drove) me (?:over|off the road)\b",
    # Sexual coercion and assault.
    r"\b(?:force|forces|forced|forcing|make|makes|made|making|pressure|pressures|pressured|"
    r"pressuring|coerce|coerces|coerced|coercing) me (?:in)?(?:to )?(?:\w+ ){0,5}?"
    r"(?:sex|sexual|in bed|sleep with|physical relation|relations|porn)\b",
    r"\b(?:force|forces|forced|forcing|make|makes|made|making) me (?:to )?(?:do|doing) (?:\w+ )?"
    r"(?:things|stuff)\b",
    r"\bforced (?:\w+ )?(?:to have sex|into sex|to sleep with)\b",
    r"\bforc(?:e|es|ed|ing) (?:himself|herself|themselves|it) on me\b",
    r"\b(?:when|after|even though|though|if) i (?:say|said|tell him|told him) (?:no|stop)\b",
    r"\b(?:sex|sleeps with|slept with|touches|touched|touching) (?:\w+ ){0,4}(?:when"
    r"|while) i (?:am|was) "
    r"(?:asleep|sleeping|passed out|unconscious|drunk)\b",
    r"\bwoke up (?:and|to) (?:\w+ ){0,3}(?:having sex|on top of me|touching me|inside me)\b",
    r"\b(?:filmed|films|filming|recorded|records|recording|photographed) me (?:without|naked"
    r"|in the|"
    r"having|while|undressing)\b",
    r"\b(?:shares?|shared|posts?|posted|sends?|sent|shows?|showed) (?:\w+ )?(?:videos|pictures|"
    r"photos|pics|nudes) of me\b",
    r"\b(?:brother|uncle|father|dad|stepdad|stepfather|cousin|boss|laws|friend|devar|jeth|sasur)s? "
    r"(?:\w+ ){0,2}touch(?:es|ed|ing)? me\b",
    r"\btake no for an answer\b",
    r"\b(?:without|against) my (?:consent|will)\b",
    r"\bsexual(?:ly)? (?:assault|abuse|abused|assaulted|harass)",
    r"\bthings i (?:do not|did not|never) want(?:ed)? to do\b",
    r"\bdo(?:es)? (?:\w+ )?things (?:to me )?(?:in bed )?i do not want\b",
    # Injuries.
    r"\bbruis(?:e|es|ed|ing)\b",
    r"\bblack eyes?\b",
    rf"\b(?:broke|broken|breaks|break|fractured|cracked|dislocated|split|busted|bust) "
    rf"(?:my|both my|our) (?:\w+ )?{_BODY}\b",
    rf"\b(?:broken|fractured|cracked|dislocated) {_BODY}\b",
    r"\bmarks (?:on|all over) my\b|\bleft (?:a )?marks?\b",
    r"\b(?:hospital|emergency room|emerg|er|a and e|stitches|casualty)\b.*\bbecause of "
    r"(?:him|her|them|what he|what she|my)\b",
    r"\bput me in (?:the )?(?:hospital|er)\b",
    r"\b(?:ended up|landed|was|went|been) in (?:the )?(?:hospital |emergency room |a and e |"
    r"casualty )?because of (?:him|her|them|my)\b",
    r"\bblacked out\b",
    r"\bblack and blue\b|\bstitches\b|\btip ?toe(?:s|ing)? around (?:him|her|them|my \w+)\b",
    r"\b(?:flinch(?:es|ed|ing)?|freeze|freezes|froze|freezing|cower(?:s|ed|ing)?|tremble|trembles|"
    r"shake|shaking|panic) (?:up )?(?:when|whenever|every time|if) (?:he|she|they|my \w+) "
    r"(?:raises|moves|comes|walks|lifts|yells|shouts|gets|walked|came|raised|starts|drinks)\b",
    r"\b(?:he|she|they) (?:has |have |is |was )?(?:just )?(?:been |got )?released\b",
    rf"\b{_PERSON} (?:\w+ ){{0,2}}?lash(?:es|ed|ing)? out\b",
    r"\bpour(?:s|ed|ing)? (?!(?:her|his|my|their) heart)(?:\w+ ){0,2}(?:on|over) (?:me|my (?:head|"
    r"face|hair|body|clothes|bed|laptop|phone|things|stuff))\b",
    r"\bpour(?:s|ed|ing)? (?:\w+ )?(?:water|tea|coffee|oil|acid|petrol|gas) (?:on|over) (?:me"
    r"|my)\b",
    rf"\b{_FEAR} to be (?!(?:\w+ )?(?:vulnerable|open|honest|intimate|close|emotional|affectionate"
    rf"|romantic|truthful|loving|wrong|the first)\b)(?:\w+ ){{0,4}}?(?:with|near|around|as|alone "
    rf"with) (?:him|her|them)\b",
    r"\bso (?:he|she|they) (?:will not|would not|does not|do not) (?:explode|get angry|snap"
    r"|lose it|"
    r"hit|hurt|go off|kick off)\b",
    r"\bprotect (?:me|us|my kids|the kids|my children|my mom|my mum) from (?:him|her|them"
    rf"|{_WHO})\b",
    rf"\b{_PERSON} is (?:\w+ )?(?:scary|frightening|terrifying|menacing)\b"
    r"(?! (?:good|smart|accurate|fast|talented|close|similar))",
    rf"\b{_BODY} (?:is|are|was|were|got|feels|feel) (?:\w+ )?(?:broken|cracked|fractured|"
    rf"dislocated|bleeding|swollen)\b(?! from (?:crying|tears|the dentist|allergies|an allergy|hay "
    r"fever|sleep|lack of sleep|surgery|the gym|work))",
    r"\b(?:fat|split|swollen|bloody|bleeding|busted) (?:lip|nose|eye|face)\b",
    r"\bover my (?:face|mouth|nose)\b",
    r"\b(?:took|takes|take) a swing at\b|\bswung at\b",
    r"\bwife beater\b|\bbeats? (?:his|her) wife\b",
    r"\bmisbehav(?:es|ed|ing|e) with me\b|\bhandsy\b|\btouch(?:es|ed|ing)? me "
    r"(?:inappropriately|without|when|where|down there)\b",
    r"\b(?:gave|give|gives|giving) (?:me|us) (?:a |another )?(?:right |good |proper |real )?"
    r"(?:hiding|beating|slap|smack|kicking|"
    r"thrashing|bashing|belting|whack|black eye|concussion|good hiding)\b",
    r"\b(?:lays|laid|laying|lay) into (?:me|us)\b",
    r"\brough(?:s|ed|ing)? (?:me|us) up\b",
    r"\bheadlock\b",
    r"\b(?:calls?|called|calling) me (?:names|worthless|stupid|useless|ugly|fat|a whore|a slut|"
    r"a bitch|an idiot|crazy|nothing)\b",
    r"\bputs? me down\b",
    r"\bknock(?:s|ed)? (?:me|my \w+) out\b",
    r"\bcould not breathe\b|\bcan not breathe\b",
    r"\bconcussion\b",
    # Physical contact said without a harm verb.
    r"\b(?:hands|hand|finger) on me\b",
    r"\brais(?:e|es|ed|ing) (?:his|her|their|a) hands? (?:on|at|to|against) me\b",
    r"\b(?:held|holds|hold|holding|pinned|pins|pin) me (?:down|against|up against)\b",
    r"\b(?:rough|physical|violent) with (?:me|us|my|the (?:kids|children|baby|child|dog))\b",
    r"\b(?:gets?|getting|got) (?:physical|violent|rough)\b|\b(?:gets?|getting|got) handy\b"
    r"(?! (?:with (?:tools|a|the|diy|his hands around the house)|around the house|at))",
    r"\bended up (?:on the floor|in (?:the )?hospital|bleeding|with (?:bruises|a black eye|"
    r"stitches))",
    r"\b(?:went|goes|go|going|came|comes|coming) for (?:me|us)\b"
    r"(?! (?:a|an|the|coffee|dinner|drinks?|instead|over|because|as|"
    r"lunch|walks?))",
    r"\b(?:getting|got|get|gets|given|took|taking) a (?:right |good |proper )?(?:kicking|beating|"
    r"hiding|thrashing|bashing|pasting|battering)\b"
    r"(?! (?:at|in) (?:football|rugby|footy|soccer|hockey|the game|cards|chess|poker|the match))",
    r"\b(?:he|she|they) (?:will|would|is going to|is gonna) sort (?:me|us) out\b(?! with| for)",
    r"\bdo (?:me|us) in\b|\bhandy with (?:his|her|their) (?:fists|hands)\b",
    r"\b(?:his|her|their) fists\b|\b(?:shook|shakes|raised|raises|balled|clenched) (?:his|her|"
    r"their) fists? at (?:me|us)\b",
    r"\bpunching bag\b|\b(?:to|just to) (?:scare|frighten|intimidate|terrify) (?:me|us)\b",
    r"\btakes? (?:out )?(?:his|her|their) (?:anger|rage|frustration|temper|stress) (?:out )?on "
    r"(?:me|us|the kids)\b|\btakes? it (?:all )?out on (?:me|us|the kids)\b",
    rf"\b{_FEAR} to (?:say no to {_WHO}|tell (?:him|her|them) no|break up with|end it with)",
    r"\b(?:when|every time|whenever|last time|the last time) i (?:tried|try|try and|tried and) "
    r"(?:to )?leave\b(?! (?:the|a|an|work|my job|school|early))",
    r"\b(?:possessive|controlling|jealous|angry) and (?:scary|violent|frightening|terrifying|"
    r"aggressive|dangerous)\b",
    r"\bno control over my (?:own )?life\b",
    r"\bhunt(?:s|ed|ing)? (?:me|us) down\b",
    r"\b(?:punch|punched|punches|kick|kicked|kicks|smash|smashed|smashes|broke|breaks|bashed)"
    r"(?: \w+)? (?:the )?(?:door|doors|windscreen|windshield|window|windows|wall|walls)"
    r"(?: in| down)\b|\b(?:punch|punched|smashed) the (?:windscreen|windshield|window)\b",
    r"\bfist through (?:the|a|my) (?:wall|window|door)\b",
    rf"\b{_FEAR} (?:\w+ )?(?:at|in my own) home\b",
    r"\b(?:not|never) (?:\w+ ){0,3}safe (?:with|around|near|at home|in my)\b",
    r"\b(?:is|are) (?:hitting|beating|choking|slapping|pushing|punching|kicking|violence) (?:\w+ )?"
    r"(?:normal|okay|ok|abuse|acceptable)\b",
    r"\b(?:hands|fingers) (?:around|round|on) my (?:throat|neck)\b",
    r"\bby (?:the|my) (?:throat|neck|hair)\b",
    r"\b(?:yell|yells|yelled|yelling|scream|screams|screamed|screaming|shouts?|shouted|"
    r"shouting) in my face\b|\bgets in my face\b",
    r"\b(?:yells|yelled|screams|screamed|shouts|shouted|goes off|went off|explodes|exploded|flips "
    r"out|lost it|loses it) at me (?:if|when|whenever|every time) i\b",
    r"\b(?:throw|throws|threw|throwing|smash|smashes|smashed|smashing|break|breaks|broke|"
    r"breaking) (?:\w+ ){0,2}(?:things|stuff|plates|dishes|furniture|glasses)\b(?! off)",
    r"\b(?:threw|throws|thrown|swung|swings|throwing) .*\b(?:at|against|into) (?:me|my|us)\b",
    r"\bpunch(?:ed|es|ing)? (?:a hole in |holes in )?(?:the )?walls?\b",
    r"\b(?:punch|punched|punches|kicked|kicks|kick|smashed) (?:a )?holes? (?:in|through) (?:the|a"
    r"|my|"
    r"our) (?:\w+ )?(?:door|doors|wall|walls|cupboard|fridge|window)\b",
    r"\bsmash(?:ed|es|ing)? (?:up )?(?:the|my|our|things|stuff)\b",
    r"\bclip (?:round|around|on|behind) the (?:ear|head|earhole)\b|\ba thick ear\b",
    r"\b(?:smash|smashed|smashes|threw|throws|slammed|slams) (?:it|them|things|stuff|my \w+) "
    r"(?:against|into|on|through) (?:the|a) (?:wall|walls|floor|door|window|ground|table)\b",
    r"\b(?:backed|backs|pushed) me (?:in)?to (?:a|the) corner\b|\bcorner(?:s|ed)? me\b",
    r"\bdomestic (?:violence|abuse|abusive)\b",
    r"\bbeing (?:hurt|abused|threatened|beaten|hit|stalked|controlled|followed|tracked|raped|"
    r"harassed|attacked|choked|kicked|pushed|slapped|punched|tortured|bullied)\b",
    r"\bhurting (?:me|us)\b",
    r"\bkicked (?:me|us) out\b|\bthrows? (?:me|us) out\b|\bthrew (?:me|us) out\b",
    r"\bspit(?:s|ting)? (?:on|at|in) (?:me|my)\b|\bspat (?:on|at|in) (?:me|my)\b",
)
_WORD_START = r"(?:^|(?<= ))"
"""Every phrase starts at a word (with \\b or a look-behind, tests/test_safety.py checks), so the
search tries only the starts of words: the same matches in well under half the time."""
_PATTERN = re.compile(_WORD_START + "(?:" + "|".join(f"(?:{p})" for p in _PHRASES) + ")")

_PASSIVE_SUBJECT = frozenset({"i", "me", "we", "kids", "children", "son", "daughter", "baby"})
"""Who a passive harm ("i got hit") happens to."""
_PASSIVE_AUX = _words("was were am is are get gets got getting gotten been being keep keeps kept")
_SOFT = frozenset(
    {
        "hurt",
        "harm",
        "knock",
        "pin",
        "trip",
        "cut",
        "tie",
        "force",
        "lock",
        "pull",
        "bully",
        "scare",
        "frighten",
        "terrify",
        "control",
    }
)
"""Harm stems whose passive ("i was hurt", "i got cut") needs "by" a person to count."""
_IT = frozenset({"it", "that", "this", "which", "what"})
"""Before a harm word at the end, a thing, not a person, does it: "he lies and it hurts"."""
_THROWN = frozenset({"throw", "chuck", "hurl", "swing", "scare", "frighten", "terrify", "control"})
"""Harm stems whose target is the speaker only when said directly (not "for my birthday")."""
_DIRECT_TARGETS = frozenset({"me", "us", *CHILDREN, *PETS})
_PHYSICAL = frozenset(
    [
        "hit",
        "punch",
        "kick",
        "slap",
        "smack",
        "shove",
        "beat",
        "choke",
        "strangle",
        "throttle",
        "attack",
        "bash",
        "belt",
        "thump",
        "wallop",
        "batter",
        "thrash",
        "stab",
        "rape",
        "assault",
        "molest",
        "bite",
        "burn",
        "drag",
        "backhand",
        "headbutt",
        "kill",
        "shoot",
        "whack",
        "clobber",
        "deck",
        "suffocate",
        "smother",
        "drown",
        "torture",
    ]
)
"""Harm stems that are harm aimed at anyone, the speaker's mother or sister too ("my mum's
boyfriend hits her"); a word like hurt is not ("i cheated on my wife and hurt her")."""
_THIRD = frozenset({"her", "him", "them"})
_SOFT_THIRD = frozenset({"hurt", "harm", "abuse"})
"""Harm stems that are harm aimed at someone else only when someone does it to them now ("her
boyfriend hurts her"), not when the speaker did ("i cheated on my wife and hurt her")."""
_SPEAKERS = frozenset({"i", "we", "i'm", "im"})
_ONGOING_AUX = frozenset({"is", "was", "keeps", "kept", "been", "are", "were", "always", "still"})


def _ongoing(tokens: Sequence[str], index: int) -> bool:
    """Whether the harm word at ``index`` is said of someone now: "hurts", "is hurting"."""
    token = tokens[index]
    if token.endswith("s") and not token.endswith("ss"):
        return True
    return token.endswith(("ing", "in")) and index > 0 and tokens[index - 1] in _ONGOING_AUX


_WINDOW = 10
"""Most words between a person and the harm word."""
_TARGET_WINDOW = 5
"""Most words between the harm word and its target."""
_END_HARMS = frozenset(
    {"hit", "beat", "hurt", "abuse", "choke", "slap", "punch", "kick", "strangle"}
)
"""Harm stems that count at the very end of an utterance, with no target ("my husband hits")."""


_SPELLING = _words(
    """
    abuse abused abuser abuses abusing abusive afraid assault assaulted attack attacked
    attacks baby bash bashed bashes bashing batter battered batters beat beaten beating
    beats belt belted belts bf bit bite bites blackmail blackmailed blackmailing blackmails
    bloke boyfriend boyfriends brother bruises burn burned burns burnt children choke choked
    chokes choking clobber clobbered dad daddy danger dangerous daughter de deck decked
    defacto drag dragged ex facto family father fella fellow fiance fiancee following force
    forced forces forcing frightened gf girlfriend glassed grab grabbed grabbing grabs guy
    hands harass harassed harasses harassing harm harmed harms he headbutt headbutted hiding
    hit hits hitted hitting hubby hurt hurting hurts husband injure injured injures inlaws
    keys kick kicked kicking kicks kids kill killed kills knock knocked knocks laws leave
    lock locked locks lover mama man me mine misses missus mister mom money mother my other
    parent parents partner partners pati paycheck paychecks permission phone pin pinned
    punch punched punches punching push pushed pushes pushing rape raped roommate rough saas
    safe sasur scared scratch scratched scratches she shove shoved shoves shoving stalk stalks
    stalking follows watches spies
    significant sister slam slammed slams slap slapped slapping slaps smack smacked smacks
    somebody someone son spat spit spouse stab stabbed stabs stepdad strangle strangled
    strangles strangling takes terrified they thrash thrashed thrashes threaten threatened
    threatening threatens threw throw thrown throws thump thumped thumps took torture
    tortured tortures torturing trap trapped unsafe us violence violent wallop walloped
    whack whacked whacks wife wifey woman
    """
)
VOCABULARY: tuple[str, ...] = tuple(sorted(_SPELLING))
HARMS = frozenset(w for w in HARM_LEMMAS if w in _SPELLING)
"""The harm words the resolver's typo readings correct towards (the core forms: a corrector that
knows every form turns "films" and "stratgies" into harm). The check itself knows every form
(HARM_LEMMAS)."""
"""Words both typo correctors know (the resolver's general one too), so a misspelt harm word
still counts. Kept to the core words: every word added here is one more word that a typo of an
ordinary request could turn into ("joke" read as "poke"); the safety corrector also knows HARMS."""


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
    game games match chess cards tennis golf race sport sports gym
"""
COMMON_WORDS = frozenset(_COMMON.split())
"""Everyday words the typo reading must never turn into harm words ("three" is not "threw");
the resolver's own readings keep them as said (a list of the nlu engineer's)."""


REAL_WORDS = _REAL_WORDS
"""Frequent English words a typo corrector would read as a harm word ("asked" as "bashed",
"nicks" as "kicks"): a word said so is taken as said."""


def _person_harms(tokens: Sequence[str]) -> bool:
    """A person word, then within a few words a harm word aimed at the speaker or family."""
    last_person = -_WINDOW - 1
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        if token in PERSONS or (token.endswith("s") and token[:-1] in PERSONS):
            last_person = index
            continue
        stem = HARM_LEMMAS.get(token)
        if stem is None:
            continue
        following = tokens[index + 1 : index + 1 + _TARGET_WINDOW]
        if _possessed_hits_me(tokens, index, stem, following):
            return True
        if index - last_person > _WINDOW:
            continue
        if (
            stem == "grab"
            and following[:1] == ["my"]
            and following[1:2] != []
            and (following[1] in _PHONES)
        ):
            continue  # "he grabs my phone" takes a thing (the control patterns weigh that)
        # Something thrown lands "at me"; "he threw a party for my birthday" is not harm.
        targets = _DIRECT_TARGETS if stem in _THROWN else TARGETS
        if any(word in targets for word in following):
            return True
        # Said of "you" in general: "what do i do when your husband hits you".
        if last_person > 0 and tokens[last_person - 1] in {"your", "a"} and "you" in following[:2]:
            return True
        if (
            stem in _PHYSICAL
            and following[:1]
            and following[0] in _THIRD
            and tokens[last_person] not in CHILDREN
        ):
            return True
        if (
            stem in _SOFT_THIRD
            and following[:1]
            and following[0] in _THIRD
            and _ongoing(tokens, index)
            and not _SPEAKERS.intersection(tokens[last_person + 1 : index])
            and tokens[last_person] not in CHILDREN
        ):
            return True  # "my friend whose boyfriend hurts her", "her husband is hurting her"
        before = tokens[index - 1]
        if index == last and stem in _END_HARMS and before not in _PASSIVE_AUX | _IT:
            return True
    return False


_POSSESSIVE = frozenset({"my", "our"})
_POSSESSED_WINDOW = 3
"""Most words between "my" and the blow in "my <anyone> slapped me" ("my da", "my blonde")."""


def _possessed_hits_me(
    tokens: Sequence[str], index: int, stem: str, following: Sequence[str]
) -> bool:
    """A blow aimed at me by someone of mine no list of persons names: "my blonde slapped me",
    "my da hits me" (people call one another by more words than any list holds; a blow said of
    "my <anyone>" to me weighs more than a sentence of over-trigger)."""
    if stem not in _PHYSICAL or not _DIRECT_TARGETS.intersection(following[:2]):
        return False
    before = tokens[max(0, index - _POSSESSED_WINDOW) : index]
    return bool(_POSSESSIVE.intersection(before[:-1]))


def _passive_harm(tokens: Sequence[str]) -> bool:
    """I (we, the kids) ... was / got / keep getting ... hit, beaten, choked (by someone)."""
    for index, token in enumerate(tokens):
        stem = HARM_LEMMAS.get(token)
        if stem is None or index == 0 or (token.endswith(("ing", "in")) and stem != "beat"):
            continue
        if tokens[index - 1] == "to" or not _PASSIVE_AUX.intersection(
            tokens[max(0, index - 3) : index]
        ):
            continue  # "i got to grab the door" is not passive
        before = tokens[max(0, index - 4) : index]
        if not _PASSIVE_SUBJECT.intersection(before):
            continue
        after = tokens[index + 1 : index + 4]
        if stem not in _SOFT or (
            "by" in after and PERSONS.union({"my", "the"}).intersection(after)
        ):
            return True
        if stem in {"hurt", "harm"} and (
            tokens[index - 1] in {"being", "getting", "get", "gets"}
            or " ".join(after).startswith("at home")
        ):
            return True
    return False


def _figure_words(said: Sequence[str]) -> frozenset[int]:
    """The positions of the words said inside a figure of speech (_IDIOMS)."""
    text = " ".join(said)
    starts = [0]
    for word in said[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    return frozenset(
        index
        for pattern in (_IDIOMS, _DENIED)
        for match in pattern.finditer(text)
        for index, start in enumerate(starts)
        if match.start() <= start < match.end()
    )


def _readings(tokens: Sequence[str], also: Iterable[Iterable[str]]) -> list[list[str]]:
    """The words as said, then each corrected reading in which common words keep their spelling.

    A corrector that only knows the safety words turns "the" into "he" and "will" into "kill";
    a word in a frequency list of common English (common_words.py) is never a typo here.
    """
    said = list(tokens)
    found = [said]
    figure = _figure_words(said)
    for reading in also:
        words = list(reading)
        if len(words) == len(said):
            # One typo a word: two edits turn real words into harm ("starting" into "stalking");
            # a word of a figure of speech said is kept as said ("hit by a wave of guilt" must
            # not be read as "hit by a have of").
            words = [
                w if s not in _REAL_WORDS and edit_distance(s, w, 1) <= 1 and i not in figure else s
                for i, (s, w) in enumerate(zip(said, words, strict=True))
            ]
        if words not in found:
            found.append(words)
    return found


_ME_FOR_MY = re.compile(
    r"\bme (?=(?:(?:ex|old|new|own|bloody) )?(?:husband|hubby|partner|wife|missus|boyfriend|"
    r"girlfriend|bf|gf|fiance|fiancee|ex|fella|bloke|man|old man|dad|da|mum|ma|mam|father|"
    r"mother|stepdad|brother|sister|uncle|son|kids?|family|in laws|flatmate|housemate|"
    r"roommate|de facto|defacto|spouse|other half)s?\b)"
)
""""me" said for "my" before a person ("i'm scared of me husband", "me partner reckons ...")."""


def is_safety(tokens: Sequence[str], *also: Iterable[str]) -> bool:
    """Whether the words (or any alternative reading of them, e.g. typo-corrected) ask for help."""
    for words in _readings(tokens, also):
        text = _ME_FOR_MY.sub("my ", _HEDGE.sub("", _HEDGE_OF.sub("some", " ".join(words))))
        text = _DENIED.sub(" denied_ ", _IDIOMS.sub(" _ ", _INTENSIFIED_FEAR.sub(r"\1", text)))
        masked = text.split()
        if STRONG.intersection(masked) or _person_harms(masked) or _passive_harm(masked):
            return True
        if _PATTERN.search(text):
            return True
    return False


def person_harms(tokens: Sequence[str]) -> bool:
    """A person word, then within a few words a harm word aimed at the speaker or family."""
    return _person_harms(tokens)


# --- Who and what: the SafetyIntent's partner and harm slots -------------------------------------
#
# Alexa's NLU fills {partner} and {harm} from the words that sit where the samples put them and
# resolves them to ids through the PARTNER and HARM slot types. Offline the safety check wins
# before any sample is tried, so the same slots are read here: every phrase of the model's slot
# types (value names and synonyms) found in the utterance, every form of a harm verb whose form
# the type lists ("strangling" like "strangled"), and the ways of naming a person or a harm that
# no list of synonyms can hold ("my kids' dad", "the bloke i share a flat with", "his hands round
# my neck", "won't let me ..."). Of the people named, the one said nearest before the harm (a
# pronoun stands for the person it refers back to); of the harms, the first that is not denied
# ("he's never hit me but he threatens to").


_PRONOUN_IDS = {"he": "he", "him": "he", "she": "she", "her": "she", "they": "they", "them": "they"}
_FEMALE = _words(
    """
    wife wifey wifie missus misses wyf girlfriend gf fiancee mom mum mother mama mommy mummy
    stepmom stepmum stepmother sister aunt daughter stepdaughter grandmother grandma nan niece
    saas nanad bhabhi jethani devrani woman lady girl
    """
)
_MALE = _words(
    """
    husband hubby hubbie hubs pati boyfriend bf boyf dad daddy father stepdad stepfather brother
    uncle son stepson grandfather grandpa grandad nephew sasur jeth devar man guy bloke fella
    """
)
_RELATIVES = (
    r"(?:mom|mum|mother|mama|mommy|mummy|stepmom|stepmum|stepmother|dad|daddy|father|stepdad|"
    r"stepfather|brother|sister|stepbrother|stepsister|son|daughter|stepson|stepdaughter|uncle|"
    r"aunt|auntie|cousin|parents|grandfather|grandmother|grandpa|grandma|grandad|nan|nephew|"
    r"niece|grandson|granddaughter|grandchild|grandchildren|grandkids|family|relatives|rellies|saas|sasur|jeth|jethani|devar|devrani|nanad|bhabhi|carer|"
    r"caregiver|mil|fil)s?"
)
_CHILD_OF = r"(?:kids?|childs?|children|childrens|sons?|daughters?|babys?|babies|girls|boys)"
_PARENT_WORD = r"(?:dad|daddy|father|mom|mommy|mum|mummy|mother|mama|mamma|momma)"
_SPOUSE_WORD = (
    r"(?:husband|hubby|wife|wifes|wives|partner|boyfriend|girlfriend|fiance|fiancee|bf|gf)s?"
)
_PARTNER_SHAPES: tuple[tuple[str, str], ...] = (
    # A child's other parent: "my baby daddy", "my kids' dad", "the father of my son".
    ("co_parent", r"\b(?:baby|babys) (?:daddy|mama|mamma|momma|father|mother|dad|mom|mum)\b"),
    ("co_parent", rf"\b{_CHILD_OF} {_PARENT_WORD}s?\b"),
    ("co_parent", rf"\b{_PARENT_WORD} of (?:my|our) {_CHILD_OF}\b|\bco ?parent\b"),
    # The family of a spouse, in-laws, relatives: "my husband's family", "my mother in law";
    # a parent's (a sister's) partner: "my mom's new husband", "my mum's boyfriend".
    ("family", rf"\b{_SPOUSE_WORD} {_RELATIVES}\b"),
    ("family", rf"\b{_RELATIVES} (?:new |current |latest |old )?{_SPOUSE_WORD}\b"),
    (
        "family",
        r"\b(?:(?:mother|father|brother|sister|son|daughter|sisters|brothers)s? )?in ?laws?\b",
    ),
    ("family", rf"\b{_RELATIVES}\b"),
    # Whoever shares the home: "the bloke i share a flat with", "the person i stay with".
    (
        "housemate",
        r"\b(?:person|guy|man|woman|girl|lady|bloke|fella|dude|people|family|couple|lad) "
        r"(?:that |who )?(?:i|we) (?:\w+ )?(?:live|lives|living|stay|staying|share|sharing|rent|"
        r"board|lodge)\b(?: (?:a|an|the|my|our|this) \w+)?(?: \w+)? with\b",
    ),
    ("housemate", r"\b(?:room ?mate|flat ?mate|house ?mate|roomie|lodger)s?\b"),
    (
        "housemate",
        r"\b(?:person|guy|man|woman|girl|lady|bloke|fella|dude|family|couple|people) "
        r"(?:that |who )?(?:i|we) (?:\w+ )?(?:rent|rents|renting|lease|sublet) "
        r"(?:a |the |my |our )?(?:room |flat |place |house |apartment )?from\b",
    ),
    # Someone the speaker is seeing: "the guy i'm seeing", "someone i've been dating", "my date".
    (
        "partner",
        r"\b(?:guy|man|woman|girl|lady|person|someone|somebody|bloke|fella|dude) (?:that |who )?i "
        r"(?:am|have been|was|been|had been) (?:seeing|dating|sleeping with|talking to|going out "
        r"with|with)\b|\bmy date\b",
    ),
    ("ex", r"\bex (?:\w+ )?" + _SPOUSE_WORD + r"\b|\bexe?s?\b|\bformer " + _SPOUSE_WORD + r"\b"),
    ("fiance", r"\bfianc(?:e|ee|es|ees)?\b|\b(?:husband|wife) to be\b"),
    ("husband", r"\b(?:husband|hubby|hubbie|hubs|pati)s?\b"),
    ("wife", r"\b(?:wife|wifes|wifey|wifie|wives|missus|wyf)\b"),
    ("boyfriend", r"\b(?:boyfriend|boyf|bf)s?\b"),
    ("girlfriend", r"\b(?:girlfriend|gf)s?\b"),
    ("partner", r"\b(?:partner|spouse|lover)s?\b|\bsignificant other\b|\bde ?facto\b"),
    ("he", r"\b(?:he|him)\b"),
    ("she", r"\b(?:she|her)\b"),
    ("they", r"\b(?:they|them)\b"),
)
"""Ways of naming a person no list of synonyms can hold, first the longer ones."""

_HARM_SHAPES: tuple[tuple[str, str], ...] = (
    # The neck and the throat: "hands round my neck", "grabbed me by the throat".
    (
        "chokes",
        r"\b(?:(?:hands?|fingers|arms?) )?(?:a)?round (?:my|me|our|her|the) (?:\w+ )?"
        r"(?:neck|throat)\b|\bby (?:the|my) (?:throat|neck)\b",
    ),
    (
        "chokes",
        r"\b(?:grab\w*|squeez\w*|press\w*|held|hold\w*|grip\w*|clutch\w*|strangl\w*|chok\w*) "
        r"(?:\w+ ){0,2}(?:my|me by the) (?:neck|throat|windpipe)\b",
    ),
    # Raised hands, a person thrown: "raises his hand on me", "threw me against the wall".
    ("hits", r"\brais\w* (?:his |her |their |a )?hands? (?:on|at|to|against) (?:me|us)\b"),
    ("hits", r"\b(?:beat|beats|beating|beaten) (?:me|us) up\b"),
    (
        "hits",
        r"\b(?:beat|beats|beating|beaten|knock\w*|kick\w*) the (?:crap|shit|hell|living daylights|"
        r"life|stuffing) out of (?:me|us)\b",
    ),
    ("controls", r"\bcut(?:s|ting)? (?:me|us) off from\b"),
    # Regional words for hitting the HARM type may not list: "she thumped me", "he clocked me".
    (
        "hits",
        r"\b(?:thump|wallop|clobber|whack|sock|biff|clock|lamp|deck|clout)(?:s|ed|ing|ped|ping)? "
        r"(?:me|us)\b",
    ),
    (
        "pushes",
        r"\b(?:thr(?:ew|ows|own|ow|owing)|chuck(?:s|ed|ing)?) (?:me|us) (?:down|on|onto|into|"
        r"against|across|to|off|"
        r"out|over)\b",
    ),
    # Control: not let, not allowed, belongings kept, locked in, tracked.
    (
        "controls",
        r"\b(?:not|never) (?:even )?(?:let|lets|letting|allow|allows|allowing|allowed|permit|"
        r"permits) (?:me|us)\b|\b(?:not|never) allowed\b|\bforbids? me\b|\bforbade me\b",
    ),
    (
        "controls",
        r"\b(?:take|takes|took|taken|taking|keep|keeps|kept|hide|hides|hid|withholds?|held|holds?)"
        r" (?:away )?(?:all |whole |the )?(?:of )?my (?:\w+ )?" + _BELONGINGS + r"\b",
    ),
    ("controls", r"\block(?:s|ed|ing)? (?:me|us) (?:in|up|inside)\b|\bisolat\w* (?:me|us)\b"),
    ("controls", r"\btrack(?:s|ed|ing)? (?:me|us|my|where)\b"),
    # Forced: "makes me have sex", "made me do things i did not want to".
    (
        "forces",
        r"\b(?:makes?|made|making|pressur\w*|coerc\w*) (?:me|us) (?:to )?(?:\w+ ){0,3}?"
        r"(?:sex|sexual|do (?:things|stuff|it|sexual)|sleep with)\b",
    ),
    # A threat to harm oneself and the speaker: "she says she'll hurt herself and me".
    (
        "threatens",
        r"\b(?:hurt|harm|kill|burn|hurts|harms|kills) (?:himself|herself|themselves) (?:and|then) "
        r"(?:me|us|the kids|my)\b",
    ),
    # Death threats: "he said he'd kill me", "she'll kill me".
    ("threatens", r"\bkill(?:s|ed|ing)? (?:me|us|the kids|my|our)\b"),
    # Threats said as a noun, or as what will follow: "making threats", "sends me death
    # threats", "he'll make me regret it", "i'll never see the kids again".
    (
        "threatens",
        r"\b(?:(?:death|constant|more|the|his|her|their) )?threats\b|\b(?:making|made|makes|make|"
        r"send|sends|sent|sending|leaves?|left) (?:me )?(?:\w+ )?threats?\b",
    ),
    (
        "threatens",
        r"\b(?:make|makes|made|making) (?:me|us) (?:regret|pay|sorry)\b|\b(?:i|we) (?:will|would|"
        r"are going to|am going to) (?:be sorry|regret (?:it|this)|pay for (?:it|this)|pay)\b|"
        r"\bregret it if\b|\b(?:i|we) (?:will|would) (?:never|not) see (?:them|(?:my|the|our) "
        r"(?:kids|children|baby|son|daughter|girls|boys))\b|\btake (?:me|us|the kids) with (?:him|"
        r"her|them)\b|\bmake sure i (?:never|do not|will not|would not|can not) see\b",
    ),
    (
        "threatens",
        r"\b(?:take|took|takes|taking) (?:away )?(?:the|my|our) (?:kids|children|baby|son|daughter|"
        r"girls|boys)(?= (?:away|from me|out of|if|unless|so i|and i will never|and run|and leave)"
        r"\b| ?$)",
    ),
    # Kept locked in: control.
    ("controls", r"\b(?:keeps?|kept|keeping|has|had|have) (?:me|us) (?:locked|shut|trapped)\b"),
)
"""Ways of saying a harm that no list of synonyms can hold."""

_THINGS = _words(
    """
    the a an things stuff walls wall doors door holes furniture plates plate dishes cups glasses
    table tables windows window tv
    """
)
"""After a harm verb, a thing struck ("punches the walls", "smashes stuff"): intimidation, not a
harm of one kind, unless a person follows ("hits the kids")."""
_THREAT_SAY = _words(
    """
    said says say told tells tell telling saying threatened threatens threatening warned warns
    swore swears promised promises reckons reckoned thinks texted texts messaged screams screamed
    yells yelled shouted shouts wrote writes keeps kept
    """
)
"""Words that make a harm said in the future a threat: "he said he'd hurt me"."""
_FUTURE = frozenset({"will", "would", "gonna", "going"})
_FEAR_STEMS = frozenset({"scare", "frighten", "terrify"})
_OBJECT_OF = _words(
    """
    see visit call ring phone text talk speak meet contact from at
    """
)
"""Before a person, a word that makes them the object, not who hurts ("not allowed to see my
family", "isolates me from my sister")."""
_POSSESSORS = frozenset({"his", "her", "their"})
_GROUPS = _words("family relatives rellies parents laws inlaws folks people kids children")
"""People in the plural, whom "he" or "she" does not stand for."""
_NOUN_AFTER = frozenset({"my", "your", "our"})
"""Before a harm word, a possessive that makes it a noun ("my pin number", "my cut")."""

_DENIALS = frozenset({"not", "never", "no", "nor"})
_CLAUSE_BREAKS = frozenset({"but", "and", "so", "because", "then", "though", "although", "just"})
_NOT_HARM_FORMS = frozenset(
    {"bit", "scared", "scarred", "terrified", "frightened", "bruises", "bruising", "threat"}
)
"""Forms of a harm verb that name a feeling or a thing ("scared of him", "bruises", "a bit"):
read as a harm only when a phrase of the slot type says so."""
_SELF = frozenset({"himself", "herself", "themselves", "itself"})
"""After a harm, the person's own ("kill himself"): not a harm to the speaker."""
_DETERMINERS = frozenset({"my", "the", "our"})
_GENERIC = _words("man guy bloke fella lady woman girl boy lover old")
"""Words that name a partner only after "my" ("my man", "my bloke"; not "he's not a bad man")."""


def _key(word: str) -> str:
    """A word's stem for comparing forms: the harm verb's, or the word without -ing, -ed, -s."""
    return HARM_LEMMAS.get(word) or re.sub(r"(?<=\w\w\w)(?:ing|ed|es|s)$", "", word)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(normalize_tokens(text))


def _denied(tokens: Sequence[str], start: int) -> bool:
    """Whether the harm said at ``start`` is denied: "he has never hit me", "it's not like he
    hits me" (not "if i don't answer she hurts me": there the denial is another clause's)."""
    for back in range(start - 1, max(-1, start - 4), -1):
        word = tokens[back]
        if word in _CLAUSE_BREAKS:
            return False
        if word in _DENIALS:
            return True
        if word in PERSONS or word in TARGETS:
            return (
                back >= 2 and tokens[back - 2] in _DENIALS and tokens[back - 1] in {"like", "that"}
            )
    return False


def _speaker(tokens: Sequence[str], start: int) -> bool:
    """Whether the person named at ``start`` is the speaker: "i am a battered wife"."""
    return any(
        start >= back
        and tokens[start - back] == "am"
        and tokens[start - back + 1] in {"a", "an", "his", "her", "their", "the"}
        for back in (2, 3)
    )


def _misspelt(said: Sequence[str], reading: Sequence[str], mention: tuple[int, int, str]) -> bool:
    """Whether a corrected reading's harm stands where a misspelt word was said ("chockes")."""
    if len(said) != len(reading):
        return True
    return any(
        said[i] != reading[i] and said[i] not in _REAL_WORDS and said[i] not in HARM_LEMMAS
        for i in range(mention[0], mention[1])
    )


def _threatened(tokens: Sequence[str], start: int, end: int) -> bool:
    """Whether a harm is said as a threat: in the future and told ("he said he'd hurt me", "she
    keeps saying she's gonna come round and hurt me", "they said they'd hurt my dog if i told
    anyone"). Not a harm feared ("i'm scared he will hit me") or foreseen ("he will hit me if
    he finds out")."""
    before = tokens[max(0, start - 6) : start]
    future = [i for i, word in enumerate(before) if word in _FUTURE]
    if not future or (before[future[-1]] == "going" and "to" not in before[future[-1] :]):
        return False
    if [*before, *tokens[start : start + 1]][future[-1] + 1] == "not":
        return False  # "tells me who i can see and won't let me work": control, not a threat
    told = set(tokens[max(0, start - 12) : start - len(before) + future[-1]]) & _THREAT_SAY
    return bool(told) or "or else" in " ".join(tokens[end:])


class SlotReader:
    """Reads who (PARTNER) and what (HARM) a safety disclosure names, from a model's slot types."""

    def __init__(
        self,
        partners: Iterable[tuple[str, str, Sequence[str]]],
        harms: Iterable[tuple[str, str, Sequence[str]]],
    ) -> None:
        """``partners``, ``harms``: (id, name, synonyms) of each value of the two slot types."""
        self.names: dict[str, str] = {}
        self._partners = self._table(partners)
        self._harms = self._table(harms)
        self._stems: dict[str, str] = {}
        for words, value_id in self._harms.items():
            if len(words) == 1 and words[0] not in _NOT_HARM_FORMS:
                self._stems.setdefault(_key(words[0]), value_id)
        self._partner_shapes = [(i, re.compile(p)) for i, p in _PARTNER_SHAPES if i in self.names]
        self._harm_shapes = [(i, re.compile(p)) for i, p in _HARM_SHAPES if i in self.names]

    def _table(
        self, values: Iterable[tuple[str, str, Sequence[str]]]
    ) -> dict[tuple[str, ...], str]:
        table: dict[tuple[str, ...], str] = {}
        for value_id, name, synonyms in values:
            self.names[value_id] = name
            for said in (name, *synonyms):
                words = _phrase(said)
                while len(words) > 1 and words[0] in _DETERMINERS and words[1] not in _GENERIC:
                    words = words[1:]
                if words:
                    table.setdefault(words, value_id)
        return table

    @staticmethod
    def _listed(
        tokens: Sequence[str], table: dict[tuple[str, ...], str]
    ) -> list[tuple[int, int, str]]:
        longest = max((len(k) for k in table), default=0)
        found = []
        for start in range(len(tokens)):
            if tokens[start] in _DETERMINERS and not set(tokens[start + 1 : start + 2]) & _GENERIC:
                continue  # "my husband" is read from "husband"; "my man" only with "my"
            for end in range(min(len(tokens), start + longest), start, -1):
                value_id = table.get(tuple(tokens[start:end]))
                if value_id is not None:
                    found.append((start, end, value_id))
                    break
        return found

    @staticmethod
    def _shaped(
        tokens: Sequence[str], shapes: Sequence[tuple[str, re.Pattern[str]]]
    ) -> list[tuple[int, int, str]]:
        text = " ".join(tokens)
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        offset = 0
        for index, token in enumerate(tokens):
            starts[offset] = index
            ends[offset + len(token)] = index + 1
            offset += len(token) + 1
        found = []
        for value_id, shape in shapes:
            for match in shape.finditer(text):
                if match.start() in starts and match.end() in ends:
                    found.append((starts[match.start()], ends[match.end()], value_id))
        return found

    @staticmethod
    def _apart(mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Mentions that do not overlap, the longest first, in the order they were said."""
        kept: list[tuple[int, int, str]] = []
        for start, end, value_id in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
            if all(end <= other[0] or start >= other[1] for other in kept):
                kept.append((start, end, value_id))
        return sorted(kept)

    def _harm(self, tokens: Sequence[str]) -> tuple[int, int, str] | None:
        figure = _figure_words(tokens)
        found = self._listed(tokens, self._harms) + self._shaped(tokens, self._harm_shapes)
        for index, token in enumerate(tokens):
            stem = _key(token)
            if stem in self._stems and token not in _NOT_HARM_FORMS:
                found.append((index, index + 1, self._stems[stem]))
        for start, end, value_id in self._apart(found):
            if start in figure or (start and tokens[start - 1] in {"i", "we"}):
                continue  # a figure of speech, or the speaker's own act ("i hit my head")
            threat = value_id != "threatens" and _threatened(tokens, start, end)
            if (
                end - start == 1
                and not threat
                and (
                    self._at_a_thing(tokens, start, value_id)
                    or (start and tokens[start - 1] in _NOUN_AFTER)
                )
            ):
                continue  # a thing struck, a fear from "it", a noun ("my pin number")
            threatened = any(word.startswith("threat") for word in tokens[start:end])
            if tokens[end : end + 1] and tokens[end] in _SELF and not threatened:
                continue  # "he threatened to kill himself": a threat, but not this harm
            if not _denied(tokens, start):
                if threat and "threatens" in self.names:
                    return start, end, "threatens"  # "he said he'd hurt me"
                return start, end, value_id
        return None

    @staticmethod
    def _at_a_thing(tokens: Sequence[str], start: int, value_id: str) -> bool:
        """Whether a one-word harm is done to a thing ("punches the walls"), or a fear is
        caused by one ("it scares me")."""
        if _key(tokens[start]) in _FEAR_STEMS and start and tokens[start - 1] in _IT:
            return True
        after = tokens[start + 1 : start + 4]
        if value_id == "hits" and after[:1] == ["off"]:
            return True  # "he kicks off if i go out": a rage (the check still hears it)
        if after[:1] and after[0] in {"on", "at", "against"} and after[1:2] != ["me"]:
            after = after[1:]  # "bashing on the door"
        if value_id not in {"hits", "hurts", "pushes"} or not after or after[0] not in _THINGS:
            return False
        return not (set(after) & (TARGETS | _DIRECT_TARGETS | {"at", "on", "into", "onto"}))

    def _person(
        self, tokens: Sequence[str], harm: tuple[int, int, str] | None
    ) -> tuple[int, int, str] | None:
        found = self._apart(
            self._listed(tokens, self._partners) + self._shaped(tokens, self._partner_shapes)
        )
        # "i'm a battered wife", "i am his wife": the speaker, not who hurts them.
        found = [m for m in found if not _speaker(tokens, m[0])]
        if harm is not None:
            found = [m for m in found if not harm[0] <= m[0] < harm[1]]
        # "not allowed to see my family and he ...": a person seen, called, kept from, is not
        # who does it, when someone else is named.
        everyone = found
        agents = [m for m in found if not self._object(tokens, m[0])]
        found = agents or found
        if not found:
            return None
        before = [m for m in found if harm is None or m[1] <= harm[0]]
        chosen = (before[-1] if harm is not None else before[0]) if before else found[0]
        if chosen[2] not in _PRONOUN_IDS.values():
            return chosen
        # A pronoun stands for the person said before it whom it can refer to.
        pronoun = tokens[chosen[0]]
        # "my girlfriend and i argued about her ex and she grabbed me": "her ex" is someone
        # else's, so "she" is the girlfriend (a possessed person is tried last).
        nearest = [m for m in reversed(everyone) if m[1] <= chosen[0]]
        possessed = [m for m in nearest if m[0] > 0 and tokens[m[0] - 1] in _POSSESSORS]
        for earlier in [m for m in nearest if m not in possessed] + possessed:
            words = set(tokens[earlier[0] : earlier[1]])
            if earlier[2] in _PRONOUN_IDS.values():
                continue
            head = tokens[earlier[1] - 1]
            if pronoun != "they" and (head in _GROUPS or self._object(tokens, earlier[0])):
                continue  # "he" is no "family", nor the sister "i'm not allowed to see"
            if (_PRONOUN_IDS.get(pronoun) == "he" and words & _FEMALE) or (
                _PRONOUN_IDS.get(pronoun) == "she" and words & _MALE
            ):
                continue
            return earlier
        return chosen

    @staticmethod
    def _object(tokens: Sequence[str], start: int) -> bool:
        """Whether the person named at ``start`` is what a verb is done to or kept from."""
        back = start - 1
        while back >= 0 and tokens[back] in _DETERMINERS | {"all", "any", "of", "to"}:
            back -= 1
        return back >= 0 and tokens[back] in _OBJECT_OF

    def read(
        self, readings: Sequence[Sequence[str]]
    ) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """(id, words said) of the partner and of the harm, each None when not named.

        ``readings``: the words as said first, then corrected readings; a slot the words as
        said do not fill is looked for in the next reading ("my husbnad" is a husband)."""
        partner: tuple[str, str] | None = None
        harm: tuple[str, str] | None = None
        said = list(readings[0]) if readings else []
        for words in readings:
            tokens = list(words)
            found_harm = self._harm(tokens)
            if (
                found_harm is not None
                and tokens != said
                and not _misspelt(said, tokens, found_harm)
            ):
                found_harm = None  # a reading that turned a real word into a harm ("bruises")
            if harm is None and found_harm is not None:
                harm = (found_harm[2], " ".join(tokens[found_harm[0] : found_harm[1]]))
            found_person = self._person(tokens, found_harm)
            if partner is None and found_person is not None:
                said_words = tokens[found_person[0] : found_person[1]]
                while len(said_words) > 1 and said_words[0] in _DETERMINERS:
                    said_words = said_words[1:]
                partner = (found_person[2], " ".join(said_words))
            if partner is not None and harm is not None:
                break
        return partner, harm
