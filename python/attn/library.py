"""Loading a generated attn library and calling its entry points."""

import ctypes
import json
import os

import numpy as np

from .errors import AttnError
from .halide import HalideBuffer, HostBuffer, buffer_from_array

__all__ = ["Library", "Function", "TensorSpec", "load"]

_DTYPES = {
    "f32": np.dtype(np.float32),
    "f16": np.dtype(np.float16),
    "bf16": np.dtype(np.uint16),  # raw bits (numpy has no bfloat16)
    "i1": np.dtype(np.bool_),
    "i32": np.dtype(np.int32),
}


class TensorSpec:
    """One argument or result of a generated function, as the manifest says."""

    __slots__ = ("name", "shape", "dtype", "index")

    def __init__(self, name, shape, dtype, index):
        self.name = name
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype  # "f32", "f16", "bf16", "i1" or "i32"
        self.index = index

    @property
    def numpy_dtype(self):
        """float32 for f32, float16 for f16, uint16 (raw bits, see
        attn.dtypes) for bf16; bool for i1 (passed as one uint8 byte each);
        int32."""
        try:
            return _DTYPES[self.dtype]
        except KeyError:
            raise ValueError("unsupported dtype %r in the manifest" % self.dtype)

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    def __repr__(self):
        return "TensorSpec(%r, shape=%r, dtype=%r)" % (self.name, self.shape,
                                                       self.dtype)


def _pointer_value(p):
    """A raw pointer argument: None, an int, a numpy array or a ctypes object."""
    if p is None:
        return None
    if isinstance(p, int):
        return p
    if isinstance(p, np.ndarray):
        return p.ctypes.data
    if isinstance(p, HostBuffer):
        return ctypes.addressof(p.buf)
    if isinstance(p, HalideBuffer):
        return ctypes.addressof(p)
    if isinstance(p, ctypes.c_void_p):
        return p.value
    if isinstance(p, (ctypes._Pointer, ctypes.Array)):
        return ctypes.cast(p, ctypes.c_void_p).value
    if isinstance(p, ctypes._SimpleCData):
        return ctypes.addressof(p)
    raise TypeError("cannot pass %s as a pointer" % type(p).__name__)


