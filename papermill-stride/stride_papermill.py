"""Parameters for Stride notebooks under papermill.

`papermill in.ipynb out.ipynb -p epochs 2` injects a cell `let epochs = 2`: every parameter
becomes a Stride constant, written as a Swift literal of its type (Int, Double, Bool, String,
arrays and dictionaries of those, nil). A later cell may declare a name again, so the injected
`let` replaces the default that the notebook's `parameters` cell declared.
"""
import math

from papermill.engines import NBClientEngine
from papermill.translators import Translator, papermill_translators

__all__ = ["StrideTranslator", "StrideEngine"]


class StrideTranslator(Translator):
    """Turns JSON/YAML values into Stride (Swift) source."""

    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_int(cls, val):
        return str(val)

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "Double.nan"
        if math.isinf(val):
            return "Double.infinity" if val > 0 else "-Double.infinity"
        # repr is the shortest text that reads back as the same double; a whole number keeps
        # its ".0" so that the constant is a Double, as the parameter was.
        return repr(val)

    @classmethod
    def translate_escaped_str(cls, str_val):
        return '"' + "".join(_escape(c) for c in str(str_val)) + '"'

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(v) for v in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        if not val:
            return "[:]"
        return "[" + ", ".join(f"{cls.translate(k)}: {cls.translate(v)}" for k, v in val.items()) + "]"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"let {name} = {str_val}"


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def _escape(c):
    """One character inside a Swift string literal: quotes, backslashes (which also keeps
    `\\(` from starting an interpolation) and control characters escaped."""
    if c in _ESCAPES:
        return _ESCAPES[c]
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return "\\u{%x}" % ord(c)
    return c


# papermill's standard nbclient engine under the name "stride" (the package's entry point):
# papermill loads its engine entry points when it starts, which imports this module.
StrideEngine = NBClientEngine

papermill_translators.register("stride", StrideTranslator)
