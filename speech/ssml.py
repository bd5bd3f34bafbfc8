"""TEMPORARY placeholder until the speech branch lands."""

from xml.sax.saxutils import escape as _escape


def escape(text: str) -> str:
    """Escape text for SSML."""
    return _escape(text, {'"': "&quot;"})


def pause(seconds: float) -> str:
    """A break."""
    if seconds > 10:
        raise ValueError("Alexa caps a break at 10 s")
    return f'<break time="{int(seconds * 1000)}ms"/>'


def long_pause(seconds: float) -> str:
    """Several breaks."""
    out = []
    while seconds > 0:
        out.append(pause(min(10, seconds)))
        seconds -= 10
    return "".join(out)
