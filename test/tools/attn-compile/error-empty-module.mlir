// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not attn-compile %s --emit=halide-stmt 2>&1 | FileCheck %s -DFILE=%s

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: the module has no public function to compile
module {
}
