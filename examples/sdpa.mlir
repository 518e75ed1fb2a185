// One fused attention: grouped-query attention with 8 query heads sharing 2
// key/value heads (4 query heads per KV head), and a boolean mask that is
// broadcast over batch and heads (true = attend).
//
//   out[b, h] = softmax(q[b, h]·k[b, h / 4]ᵀ / sqrt(64) + mask) · v[b, h / 4]
//
// The mask is passed as one byte per element (0 / 1) through the C ABI and as
// a numpy bool array through the Python package.
//
//   attn-opt examples/sdpa.mlir
//   attn-compile examples/sdpa.mlir -o build/examples/libsdpa.so

func.func @sdpa(%q: tensor<1x8x128x64xf32> {attn.name = "q"},
                %k: tensor<1x2x128x64xf32> {attn.name = "k"},
                %v: tensor<1x2x128x64xf32> {attn.name = "v"},
                %mask: tensor<128x128xi1> {attn.name = "mask"})
    -> (tensor<1x8x128x64xf32> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v mask(%mask : tensor<128x128xi1>)
      : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
        tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
