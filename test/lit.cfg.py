# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "attn"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".test"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.attn_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
# The Python package and the tools it drives.
config.environment["PYTHONPATH"] = os.path.join(config.attn_src_root, "python")
config.environment["ATTN_COMPILE"] = os.path.join(config.attn_tools_dir, "attn-compile")

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()
config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%attn_src", config.attn_src_root))

tool_dirs = [config.attn_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["attn-opt", "attn-compile"], tool_dirs)
llvm_config.with_environment("PATH", config.attn_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# GPU targets. `opencl`: an OpenCL platform with a device answers (PoCL runs
# the OpenCL tests on the CPU). Probed in a subprocess with ctypes alone, so
# that a broken driver cannot take lit down.
_OPENCL_PROBE = r"""
import ctypes, sys
cl = ctypes.CDLL("libOpenCL.so.1")
n = ctypes.c_uint32(0)
if cl.clGetPlatformIDs(0, None, ctypes.byref(n)) != 0 or n.value == 0:
    sys.exit(1)
ids = (ctypes.c_void_p * n.value)()
cl.clGetPlatformIDs(n.value, ids, None)
for p in ids:
    d = ctypes.c_uint32(0)
    # CL_DEVICE_TYPE_ALL
    if cl.clGetDeviceIDs(ctypes.c_void_p(p), ctypes.c_uint64(0xFFFFFFFF), 0,
                         None, ctypes.byref(d)) == 0 and d.value > 0:
        sys.exit(0)
sys.exit(1)
"""


def _opencl_usable():
    import subprocess
    try:
        return subprocess.run([config.python_executable, "-c", _OPENCL_PROBE],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL,
                              timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


if _opencl_usable():
    config.available_features.add("opencl")

# `ptxas`: the CUDA toolkit's PTX assembler checks the PTX of cuda targets
# without a GPU.
import shutil
_ptxas = shutil.which("ptxas") or "/usr/local/cuda/bin/ptxas"
if os.path.isfile(_ptxas) and os.access(_ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", _ptxas))
