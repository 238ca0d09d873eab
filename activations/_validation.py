r"""Input and parameter checking shared by every activation.

Each public function converts its input with :func:`as_real_array`, runs a float64
kernel, and hands the result to :func:`restore_dtype`. Elementwise activations do
all three steps with :func:`apply_elementwise`, and softmax-like and gated ones with
:func:`by_rows`, both on cache-sized chunks of the input. Scalar parameters are checked with
:func:`check_real_parameter` (and :func:`check_order` for pairs such as a lower and
an upper bound); axes with :func:`check_axis`. Every error message starts with the
public function's name, so a reader sees at once which call was wrong.
"""

import math
import numbers
import reprlib

import numpy as np

__all__ = [
    "apply_elementwise",
    "as_real_array",
    "by_rows",
    "check_axis",
    "check_choice",
    "check_order",
    "check_real_parameter",
    "restore_dtype",
]

# Floating dtypes that are computed in float64 and rounded back once.
_FLOAT64 = np.dtype(np.float64)
_KEPT_FLOAT_DTYPES = (np.dtype(np.float16), np.dtype(np.float32), _FLOAT64)
# Inputs that cannot be a foreign (torch) bfloat16 array.
_NUMPY_OR_PYTHON = (np.ndarray, np.generic, float, int, list, tuple)
# Elements per kernel call: a kernel's temporaries (256 KiB each) then stay in the
# processor's caches instead of streaming the whole input through memory once per NumPy
# operation, and a call needs little memory beyond its result. Chosen by timing the
# package's functions with chunks of 4096 to 131072 elements.
_CHUNK = 32768

_DTYPE_KIND_NAMES = {
    "U": "str",
    "S": "bytes",
    "O": "object",
    "M": "datetime64",
    "m": "timedelta64",
    "V": "void (structured)",
}

_short = reprlib.Repr()
_short.maxstring = 40
_short.maxother = 40
_short.maxlist = 6
_short.maxtuple = 6
_short.maxlevel = 3


def _shorten(value):
    """A short, single-line representation of ``value`` for error messages."""
    return " ".join(_short.repr(value).split())


def _native_float(dtype):
    """float16, float32 or float64 in native byte order, or None for other floats.

    A long double with the precision of float64 (as on some platforms) counts
    as float64.
    """
    for kept in _KEPT_FLOAT_DTYPES:
        if dtype.itemsize == kept.itemsize and np.finfo(dtype).nmant == np.finfo(kept).nmant:
            return kept
    return None


def _describe_objects(arr, original):
    """Why an object array is rejected, naming an offending element if there is one."""
    for value in arr.flat:
        if not isinstance(value, numbers.Real):
            return f"element {_shorten(value)} of type {type(value).__name__}"
    if arr.size == 0:
        return "an empty array of Python objects"
    if isinstance(original, np.ndarray):
        return "an array of Python objects; convert it to a float array first"
    # Only numbers, yet NumPy kept them as objects: e.g. an int beyond 2**64.
    value = arr.flat[0]
    return (f"element {_shorten(value)} of type {type(value).__name__}, "
            "which has no NumPy number type")


def _describe_dtype(dtype):
    return _DTYPE_KIND_NAMES.get(dtype.kind, dtype.name)


def _bfloat16_error(func_name):
    return TypeError(
        f"{func_name}: bfloat16 input is not supported (NumPy has no bfloat16 type); convert it "
        "first: tensor.float() for a torch tensor, array.astype(np.float32) for an ml_dtypes "
        "array"
    )


def as_real_array(x, func_name):
    """Convert ``x`` to a float64 array and report the dtype the result should have.

    Parameters
    ----------
    x : array_like
        Anything :func:`numpy.asarray` accepts that holds real numbers.
    func_name : str
        Name of the public function, used as the prefix of error messages.

    Returns
    -------
    values : numpy.ndarray
        ``x`` as float64. It may share memory with ``x``, so callers must never
        write into it.
    out_dtype : numpy.dtype
        float16, float32 or float64 for floating inputs of those types, float64 for
        integer and boolean inputs.

    Raises
    ------
    TypeError
        If ``x`` does not hold real numbers (strings, bytes, complex numbers, objects,
        ``None``, dates, long doubles, bfloat16) or cannot be converted at all.
    ValueError
        If ``x`` is a ragged nested sequence, or NumPy rejects its values.
    """
    arr, out_dtype = _real_array(x, func_name)
    return arr.astype(np.float64, copy=False), out_dtype


