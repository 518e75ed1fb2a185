"""Exceptions of the attn package."""

__all__ = ["AttnError", "CompileError", "ERROR_NAMES",
           "ATTN_OK", "ATTN_ERROR_NULL_POINTER", "ATTN_ERROR_BAD_BUFFER",
           "ATTN_ERROR_RUNTIME"]

# Return codes of every generated entry point (lib/Runtime/attn_runtime.h).
ATTN_OK = 0
ATTN_ERROR_NULL_POINTER = 1
ATTN_ERROR_BAD_BUFFER = 2
ATTN_ERROR_RUNTIME = 3

ERROR_NAMES = {
    ATTN_OK: "ok",
    ATTN_ERROR_NULL_POINTER: "null pointer",
    ATTN_ERROR_BAD_BUFFER: "wrong buffer",
    ATTN_ERROR_RUNTIME: "runtime error",
}


class CompileError(RuntimeError):
    """attn-compile failed. ``diagnostics`` holds what it printed."""

    def __init__(self, message, diagnostics="", returncode=None, command=None):
        self.diagnostics = diagnostics
        self.returncode = returncode
        self.command = command
        text = message
        if diagnostics:
            text += ":\n" + diagnostics.rstrip()
        super().__init__(text)


class AttnError(RuntimeError):
    """A generated entry point returned a non-zero code.

    ``code`` is the return code (1 null pointer, 2 wrong buffer, 3 runtime
    error), ``message`` the library's ``attn_last_error()`` text and
    ``function`` the entry point's name.
    """

    def __init__(self, code, message, function=None):
        self.code = int(code)
        self.message = message
        self.function = function
        kind = ERROR_NAMES.get(self.code, "unknown error")
        where = "%s: " % function if function else ""
        if function and message and message.startswith(function + ":"):
            where = ""  # the library's message already names the function
        super().__init__("%serror %d (%s): %s" % (where, self.code, kind,
                                                  message or "<no message>"))
