"""First names that are also everyday English words (Will, Rose, Hope, Mark, ...).

Offline, a word the model's own samples use is no first name ("when will you remind us" must not
read "will" as one); Alexa's AMAZON.FirstName knows these as names, so the local resolver takes a
word of this list as a name wherever a sample asks for one ("we're Will and Rose").
"""

_TEXT = """
    al amber angel april art ash august autumn belle bill blair bob brook buck bud cash chance
    chase cliff crystal daisy dale dawn dean destiny drew dusty earl ed faith faye frank gene
    ginger glen grace grant guy harmony hazel heather holly honey hope hunter iris ivy jack jade
    jasmine jay joy june king lily mark max may melody mercy miles misty neil nick olive pat
    patience pearl penny poppy ray reed rich robin rocky rose ruby rusty sandy skip sky sonny
    star sterling summer sunny ty violet wade will willow wren
"""

WORD_NAMES = frozenset(_TEXT.split())
"""Lower-case first names that are also words of everyday speech."""
