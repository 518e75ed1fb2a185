// RUN: rm -f %t.mlir
// RUN: attn-compile %s --emit=mlir -o %t.mlir | count 0
// RUN: FileCheck %s < %t.mlir

// With -o the module goes to the file and nothing to stdout.

// CHECK: func.func @scale(%{{.+}}: tensor<8xf32>) -> tensor<8xf32>
// CHECK: attn.scale %{{.+}} by 2.000000e+00 : tensor<8xf32>
func.func @scale(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
