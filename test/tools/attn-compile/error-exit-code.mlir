// RUN: rm -f %t.so
// RUN: sh -c '"$0" "$1" -o "$2"; echo "exit code $?"' attn-compile %s %t.so 2>&1 | FileCheck %s
// RUN: sh -c '"$0" "$1" --target=bogus -o "$2"; echo "exit code $?"' attn-compile %s %t.so 2>&1 | FileCheck %s
// RUN: sh -c '"$0" "$1"; echo "exit code $?"' attn-compile %s 2>&1 | FileCheck %s

// Errors exit with status 1 (not a crash, not 0), for an error in the IR,
// in the options, or in the command line.

// CHECK: exit code 1
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<8xf32>
}
