// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// The scale multiplies Q·Kᵀ in the score store: 1/sqrt(D) by default
// (D=16 -> 0.25), the attribute when given. These dense ops (M a multiple
// of the KV tile) have only the full pass, whose score store is the bare
// scaled product. Each public function is lowered and printed on its own;
// Halide gives the second function's stages a unique suffix ($1), hence
// the optional suffix in the patterns.

// CHECK-LABEL: // attn-compile: function @default_scale
//       CHECK: module name=s0_attention{{(_[0-9]+)?}}, target=x86-64-linux-avx2
//       CHECK: s0_attention_full_score[{{.+}}] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.250000f)
//   CHECK-NOT: x8(0.500000f)
// CHECK-LABEL: // attn-compile: function @explicit_scale
//       CHECK: module name=s0_attention{{(_[0-9]+)?}}, target=x86-64-linux-avx2
//       CHECK: s0_attention_full_score{{(\$[0-9]+)?}}[{{.+}}] = s0_attention_full_dot{{(\$[0-9]+)?}}[ramp(0, 1, 8)]*x8(0.500000f)
//   CHECK-NOT: x8(0.250000f)
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