class Function:
    """One generated function: call it with numpy arrays.

    ``fn(a0, a1, ..., out=None)`` checks each argument's dtype and shape
    (ValueError), copies non-contiguous inputs, allocates the results (or
    writes into ``out``: one array or a sequence of them), calls the dense
    entry point and raises AttnError on a non-zero return code. It returns
    one array, or a tuple when the function has several results. Arguments
    may also be passed by name.
    """

    def __init__(self, library, entry):
        self.library = library
        self.name = entry["name"]
        self.symbol = entry.get("symbol", self.name)
        self.halide_symbol = entry.get("halide_symbol", self.symbol + "_halide")
        self.args = [TensorSpec(a.get("name", "arg%d" % i), a["shape"],
                                a.get("dtype", "f32"), i)
                     for i, a in enumerate(entry.get("args", []))]
        self.results = [TensorSpec(r.get("name", "result%d" % i), r["shape"],
                                   r.get("dtype", "f32"), i)
                        for i, r in enumerate(entry.get("results", []))]
        self.schedule = entry.get("schedule")
        self.manifest = entry
        nptr = len(self.args) + len(self.results)
        dll = library._dll
        self._dense = getattr(dll, self.symbol)
        self._dense.restype = ctypes.c_int
        self._dense.argtypes = [ctypes.c_void_p] * nptr
        try:
            self._halide = getattr(dll, self.halide_symbol)
            self._halide.restype = ctypes.c_int
            self._halide.argtypes = [ctypes.c_void_p] * nptr
        except AttributeError:
            self._halide = None

    # -- introspection -----------------------------------------------------

    @property
    def arg_names(self):
        return [a.name for a in self.args]

    @property
    def result_names(self):
        return [r.name for r in self.results]

    def __repr__(self):
        def fmt(specs):
            return ", ".join("%s: %s%s" % (s.name, s.dtype, list(s.shape))
                             for s in specs)
        return "<attn function %s(%s) -> (%s)>" % (self.name, fmt(self.args),
                                                  fmt(self.results))

    # -- argument handling ---------------------------------------------------

    def _bind(self, args, kwargs):
        if len(args) > len(self.args):
            raise TypeError("%s() takes %d arguments, got %d"
                            % (self.name, len(self.args), len(args)))
        bound = list(args) + [None] * (len(self.args) - len(args))
        given = [True] * len(args) + [False] * (len(self.args) - len(args))
        by_name = {a.name: a.index for a in self.args}
        for key, value in kwargs.items():
            if key not in by_name:
                raise TypeError("%s() has no argument named %r (arguments: %s)"
                                % (self.name, key, ", ".join(by_name)))
            i = by_name[key]
            if given[i]:
                raise TypeError("%s() got argument %r twice" % (self.name, key))
            bound[i] = value
            given[i] = True
        missing = [a.name for a in self.args if not given[a.index]]
        if missing:
            raise TypeError("%s() is missing argument(s) %s"
                            % (self.name, ", ".join(missing)))
        return bound

    def _where(self, spec, kind="argument"):
        return "%s(): %s %r (#%d)" % (self.name, kind, spec.name, spec.index)

    def _prepare_input(self, spec, value):
        if not isinstance(value, np.ndarray):
            if value is None:
                raise ValueError("%s is None" % self._where(spec))
            value = np.asarray(value, dtype=spec.numpy_dtype)
        if spec.dtype == "f32":
            if value.dtype != np.float32:
                raise ValueError("%s must have dtype float32, got %s (convert "
                                 "with .astype(numpy.float32))"
                                 % (self._where(spec), value.dtype))
        elif spec.dtype == "f16":
            if value.dtype != np.float16:
                raise ValueError("%s must have dtype float16, got %s (convert "
                                 "with .astype(numpy.float16))"
                                 % (self._where(spec), value.dtype))
        elif spec.dtype == "bf16":
            if value.dtype != np.uint16:
                raise ValueError("%s is bf16: pass its raw bits as a uint16 "
                                 "array (attn.dtypes.to_bf16), got %s"
                                 % (self._where(spec), value.dtype))
        elif spec.dtype == "i1":
            if value.dtype == np.bool_:
                pass
            elif value.dtype in (np.uint8, np.int8):
                if value.size and not np.all((value == 0) | (value == 1)):
                    raise ValueError("%s is an i1 mask: its %s values must be "
                                     "0 or 1" % (self._where(spec), value.dtype))
            else:
                raise ValueError("%s must have dtype bool (or uint8 0/1) for "
                                 "an i1 tensor, got %s"
                                 % (self._where(spec), value.dtype))
        elif spec.dtype == "i32":
            if value.dtype != np.int32:
                if value.dtype.kind not in "iu":
                    raise ValueError("%s must have an integer dtype for an i32 "
                                     "tensor, got %s"
                                     % (self._where(spec), value.dtype))
                info = np.iinfo(np.int32)
                if value.size and (value.min() < info.min or
                                   value.max() > info.max):
                    raise ValueError("%s has values outside the int32 range"
                                     % self._where(spec))
                value = value.astype(np.int32)
        else:
            raise ValueError("%s has unsupported manifest dtype %r"
                             % (self._where(spec), spec.dtype))
        if tuple(value.shape) != spec.shape:
            raise ValueError("%s has shape %s, expected %s"
                             % (self._where(spec), tuple(value.shape),
                                spec.shape))
        value = np.require(value, requirements=["C", "A"])
        if spec.dtype == "i1" and value.dtype != np.uint8:
            value = value.view(np.uint8)
        return value

    def _prepare_outputs(self, out):
        if out is None:
            arrays = []
            for spec in self.results:
                dt = np.uint8 if spec.dtype == "i1" else spec.numpy_dtype
                arrays.append(np.empty(spec.shape, dtype=dt))
            return arrays, arrays
        if isinstance(out, np.ndarray):
            out = (out,)
        out = list(out)
        if len(out) != len(self.results):
            raise ValueError("%s(): out has %d arrays, the function has %d "
                             "results" % (self.name, len(out),
                                          len(self.results)))
        raw = []
        for spec, array in zip(self.results, out):
            where = self._where(spec, "result")
            if not isinstance(array, np.ndarray):
                raise ValueError("%s: out must be a numpy array" % where)
            want = spec.numpy_dtype
            if array.dtype != want and not (spec.dtype == "i1" and
                                            array.dtype == np.uint8):
                raise ValueError("%s: out has dtype %s, expected %s"
                                 % (where, array.dtype, np.dtype(want)))
            if tuple(array.shape) != spec.shape:
                raise ValueError("%s: out has shape %s, expected %s"
                                 % (where, tuple(array.shape), spec.shape))
            if not (array.flags.c_contiguous and array.flags.aligned and
                    array.flags.writeable):
                raise ValueError("%s: out must be a writeable, aligned, "
                                 "C-contiguous array" % where)
            raw.append(array.view(np.uint8) if array.dtype == np.bool_
                       else array)
        return out, raw

    @staticmethod
    def _finish(spec, array):
        if spec.dtype == "i1" and array.dtype == np.uint8:
            return array.view(np.bool_)
        return array

    # -- calling -------------------------------------------------------------

    def __call__(self, *args, out=None, **kwargs):
        values = self._bind(args, kwargs)
        inputs = [self._prepare_input(s, v) for s, v in zip(self.args, values)]
        results, raw = self._prepare_outputs(out)
        ptrs = [a.ctypes.data for a in inputs] + [r.ctypes.data for r in raw]
        code = self._dense(*ptrs)
        if code != 0:
            raise AttnError(code, self.library.last_error(), self.name)
        results = [self._finish(s, r) for s, r in zip(self.results, results)]
        return results[0] if len(results) == 1 else tuple(results)

    def call_raw(self, *pointers, check=False):
        """Calls the dense entry with raw pointers (None = NULL); returns the code.

        Each pointer may be None, an int address, a numpy array or a ctypes
        object. With ``check=True`` a non-zero code raises AttnError instead.
        """
        if len(pointers) != len(self.args) + len(self.results):
            raise TypeError("%s takes %d pointers, got %d"
                            % (self.symbol, len(self.args) + len(self.results),
                               len(pointers)))
        code = self._dense(*[_pointer_value(p) for p in pointers])
        if check and code != 0:
            raise AttnError(code, self.library.last_error(), self.name)
        return code

    def call_halide_raw(self, *buffers, check=False):
        """Calls the ``_halide`` entry; each buffer is a HostBuffer, a ctypes
        halide_buffer_t (or pointer to one), an int address or None."""
        if self._halide is None:
            raise AttributeError("the library has no %s" % self.halide_symbol)
        if len(buffers) != len(self.args) + len(self.results):
            raise TypeError("%s takes %d buffers, got %d"
                            % (self.halide_symbol,
                               len(self.args) + len(self.results),
                               len(buffers)))
        code = self._halide(*[_pointer_value(b) for b in buffers])
        if check and code != 0:
            raise AttnError(code, self.library.last_error(), self.name)
        return code

    def call_halide(self, *arrays, out=None):
        """Calls the ``_halide`` entry with numpy arrays of any strides.

        Types and shapes are not checked in Python: the library checks them.
        """
        if len(arrays) != len(self.args):
            raise TypeError("%s() takes %d arguments, got %d"
                            % (self.name, len(self.args), len(arrays)))
        if out is None:
            out = [np.empty(s.shape, dtype=s.numpy_dtype)
                   for s in self.results]
        elif isinstance(out, np.ndarray):
            out = [out]

        def buffer(spec, a):
            # bf16 bits travel as uint16: label them bfloat16.
            a = np.asarray(a)
            return buffer_from_array(a, bfloat16=(spec.dtype == "bf16" and
                                                  a.dtype == np.uint16))
        bufs = [buffer(s, a) for s, a in zip(self.args, arrays)]
        bufs += [buffer(s, o) for s, o in zip(self.results, out)]
        self.call_halide_raw(*bufs, check=True)
        return out[0] if len(out) == 1 else tuple(out)


