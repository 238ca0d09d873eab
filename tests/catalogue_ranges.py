r"""The catalogue's ranges, read as numbers: pieces, membership, and rounding tolerance."""

import re

import numpy as np

from activations._reference import SELU_ALPHA, SELU_SCALE

_SYMBOLS = {r"\infty": np.inf, r"\lambda\alpha": float(SELU_SCALE * SELU_ALPHA)}
_PARAMETER_SYMBOLS = {r"\alpha": "alpha", r"\lambda": "lambd", r"\theta": "threshold",
                      "v": "value"}


def _value(token, activation):
    """A number from a range token; returns (value, tolerance)."""
    token = token.strip()
    sign = 1.0
    if token.startswith("-"):
        sign, token = -1.0, token[1:].strip()
    if token in _SYMBOLS:
        return sign * _SYMBOLS[token], 0.0
    if token in _PARAMETER_SYMBOLS:
        return sign * float(activation.parameters[_PARAMETER_SYMBOLS[token]]), 0.0
    if "/" in token:
        numerator, denominator = token.split("/")
        return sign * float(numerator) / float(denominator), 0.0
    decimals = len(token.split(".")[1]) if "." in token else 0
    # A number written with d decimals is the true bound rounded to d decimals.
    return sign * float(token), 0.5 * 10.0 ** -decimals if decimals else 0.0


def parse_range(activation):
    r"""The range as a list of pieces (low, high, low_closed, high_closed, tolerance).

    A point ``\{a\}`` is the closed interval [a, a].
    """
    pieces = []
    for part in activation.range.split(r"\cup"):
        part = part.strip()
        point = re.fullmatch(r"\\\{(.+)\\\}", part)
        if point:
            value, tol = _value(point[1], activation)
            pieces.append((value, value, True, True, tol))
            continue
        match = re.fullmatch(r"([\[(])\s*(.+?)\s*,\s*(.+?)\s*([\])])", part)
        assert match, activation.range
        (low, tol_low), (high, tol_high) = (_value(match[2], activation),
                                            _value(match[3], activation))
        pieces.append((low, high, match[1] == "[", match[4] == "]", max(tol_low, tol_high)))
    return pieces


def in_range(values, pieces):
    """Whether each value lies in the closure of the union of the pieces.

    The closure, because rounding and the limits at +-inf reach open ends
    (sigmoid(40.0) == 1.0); that open ends are not attained at moderate inputs
    is checked separately. Tolerances widen rounded bounds.
    """
    inside = np.zeros(np.shape(values), dtype=bool)
    for low, high, _, _, tol in pieces:
        inside |= (values >= low - tol) & (values <= high + tol)
    return inside


def tolerance(values):
    """Four ULP of each finite value (rounding may break monotonicity by that)."""
    values = np.abs(np.asarray(values, dtype=float))
    return 4 * np.spacing(np.where(np.isfinite(values), values, 0.0))
