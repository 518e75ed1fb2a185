"""Checks that generated libraries depend on the C runtime alone.

Usage: check_needed.py READELF LIB.so...  Reads each library's NEEDED
entries (readelf -d) and fails if any is outside libc, libm, libpthread,
libdl and the dynamic loader: no libHalide, libLLVM, libMLIR, and no GPU
driver (Halide's runtime loads libcuda / libOpenCL at run time). Then loads
each library with ctypes and prints its manifest's target and GPU entry.
"""
import ctypes
import json
import re
import subprocess
import sys

ALLOWED = re.compile(r"^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|"
                     r"libdl\.so\.2|ld-linux[-\w.]*\.so\.\d+)$")
readelf, libraries = sys.argv[1], sys.argv[2:]
failed = False
for path in libraries:
    text = subprocess.run([readelf, "-d", path], check=True,
                          stdout=subprocess.PIPE, text=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", text)
    bad = [n for n in needed if not ALLOWED.match(n)]
    print("%s: NEEDED %s" % (path.rsplit("/", 1)[-1], " ".join(needed)))
    if not needed or bad:
        print("  FAIL: not the C runtime: %s" % (bad or "no NEEDED entry"))
        failed = True
    dll = ctypes.CDLL(path)
    dll.attn_manifest.restype = ctypes.c_char_p
    manifest = json.loads(dll.attn_manifest().decode())
    print("  target %s gpu %s" % (manifest["target"],
                                  json.dumps(manifest.get("gpu"),
                                             sort_keys=True)))
sys.exit(1 if failed else 0)
