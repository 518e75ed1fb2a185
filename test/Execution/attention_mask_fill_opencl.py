# REQUIRES: opencl
# RUN: %python %S/attention_mask_fill.py --target=opencl
# Finite mask fills on the GPU schedule, run by PoCL: the same cases and
# reference as on the CPU.
