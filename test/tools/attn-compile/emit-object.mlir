// RUN: rm -f %t.o %t.h
// RUN: attn-compile %s --emit=object -o %t.o
// RUN: llvm-readelf -h %t.o | FileCheck %s --check-prefix=ELF
// RUN: llvm-nm --defined-only %t.o | FileCheck %s --check-prefix=SYM
// RUN: llvm-nm --undefined-only %t.o | FileCheck %s --check-prefix=UNDEF

// --emit=object writes one relocatable object holding everything the
// library would: the entry points, the pipelines, the Halide runtime and the
// attn runtime (no undefined attn_ or halide_ symbols left but the weak
// hook a GPU library defines for attn_release_scratch), whose
// halide_malloc (the scratch kept between calls) replaces the Halide
// runtime's weak one.

// ELF: Type: REL (Relocatable file)
// SYM-DAG: T attn_last_error
// SYM-DAG: T attn_manifest
// SYM-DAG: T attn_release_scratch
// SYM-DAG: T halide_malloc
// SYM-DAG: T scale
// SYM-DAG: T scale_halide
// SYM-DAG: {{[TW]}} halide_do_par_for
// UNDEF-NOT: {{ U (attn|halide)_}}
func.func @scale(%a: tensor<4x16xf32> {attn.name = "x"}) -> tensor<4x16xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}