class Library:
    """A generated attn library (``lib<name>.so``) loaded with ctypes.

    ``lib.manifest`` is the parsed manifest, ``lib.functions`` maps names to
    Function objects, which are also attributes (``lib.f(q, k, v)``).
    """

    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))
        self._tempdir = None
        self._dll = ctypes.CDLL(self.path)
        try:
            manifest_fn = self._dll.attn_manifest
            error_fn = self._dll.attn_last_error
        except AttributeError as e:
            raise ValueError("%s is not an attn library (%s)" % (self.path, e))
        manifest_fn.restype = ctypes.c_char_p
        manifest_fn.argtypes = []
        error_fn.restype = ctypes.c_char_p
        error_fn.argtypes = []
        self._error_fn = error_fn
        raw = manifest_fn()
        if raw is None:
            raise ValueError("%s: attn_manifest() returned NULL" % self.path)
        self.manifest_text = raw.decode()
        try:
            self.manifest = json.loads(self.manifest_text)
        except ValueError as e:
            raise ValueError("%s: the manifest is not valid JSON: %s\n%s"
                             % (self.path, e, self.manifest_text))
        self.target = self.manifest.get("target")
        self.functions = {}
        for entry in self.manifest.get("functions", []):
            fn = Function(self, entry)
            self.functions[fn.name] = fn

    @property
    def header_path(self):
        """``libX.h`` beside ``libX.so``."""
        return os.path.splitext(self.path)[0] + ".h"

    def release_scratch(self):
        """``attn_release_scratch()``: frees the scratch memory the library
        keeps between calls."""
        self._dll.attn_release_scratch()

    def last_error(self):
        """``attn_last_error()`` of the calling thread."""
        raw = self._error_fn()
        return raw.decode(errors="replace") if raw is not None else None

    def __getattr__(self, name):
        functions = self.__dict__.get("functions")
        if functions is not None and name in functions:
            return functions[name]
        raise AttributeError("%r has no function or attribute %r"
                             % (os.path.basename(self.__dict__.get("path", "?")),
                                name))

    def __getitem__(self, name):
        return self.functions[name]

    def __contains__(self, name):
        return name in self.functions

    def __iter__(self):
        return iter(self.functions.values())

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.functions))

    def __repr__(self):
        return "<attn library %s (target %s): %s>" % (
            self.path, self.target, ", ".join(self.functions))

    def call_raw(self, name, *pointers, check=False):
        """``functions[name].call_raw(*pointers)``: the dense entry, raw pointers."""
        return self.functions[name].call_raw(*pointers, check=check)

    def call_halide_raw(self, name, *buffers, check=False):
        return self.functions[name].call_halide_raw(*buffers, check=check)

    # -- GPU libraries (--target=cuda|opencl) ------------------------------

    _DEVICE_HELPERS = ("attn_device_malloc", "attn_copy_to_device",
                       "attn_copy_to_host", "attn_device_sync",
                       "attn_device_free", "attn_device_detach")

    @property
    def gpu(self):
        """The manifest's GPU description ({"api": ...}), or None (CPU)."""
        return self.manifest.get("gpu")

    def device_call(self, helper, buffer, check=False):
        """Calls a device-buffer helper of a GPU library on one buffer
        (``attn_copy_to_device``, ``attn_copy_to_host``, ``attn_device_free``,
        ...); returns its code, or raises AttnError with ``check=True``."""
        if helper not in self._DEVICE_HELPERS:
            raise ValueError("unknown device helper %r" % helper)
        if self.gpu is None:
            raise AttributeError("%s is not a GPU library" % self.path)
        fn = getattr(self._dll, helper)
        fn.restype = ctypes.c_int
        fn.argtypes = [ctypes.c_void_p]
        code = fn(_pointer_value(buffer))
        if check and code != 0:
            raise AttnError(code, self.last_error(), helper)
        return code

    def device_wrap(self, buffer, handle, check=False):
        """``attn_device_wrap``: makes ``buffer`` use an existing device
        allocation (a CUdeviceptr or cl_mem), which the caller keeps owning."""
        if self.gpu is None:
            raise AttributeError("%s is not a GPU library" % self.path)
        fn = self._dll.attn_device_wrap
        fn.restype = ctypes.c_int
        fn.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
        code = fn(_pointer_value(buffer), int(handle))
        if check and code != 0:
            raise AttnError(code, self.last_error(), "attn_device_wrap")
        return code


def load(path):
    """Loads a library written by attn-compile."""
    return Library(path)