def _real_array(x, func_name):
    """``x`` as an array of real numbers in its own dtype, and the result's dtype (see
    :func:`as_real_array`, which converts the array to float64)."""
    if x is None:
        raise TypeError(f"{func_name}: expected real numbers, got None")
    # Only a foreign array type (a torch tensor) can be bfloat16, which NumPy cannot convert.
    if (not isinstance(x, _NUMPY_OR_PYTHON)
            and str(getattr(x, "dtype", "")) == "torch.bfloat16"):
        raise _bfloat16_error(func_name)
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError, RuntimeError) as err:
        if isinstance(err, ValueError) and isinstance(x, (list, tuple)):
            raise ValueError(
                f"{func_name}: expected a rectangular array of real numbers, "
                f"got a ragged sequence {_shorten(x)}"
            ) from None
        # e.g. a torch tensor on a GPU or one that requires grad.
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        error_class = ValueError if isinstance(err, ValueError) else TypeError
        raise error_class(
            f"{func_name}: could not convert {type(x).__name__} input to a NumPy "
            f"array ({reason})"
        ) from None

    dtype = arr.dtype
    if dtype in _KEPT_FLOAT_DTYPES:  # the common case, checked first
        return arr, dtype
    if dtype.kind in "biu":
        return arr, _FLOAT64
    if dtype.kind == "f":
        native = _native_float(dtype)
        if native is None:
            raise TypeError(
                f"{func_name}: long double ({dtype.name}) input is not supported; "
                "convert it to float64 first"
            )
        return arr, native
    if dtype.name == "bfloat16":  # ml_dtypes' type, which NumPy sees as an opaque void type
        raise _bfloat16_error(func_name)
    if dtype.kind == "O":
        raise TypeError(
            f"{func_name}: expected real numbers, got object input "
            f"({_describe_objects(arr, x)})"
        )
    raise TypeError(
        f"{func_name}: expected real numbers, got {_describe_dtype(dtype)} input "
        f"{_shorten(x)}"
    )


def restore_dtype(result, out_dtype):
    """Round a float64 result once to ``out_dtype``; turn 0-d results into scalars.

    A value beyond the range of float16 or float32 correctly rounds to an
    infinity, and a tiny one to a subnormal or zero; the cast reports these as
    overflow and underflow, which are expected here and silenced.
    """
    result = np.asarray(result)
    if result.dtype != out_dtype:
        rounded = np.empty(result.shape, out_dtype)
        _round_into(rounded, result)
        result = rounded
    if result.ndim == 0:
        return result[()]
    return result


@np.errstate(under="ignore")
def _evaluate(kernel, values, params):
    """``kernel(values, *params)`` with underflow silenced: underflow to zero or to a
    subnormal is the correctly rounded result of the kernels, never an error, even if the
    caller asked NumPy to raise on it; every other floating-point condition stays visible.
    (An errstate decorator costs half what a ``with`` block does on every call.)"""
    return kernel(values, *params)


@np.errstate(over="ignore", under="ignore")
def _round_into(out, result):
    """Round ``result`` into ``out`` (float16/32): overflow to an infinity and underflow
    are the correctly rounded results there, so they are silenced."""
    out[...] = result


