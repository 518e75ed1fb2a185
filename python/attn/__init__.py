"""attn: compile attention graphs written in the attn MLIR dialect and call them.

    import numpy as np, attn
    lib = attn.compile('''
      func.func @sdpa(%q: tensor<1x8x128x64xf32> {attn.name = "q"},
                      %k: tensor<1x8x128x64xf32> {attn.name = "k"},
                      %v: tensor<1x8x128x64xf32> {attn.name = "v"})
          -> tensor<1x8x128x64xf32> {
        %o = attn.attention %q, %k, %v causal(top_left)
            : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>,
              tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
        return %o : tensor<1x8x128x64xf32>
      }''')
    out = lib.sdpa(q, k, v)          # numpy float32 arrays in, array out

``attn.compile`` runs ``attn-compile`` ($ATTN_COMPILE, else PATH, else the
build tree); ``attn.load`` opens an existing library. Only numpy, ctypes and
the standard library are used.
"""

from .errors import (ATTN_ERROR_BAD_BUFFER, ATTN_ERROR_NULL_POINTER,
                     ATTN_ERROR_RUNTIME, ATTN_OK, AttnError, CompileError)
from .compiler import compile, compile_to_file, find_compiler
from .library import Function, Library, TensorSpec, load
from . import dtypes, reference

__all__ = [
    "compile", "compile_to_file", "find_compiler", "load",
    "Library", "Function", "TensorSpec",
    "AttnError", "CompileError",
    "ATTN_OK", "ATTN_ERROR_NULL_POINTER", "ATTN_ERROR_BAD_BUFFER",
    "ATTN_ERROR_RUNTIME",
]
