// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libtwo.so
// RUN: cc -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c %t/libtwo.h
// RUN: c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ %t/libtwo.h
// RUN: printf '#include "libtwo.h"\n#include "libtwo.h"\nint main(void) { return ATTN_OK; }\n' > %t/twice.c
// RUN: cc -std=c99 -Wall -Werror -I %t -fsyntax-only %t/twice.c

// The header compiles on its own as C and as C++, and can be included twice.
func.func @first(%a: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = attn.scale %a by 3.000000e+00 : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

func.func @second(%a: tensor<2x8xf32>, %m: tensor<2x8xi1>) -> tensor<2x8xf32> {
  %0 = attn.mask %a, %m : tensor<2x8xf32>, tensor<2x8xi1>
  return %0 : tensor<2x8xf32>
}
