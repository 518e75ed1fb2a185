// RUN: rm -f %t.so
// RUN: not attn-compile %s -o %t.so --target=opencl 2>&1 | FileCheck %s
// RUN: not test -e %t.so

// The GPU schedule takes mask, causal and plain windows; the other sparsity
// clauses and score modifiers are an error naming the clause, and nothing is
// written. (Only the first error of a module is reported.)

// CHECK: error: 'attn.online_attention' op the 'chunk' clause has no GPU schedule yet (GPU target 'x86-64-linux-opencl'); compile this function for a CPU target
func.func @chunked(%q: tensor<1x1x512x16xf32>) -> tensor<1x1x512x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) chunk(64) : tensor<1x1x512x16xf32>, tensor<1x1x512x16xf32>, tensor<1x1x512x16xf32> -> tensor<1x1x512x16xf32>
  return %o : tensor<1x1x512x16xf32>
}
