# REQUIRES: opencl
# RUN: %python %S/attention_patterns.py --target=opencl
# The sparsity clauses and score modifiers on the GPU schedule, run by
# PoCL: the same configurations and reference as on the CPU.
