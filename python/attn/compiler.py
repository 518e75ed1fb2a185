"""Driving attn-compile."""

import os
import shutil
import subprocess
import tempfile

from .errors import CompileError

__all__ = ["find_compiler", "compile_to_file", "compile"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def find_compiler():
    """Path of attn-compile: $ATTN_COMPILE, else PATH, else the build tree.

    The build-tree fallback is ``../../build/bin/attn-compile`` relative to
    this package (``python/attn`` in the source tree).
    """
    env = os.environ.get("ATTN_COMPILE")
    if env:
        if not (os.path.isfile(env) and os.access(env, os.X_OK)):
            raise CompileError("ATTN_COMPILE=%s is not an executable file" % env)
        return env
    found = shutil.which("attn-compile")
    if found:
        return found
    local = os.path.normpath(os.path.join(_PACKAGE_DIR, os.pardir, os.pardir,
                                          "build", "bin", "attn-compile"))
    if os.path.isfile(local) and os.access(local, os.X_OK):
        return local
    raise CompileError("attn-compile not found: set ATTN_COMPILE, put it on "
                       "PATH, or build it into %s" % local)


def _looks_like_text(source):
    if "\n" in source or "{" in source:
        return True
    stripped = source.lstrip()
    return stripped.startswith(("module", "func.func", "//", "#", "\""))


def _is_path(source):
    if isinstance(source, os.PathLike):
        return True
    if isinstance(source, bytes):
        source = source.decode()
    if not isinstance(source, str):
        raise TypeError("expected a path or MLIR text, got %s"
                        % type(source).__name__)
    if _looks_like_text(source):
        return False
    if os.path.exists(source) or source.endswith(".mlir"):
        return True
    return False


def compile_to_file(source, target="host", output=None, extra_args=(),
                    timeout=None, name=None):
    """Runs attn-compile; returns (so_path, tempdir or None).

    ``source`` is a path (str or PathLike) to a .mlir file, or MLIR text.
    ``output`` is the .so to write, or a directory to write it into; by
    default a fresh temporary directory is used and returned so that the
    caller can keep it alive (the header lies beside the library).
    """
    compiler = find_compiler()
    tempdir = None

    def workdir():
        nonlocal tempdir
        if tempdir is None:
            tempdir = tempfile.TemporaryDirectory(prefix="attn-")
        return tempdir.name

    if _is_path(source):
        in_path = os.fspath(source)
        if isinstance(in_path, bytes):
            in_path = in_path.decode()
        if not os.path.isfile(in_path):
            raise FileNotFoundError("no such MLIR file: %s" % in_path)
        stem = os.path.splitext(os.path.basename(in_path))[0]
    else:
        text = source.decode() if isinstance(source, bytes) else source
        stem = name or "module"
        in_path = os.path.join(workdir(), stem + ".mlir")
        with open(in_path, "w") as f:
            f.write(text)
    stem = name or stem
    safe = "".join(c if (c.isalnum() or c in "_-") else "_" for c in stem)
    lib_name = "lib%s.so" % (safe or "module")

    if output is None:
        out_path = os.path.join(workdir(), lib_name)
    else:
        output = os.fspath(output)
        if output.endswith(".so") and not os.path.isdir(output):
            out_dir = os.path.dirname(os.path.abspath(output))
            os.makedirs(out_dir, exist_ok=True)
            out_path = output
        else:
            os.makedirs(output, exist_ok=True)
            out_path = os.path.join(output, lib_name)
    out_path = os.path.abspath(out_path)

    command = [compiler, in_path, "-o", out_path, "--target=%s" % target]
    command += list(extra_args)
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise CompileError("attn-compile timed out after %ss" % timeout,
                           command=command) from e
    diagnostics = (proc.stderr.decode(errors="replace") +
                   proc.stdout.decode(errors="replace"))
    if proc.returncode != 0:
        raise CompileError("attn-compile failed (exit code %d) on %s"
                           % (proc.returncode, in_path), diagnostics,
                           proc.returncode, command)
    if not os.path.isfile(out_path):
        raise CompileError("attn-compile exited 0 but wrote no %s" % out_path,
                           diagnostics, proc.returncode, command)
    return out_path, tempdir


def compile(source, target="host", output=None, extra_args=(), timeout=None,
            name=None):
    """Compiles MLIR (a path or text) and loads the library.

    Raises CompileError with attn-compile's diagnostics on failure.
    """
    from .library import Library

    so_path, tempdir = compile_to_file(source, target=target, output=output,
                                       extra_args=extra_args, timeout=timeout,
                                       name=name)
    lib = Library(so_path)
    lib._tempdir = tempdir  # removed when the Library goes away
    return lib
