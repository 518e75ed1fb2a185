// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// The scale multiplies Q·Kᵀ in the score store, times log2 e since the
// CPU kernel keeps scores in base 2: 1/sqrt(D) by default (D=16 -> 0.25,
// stored as 0.25·log2 e = 0.360674), the attribute when given (0.5 ->
// 0.721348). These dense ops (M a multiple
// of the KV tile) have only the full pass, whose score store is the bare
// scaled product. Each public function is lowered and printed on its own;
// Halide gives the second function's stages a unique suffix ($1), hence
// the optional suffix in the patterns.

// CHECK-LABEL: // attn-compile: function @default_scale
//       CHECK: module name=s0_attention{{(_[0-9]+)?}}, target=x86-64-linux-avx2
//       CHECK: s0_attention_full_score[{{.+}}] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.360674f)
//   CHECK-NOT: x8(0.721348f)
// CHECK-LABEL: // attn-compile: function @explicit_scale
//       CHECK: module name=s0_attention{{(_[0-9]+)?}}, target=x86-64-linux-avx2
//       CHECK: s0_attention_full_score{{(\$[0-9]+)?}}[{{.+}}] = s0_attention_full_dot{{(\$[0-9]+)?}}[ramp(0, 1, 8)]*x8(0.721348f)
//   CHECK-NOT: x8(0.360674f)
func.func @default_scale(%q: tensor<1x1x16x16xf32>, %k: tensor<1x1x16x16xf32>,
                         %v: tensor<1x1x16x16xf32>) -> tensor<1x1x16x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32> -> tensor<1x1x16x16xf32>
  return %o : tensor<1x1x16x16xf32>
}

func.func @explicit_scale(%q: tensor<1x1x16x16xf32>, %k: tensor<1x1x16x16xf32>,
                          %v: tensor<1x1x16x16xf32>) -> tensor<1x1x16x16xf32> {
  %o = attn.attention %q, %k, %v scale(5.000000e-01)
      : tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32> -> tensor<1x1x16x16xf32>
  return %o : tensor<1x1x16x16xf32>
}