def apply_elementwise(func_name, x, kernel, *params, exact=False, fills=False, narrow=None):
    """Evaluate an elementwise ``kernel(values, *params)`` on ``x``.

    The kernel receives a 1-d array (which it must not modify; it may return it) and the
    already-checked parameters, and returns an array of the same length. It is called on
    successive chunks of at most ``_CHUNK`` elements (one call for smaller inputs, which
    keeps the fixed cost of a call low), each converted to float64 and its result rounded
    once into the output's dtype, so a call needs little memory beyond its result.

    * ``exact=True``: every result of the kernel is exact or a single correctly rounded
      operation in any floating dtype (clipping, a sign, a product of two numbers whose
      float64 product is exact), so float16 and float32 chunks are passed in their own
      dtype, which gives the same values without the conversions.
    * ``narrow``: a cheaper float64 kernel, used when the result is float32 or float16: one
      whose relative error is a few float64 ULP is enough, since a float32 result rounded
      once from it is within 0.5 float32 ULP plus about 2**-27.
    * ``fills=True``: the kernel also takes a keyword ``out``, an array for its result
      (a chunk of the output, when the kernel computes in the output's dtype), and returns
      it; a cheap kernel is then not slowed by a copy of its result.

    Underflow is silenced (see :func:`_evaluate`).
    """
    values, out_dtype = _real_array(x, func_name)
    if narrow is not None and out_dtype is not _FLOAT64:
        kernel = narrow
    native = exact and values.dtype is out_dtype  # computed in the input's own dtype
    flat = values.reshape(-1)
    if flat.size <= _CHUNK:  # one call, and no output buffer to fill
        result = _evaluate(kernel, flat if native else flat.astype(np.float64, copy=False),
                           params)
        if result.dtype != out_dtype:
            out = np.empty(result.shape, out_dtype)
            _round_into(out, result)
            result = out
        elif result is flat:
            result = result.copy()
        return result[0] if values.ndim == 0 else result.reshape(values.shape)
    out = np.empty(flat.shape, out_dtype)
    # A chunk computed in the input's own dtype holds as many bytes as a float64 chunk; chunks
    # converted to float64 hold as many bytes as a chunk of float64 input, so that the
    # kernel's temporaries stay as small against a float32 input as against float64.
    if native:
        step = _CHUNK * 8 // flat.dtype.itemsize
    else:
        step = max(_CHUNK * flat.dtype.itemsize // 8, _CHUNK // 8)
    _chunks(kernel, flat, params, out, step, native, fills and (native or out_dtype == _FLOAT64))
    return out.reshape(values.shape)


@np.errstate(under="ignore")
def _chunks(kernel, flat, params, out, step, native, fill):
    """Fill ``out`` with the kernel's results on ``flat``, ``step`` elements at a time, with
    underflow silenced once for all chunks (see :func:`_evaluate`); with ``fill`` the kernel
    writes into ``out`` (a result it did not write there is rounded into it)."""
    for start in range(0, flat.size, step):
        chunk = flat[start:start + step]
        if not native:
            chunk = chunk.astype(np.float64, copy=False)
        target = out[start:start + step]
        result = kernel(chunk, *params, out=target) if fill else kernel(chunk, *params)
        if result is target:
            continue
        if result.dtype == out.dtype:
            target[...] = result
        else:
            _round_into(target, result)


def by_rows(kernel, values, out_dtype=_FLOAT64, transposed=False):
    """``kernel`` over the last axis of ``values`` (softmax, GLU), on blocks of rows of about
    ``_CHUNK`` elements, since rows are independent: its temporaries stay in cache.

    ``values`` may have any real dtype; each block is converted to float64 for the kernel
    and its result rounded once into an array of ``out_dtype``. The kernel may shorten the
    last axis (GLU halves it). With ``transposed=True`` the kernel receives each block
    transposed (C-contiguous, one row per position along the last axis; the conversion
    does the transposition) and returns its result transposed.
    """
    rows = values.reshape(math.prod(values.shape[:-1]), values.shape[-1])  # rows may be empty
    step = max(1, _CHUNK // max(rows.shape[1], 1))
    out = None
    for start in range(0, max(rows.shape[0], 1), step):
        block = rows[start:start + step]
        if transposed:
            result = kernel(block.T.astype(np.float64, order="C", copy=False)).T
        else:
            result = kernel(block.astype(np.float64, copy=False))
        if out is None:
            out = np.empty((rows.shape[0], result.shape[-1]), out_dtype)
        with np.errstate(over="ignore"):  # rounding to float16/32 may overflow, correctly
            out[start:start + step] = result
    return out.reshape(values.shape[:-1] + out.shape[-1:])


def check_real_parameter(func_name, name, value, *, allow_zero=True,
                         allow_negative=True, allow_infinite=False):
    """Check a scalar parameter and return it as a Python float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (``bool`` is rejected too: ``True`` for a
        slope is almost certainly a mistake).
    ValueError
        If ``value`` is nan, infinite (unless ``allow_infinite``), or zero /
        negative where that is not allowed.
    """
    kind = "a real number" if allow_infinite else "a finite real number"
    # float and int first: the abstract numbers.Real check is slow, and bool is an int.
    if not isinstance(value, (float, int)) or isinstance(value, bool):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(
                f"{func_name}: {name} must be {kind}, got "
                f"{_shorten(value)} of type {type(value).__name__}"
            )
    try:
        number = float(value)
    except OverflowError:  # e.g. an int beyond the float64 range
        number = float("inf") if value > 0 else float("-inf")
    if math.isnan(number) or (math.isinf(number) and not allow_infinite):
        raise ValueError(
            f"{func_name}: {name} must be {kind}, got {number!r}"
        )
    if not allow_zero and number == 0.0:
        raise ValueError(f"{func_name}: {name} must not be zero, got {value!r}")
    if not allow_negative and number < 0.0:
        raise ValueError(f"{func_name}: {name} must not be negative, got {value!r}")
    return number


def check_choice(func_name, name, value, choices):
    """Check that ``value`` is one of the strings ``choices``; return it."""
    if not isinstance(value, str) or value not in choices:
        allowed = " or ".join(repr(choice) for choice in choices)
        raise ValueError(
            f"{func_name}: {name} must be {allowed}, got {_shorten(value)}"
        )
    return value


def check_order(func_name, low_name, low, high_name, high):
    """Check that two already-checked parameters satisfy ``low <= high``."""
    if low > high:
        raise ValueError(
            f"{func_name}: {low_name} must not exceed {high_name}, got "
            f"{low_name}={low!r} and {high_name}={high!r}"
        )


def check_axis(func_name, axis, ndim):
    """Check ``axis`` for an input with ``ndim`` dimensions; return it as 0..ndim-1."""
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, numbers.Integral):
        raise TypeError(
            f"{func_name}: axis must be an integer, got {_shorten(axis)} "
            f"of type {type(axis).__name__}"
        )
    axis = int(axis)
    if not -ndim <= axis < ndim:
        noun = "dimension" if ndim == 1 else "dimensions"
        raise ValueError(
            f"{func_name}: axis {axis} is out of range for an input with "
            f"{ndim} {noun}"
        )
    return axis % ndim
