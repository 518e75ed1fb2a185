#!/bin/sh
# A C compiler driver for tests of --cc and $CC: records each command line in
# $CC_LOG, then runs the system cc.
echo "logging-cc: $*" >> "$CC_LOG"
exec cc "$@"
