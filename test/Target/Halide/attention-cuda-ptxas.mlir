// REQUIRES: ptxas
// The PTX of every CUDA spelling assembles with the CUDA toolkit's ptxas for
// Ampere (sm_80) and Hopper (sm_90), without a GPU. cuda-sm90's PTX says
// sm_86 (Halide 14's highest), so it assembles for sm_86 and newer only.
// RUN: attn-compile %s --target=cuda --emit=gpu-source -o %t.cuda.ptx
// RUN: %ptxas -arch=sm_80 %t.cuda.ptx -o %t.cuda.sm80.cubin
// RUN: %ptxas -arch=sm_90 %t.cuda.ptx -o %t.cuda.sm90.cubin
// RUN: attn-compile %s --target=cuda-sm80 --emit=gpu-source -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.sm80.cubin
// RUN: %ptxas -arch=sm_90 %t.sm80.ptx -o %t.sm80.sm90.cubin
// RUN: attn-compile %s --target=cuda-sm90 --emit=gpu-source -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.sm90.cubin
// RUN: %ptxas -arch=sm_90 -v %t.sm90.ptx -o %t.sm90.cubin 2>&1 | FileCheck %s
// --emit=gpu-source writes one PTX module per function: one input each.
// A run-time mask in a window: the per-call tile table (classifying the
// window too) is a PTX module of its own, assembled alone.
// RUN: attn-compile %S/Inputs/gpu-attention-mask-window.mlir --target=cuda-sm80 --emit=gpu-source -o %t.mask.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.mask.part2.ptx" : "%t.mask.part1.ptx") }' %t.mask.ptx
// RUN: %ptxas -arch=sm_80 -v %t.mask.part1.ptx -o %t.mask.sm80.cubin 2>&1 | FileCheck %s
// RUN: %ptxas -arch=sm_90 %t.mask.part1.ptx -o %t.mask.sm90.cubin
// RUN: %ptxas -arch=sm_90 %t.mask.part2.ptx -o %t.mask2.sm90.cubin
// RUN: FileCheck %s --check-prefix=MASK < %t.mask.part2.ptx
// MASK: .entry _kernel_s0_online_attention_maskKept_
// A run-time mask: the tile table's kernels follow as a PTX module of their
// own, each module assembled alone.
// RUN: attn-compile %S/Inputs/gpu-attention-decode.mlir --target=cuda-sm90 --emit=gpu-source -o %t.decode.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.decode.part2.ptx" : "%t.decode.part1.ptx") }' %t.decode.ptx
// RUN: %ptxas -arch=sm_90 -v %t.decode.part1.ptx -o %t.decode.sm90.cubin 2>&1 | FileCheck %s
// RUN: %ptxas -arch=sm_90 %t.decode.part2.ptx -o %t.decode2.sm90.cubin
// Segment ids and a run-time mask (batched ids, a mask shared by the heads).
// RUN: attn-compile %S/Inputs/gpu-attention-segments-mask.mlir --target=cuda-sm80 --emit=gpu-source -o %t.table.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.table.part2.ptx" : "%t.table.part1.ptx") }' %t.table.ptx
// RUN: %ptxas -arch=sm_80 -v %t.table.part1.ptx -o %t.table1.sm80.cubin 2>&1 | FileCheck %s
// RUN: %ptxas -arch=sm_90 %t.table.part2.ptx -o %t.table2.sm90.cubin
// RUN: FileCheck %s --check-prefix=TABLE < %t.table.part2.ptx
// TABLE-DAG: .entry _kernel_s0_online_attention_keySegmentRange_
// TABLE-DAG: .entry _kernel_s0_online_attention_querySegmentRange_
// TABLE-DAG: .entry _kernel_s0_online_attention_maskKept_
// TABLE-DAG: .entry _kernel_s0_online_attention_tileKind_
// f16 and bf16 storage (f32 inside): f16 widens with cvt.f32.f16, bf16
// with a shift; the store rounds with integer arithmetic. Both have a
// run-time mask, so a tile table's module follows the attention's.
// RUN: attn-compile %S/Inputs/gpu-attention-f16.mlir --target=cuda-sm80 --emit=gpu-source -o %t.f16.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.f16.table.ptx" : "%t.f16.kernel.ptx") }' %t.f16.ptx
// RUN: %ptxas -arch=sm_80 -v %t.f16.kernel.ptx -o %t.f16.sm80.cubin 2>&1 | FileCheck %s
// RUN: %ptxas -arch=sm_90 %t.f16.kernel.ptx -o %t.f16.sm90.cubin
// RUN: %ptxas -arch=sm_90 %t.f16.table.ptx -o %t.f16.table.sm90.cubin
// RUN: FileCheck %s --check-prefix=F16 < %t.f16.kernel.ptx
// RUN: attn-compile %S/Inputs/gpu-attention-f16.mlir --target=cuda-sm90 --emit=gpu-source -o %t.f16.90.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.f16.90.table.ptx" : "%t.f16.90.kernel.ptx") }' %t.f16.90.ptx
// RUN: %ptxas -arch=sm_90 -v %t.f16.90.kernel.ptx -o %t.f16.90.cubin 2>&1 | FileCheck %s
// RUN: attn-compile %S/Inputs/gpu-attention-bf16.mlir --target=cuda-sm80 --emit=gpu-source -o %t.bf16.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.bf16.table.ptx" : "%t.bf16.kernel.ptx") }' %t.bf16.ptx
// RUN: %ptxas -arch=sm_80 -v %t.bf16.kernel.ptx -o %t.bf16.sm80.cubin 2>&1 | FileCheck %s
// RUN: %ptxas -arch=sm_90 %t.bf16.kernel.ptx -o %t.bf16.sm90.cubin
// RUN: %ptxas -arch=sm_90 %t.bf16.table.ptx -o %t.bf16.table.sm90.cubin
// RUN: FileCheck %s --check-prefix=BF16 < %t.bf16.kernel.ptx
// RUN: attn-compile %S/Inputs/gpu-attention-bf16.mlir --target=cuda-sm90 --emit=gpu-source -o %t.bf16.90.ptx
// RUN: awk '/^\/\/ attn[-]compile: table / { table = 1 } { print > (table ? "%t.bf16.90.table.ptx" : "%t.bf16.90.kernel.ptx") }' %t.bf16.90.ptx
// RUN: %ptxas -arch=sm_90 -v %t.bf16.90.kernel.ptx -o %t.bf16.90.cubin 2>&1 | FileCheck %s

// F16: cvt.f32.f16
// F16: st.global.{{(v[0-9].)?}}u16
// BF16: function @window_bf16
// BF16-NOT: {{\.b?f16}}
// BF16: st.global.{{(v[0-9].)?}}u16
// BF16-NOT: {{\.b?f16}}

// Per kernel: no spilled registers, and at most 128 registers per thread,
// so that a block of 32 x 16 threads fits an SM's 64 Ki registers.
// CHECK: Compiling entry function '_kernel_s0_{{(online_)?}}attention_s0_b___block_id_z' for 'sm_{{[89]0}}'
// CHECK: 0 bytes spill stores, 0 bytes spill loads
// CHECK: Used {{([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])}} registers

// Causal, GQA, Dv != D.
func.func @causal_gqa(%q: tensor<2x8x100x64xf32>, %k: tensor<2x2x100x64xf32>,
                      %v: tensor<2x2x100x40xf32>) -> tensor<2x8x100x40xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right)
      : tensor<2x8x100x64xf32>, tensor<2x2x100x64xf32>,
        tensor<2x2x100x40xf32> -> tensor<2x8x100x40xf32>
  return %o : tensor<2x8x100x40xf32>
}
