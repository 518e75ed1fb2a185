# REQUIRES: opencl
# RUN: %python %S/attention_skipped_tiles.py --target=opencl
# Empty tiles skipped by the GPU schedule, run by PoCL: the same cases as
# on the CPU.
