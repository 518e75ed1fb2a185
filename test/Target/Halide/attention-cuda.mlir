// RUN: attn-compile %s --target=cuda --emit=gpu-source | FileCheck %s --check-prefixes=CHECK,CUDA
// RUN: attn-compile %s --target=cuda-sm80 --emit=gpu-source | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: attn-compile %s --target=cuda-sm_86 --emit=gpu-source | FileCheck %s --check-prefixes=CHECK,SM86
// Halide 14 emits PTX for sm_86 at most: cuda-sm90 gets sm_86 PTX, which
// the driver (or ptxas) compiles for sm_90.
// RUN: attn-compile %s --target=cuda-sm90 --emit=gpu-source | FileCheck %s --check-prefixes=CHECK,SM86

// The PTX of one attention: one kernel, shared-memory stages separated by
// barriers. Plain `cuda` targets sm_61.

// CHECK-LABEL: // attn-compile: function @gqa_causal
//        CUDA: .target sm_61
//        SM80: .target sm_80
//        SM86: .target sm_86
//       CHECK: .visible .entry _kernel_s0_{{(online_)?}}attention_s0_b___block_id_z(
//       CHECK: st.shared.f32
//       CHECK: bar.sync{{[[:space:]]+}}0;
//       CHECK: ld.shared.f32
//   CHECK-NOT: .entry
//       CHECK: ret;
func.func @gqa_causal(%q: tensor<2x8x100x64xf32>, %k: tensor<2x2x100x64xf32>,
                      %v: tensor<2x2x100x40xf32>) -> tensor<2x8x100x40xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right)
      : tensor<2x8x100x64xf32>, tensor<2x2x100x64xf32>,
        tensor<2x2x100x40xf32> -> tensor<2x8x100x40xf32>
  return %o : tensor<2x8x100x40xf32>
}
