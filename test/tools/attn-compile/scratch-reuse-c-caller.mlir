// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libprefill.so
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/repeat_calls_faults.c -I %t -L %t -lprefill -Wl,-rpath,%t -o %t/repeat_calls
// RUN: %t/repeat_calls | FileCheck %s

// A C program calls the library three times. Each task's per-block buffers
// (one KV block's scores and probabilities, 64 KiB each here: 64 query rows
// by 256 keys) are freed and allocated again for every block. The C
// library's heap may give the pages of a freed block back to the system,
// and the next block then faults them in again: with its default
// thresholds in a C program it did, every block of a call at this shape,
// a quarter of the call's time. The driver makes that certain (every block
// of 32 KiB or more mapped on its own, mallopt M_MMAP_THRESHOLD). The
// library keeps these blocks like its packed panels (lib/Runtime/
// attn_scratch.c), so only the first call faults pages in; the later ones
// fault none (fewer than 10 passes).

// CHECK: call 0: rc=0, {{[1-9][0-9]*}} page faults
// CHECK-NEXT: call 1: rc=0, {{[0-9]}} page faults
// CHECK-NEXT: call 2: rc=0, {{[0-9]}} page faults
func.func @prefill(%q: tensor<1x8x2048x64xf32> {attn.name = "q"},
                   %k: tensor<1x8x2048x64xf32> {attn.name = "k"},
                   %v: tensor<1x8x2048x64xf32> {attn.name = "v"})
    -> (tensor<1x8x2048x64xf32> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x2048x64xf32>, tensor<1x8x2048x64xf32>, tensor<1x8x2048x64xf32> -> tensor<1x8x2048x64xf32>
  return %o : tensor<1x8x2048x64xf32>
}
