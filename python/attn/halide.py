"""ctypes mirror of Halide 14's ``halide_buffer_t`` (HalideRuntime.h).

Only what a caller of a generated ``<name>_halide`` entry point needs: the
structures, and helpers that describe a numpy array (strided views included)
as a host buffer.
"""

import ctypes

import numpy as np

__all__ = [
    "HALIDE_TYPE_INT",
    "HALIDE_TYPE_UINT",
    "HALIDE_TYPE_FLOAT",
    "HALIDE_TYPE_BFLOAT",
    "HalideType",
    "HalideDimension",
    "HalideBuffer",
    "HostBuffer",
    "buffer_from_array",
]

HALIDE_TYPE_INT = 0
HALIDE_TYPE_UINT = 1
HALIDE_TYPE_FLOAT = 2
HALIDE_TYPE_HANDLE = 3
HALIDE_TYPE_BFLOAT = 4  # bfloat16 (Halide 14's halide_type_bfloat)


class HalideType(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_uint8),
        ("bits", ctypes.c_uint8),
        ("lanes", ctypes.c_uint16),
    ]


class HalideDimension(ctypes.Structure):
    _fields_ = [
        ("min", ctypes.c_int32),
        ("extent", ctypes.c_int32),
        ("stride", ctypes.c_int32),
        ("flags", ctypes.c_uint32),
    ]


class HalideBuffer(ctypes.Structure):
    _fields_ = [
        ("device", ctypes.c_uint64),
        ("device_interface", ctypes.c_void_p),
        ("host", ctypes.c_void_p),
        ("flags", ctypes.c_uint64),
        ("type", HalideType),
        ("dimensions", ctypes.c_int32),
        ("dim", ctypes.POINTER(HalideDimension)),
        ("padding", ctypes.c_void_p),
    ]


# Sanity: the layout of Halide 14 on LP64 targets.
assert ctypes.sizeof(HalideType) == 4
assert ctypes.sizeof(HalideDimension) == 16
assert ctypes.sizeof(HalideBuffer) == 56
assert HalideBuffer.type.offset == 32 and HalideBuffer.dim.offset == 40

_NUMPY_TO_HALIDE = {
    np.dtype(np.float32): (HALIDE_TYPE_FLOAT, 32),
    np.dtype(np.float64): (HALIDE_TYPE_FLOAT, 64),
    np.dtype(np.float16): (HALIDE_TYPE_FLOAT, 16),
    np.dtype(np.uint8): (HALIDE_TYPE_UINT, 8),
    np.dtype(np.uint16): (HALIDE_TYPE_UINT, 16),
    np.dtype(np.bool_): (HALIDE_TYPE_UINT, 8),  # one byte per element, 0/1
    np.dtype(np.int8): (HALIDE_TYPE_INT, 8),
    np.dtype(np.int32): (HALIDE_TYPE_INT, 32),
    np.dtype(np.int64): (HALIDE_TYPE_INT, 64),
}


class HostBuffer:
    """A ``halide_buffer_t`` describing host memory, plus what keeps it alive.

    ``buf`` is the ctypes structure; ``pointer`` is what to pass to an
    ``_halide`` entry point. Fields may be edited afterwards (tests do, to make
    deliberately bad buffers): ``dims`` is the ctypes array ``buf.dim`` points
    into.
    """

    def __init__(self, array=None, shape=None, strides=None, type_code=None,
                 bits=None, host=None):
        self.array = array  # keeps the memory alive
        rank = len(shape)
        self.dims = (HalideDimension * max(rank, 1))()
        # Halide orders dimensions innermost first.
        for i in range(rank):
            d = self.dims[i]
            d.min = 0
            d.extent = int(shape[rank - 1 - i])
            d.stride = int(strides[rank - 1 - i])
            d.flags = 0
        self.buf = HalideBuffer()
        self.buf.device = 0
        self.buf.device_interface = None
        self.buf.host = host
        self.buf.flags = 0
        self.buf.type.code = type_code
        self.buf.type.bits = bits
        self.buf.type.lanes = 1
        self.buf.dimensions = rank
        self.buf.dim = ctypes.cast(self.dims, ctypes.POINTER(HalideDimension))
        self.buf.padding = None

    @property
    def pointer(self):
        return ctypes.pointer(self.buf)

    def set_rank(self, rank):
        """Changes the rank, keeping the innermost dimensions (for tests)."""
        dims = (HalideDimension * max(rank, 1))()
        for i in range(min(rank, self.buf.dimensions)):
            dims[i] = self.dims[i]
        for i in range(self.buf.dimensions, rank):
            dims[i].min, dims[i].extent, dims[i].stride = 0, 1, 0
        self.dims = dims
        self.buf.dimensions = rank
        self.buf.dim = ctypes.cast(self.dims, ctypes.POINTER(HalideDimension))


def buffer_from_array(array, bfloat16=False):
    """Describes a numpy array (any strides, elements aligned) as a Halide buffer.

    Strides must be multiples of the element size (true of every view numpy
    makes of an aligned array); a bool array is passed as uint8. numpy has
    no bfloat16: with ``bfloat16=True`` a uint16 array of raw bits is
    described as bfloat16 (see attn.dtypes).
    """
    if not isinstance(array, np.ndarray):
        raise TypeError("buffer_from_array expects a numpy array")
    key = np.dtype(array.dtype)
    if bfloat16:
        if key != np.dtype(np.uint16):
            raise ValueError("bfloat16 buffers hold raw bits: uint16, got %s"
                             % array.dtype)
        code, bits = HALIDE_TYPE_BFLOAT, 16
    elif key not in _NUMPY_TO_HALIDE:
        raise ValueError("no Halide type for numpy dtype %s" % array.dtype)
    else:
        code, bits = _NUMPY_TO_HALIDE[key]
    itemsize = array.dtype.itemsize
    strides = []
    for s in array.strides:
        if s % itemsize:
            raise ValueError("stride %d is not a multiple of the element size %d"
                             % (s, itemsize))
        strides.append(s // itemsize)
    host = array.ctypes.data if array.size else None
    return HostBuffer(array=array, shape=array.shape, strides=strides,
                      type_code=code, bits=bits, host=host)
