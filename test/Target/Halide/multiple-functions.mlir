// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Each public function is lowered on its own, in module order, each section
// headed by its name; private functions are not compiled.

//   CHECK-NOT: @helper
//       CHECK: // attn-compile: function @first
//       CHECK: func s0_scale (in_a, s0_scale) {
//   CHECK-NOT: @helper
//       CHECK: // attn-compile: function @second
//       CHECK: func s0_add{{.*}} (in_a, in_b, s0_add{{.*}}) {
//   CHECK-NOT: @helper
func.func @first(%a: tensor<2x8xf32> {attn.name = "a"}) -> tensor<2x8xf32> {
  %0 = attn.scale %a by 3.000000e+00 : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

func.func private @helper(%a: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = attn.scale %a by 4.000000e+00 : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

func.func @second(%a: tensor<2x8xf32> {attn.name = "a"},
                  %b: tensor<2x8xf32> {attn.name = "b"}) -> tensor<2x8xf32> {
  %0 = attn.add %a, %b : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}
