//===- AttnOps.td - attn dialect operations ----------------*- tablegen -*-===//

#ifndef ATTN_OPS_TD
#define ATTN_OPS_TD

include "AttnDialect.td"
include "AttnAttrs.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Attn_CausalAlignment : I32EnumAttr<"CausalAlignment",
    "which diagonal a causal mask keeps", [
      I32EnumAttrCase<"top_left", 0>,
      I32EnumAttrCase<"bottom_right", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_FeatureMap : I32EnumAttr<"FeatureMap",
    "the feature map phi of linear attention", [
      I32EnumAttrCase<"elu_plus_one", 0>
    ]> {
  let cppNamespace = "::mlir::attn";
}

//===----------------------------------------------------------------------===//
// Fused attention
//===----------------------------------------------------------------------===//

def Attn_AttentionOp : Attn_Op<"attention", [Pure]> {
  let summary = "scaled dot-product attention (PyTorch SDPA semantics)";
  let description = [{
    Computes `softmax(scale * Q Kᵀ + mask) V` per batch and head:

    - `query`: `[B, Hq, N, D]`, `key`: `[B, Hkv, M, D]`,
      `value`: `[B, Hkv, M, Dv]`, result: `[B, Hq, N, Dv]`.
    - `Hq` must be a multiple of `Hkv`; query head `h` reads key/value head
      `h / (Hq / Hkv)` (grouped-query and multi-query attention).
    - `scale` defaults to `1/sqrt(D)`.
    - `mask` is optional, of rank at most 4 and broadcastable (numpy rules)
      to `[B, Hq, N, M]`. An `i1` mask keeps the positions that are true; an
      `f32` mask is added to the scores (`-inf` masks a position; every value
      at or below `-1e30` counts as `-inf`).
    - `causal(top_left)` keeps key `j` for query `i` when `j <= i` (PyTorch's
      `is_causal=True`, `torch.tril`); `causal(bottom_right)` aligns the
      diagonal to the last key: it keeps `j <= i + (M - N)` (PyTorch's
      `causal_lower_right`). The two agree when `N == M`.
    - A query row whose keys are all masked yields zeros, never NaN.
    - `tiling` (written by `--attn-tile`) fixes the tile sizes; its
      `kv_tile` covers all keys here (the two-pass form): a smaller one is
      rewritten by `--attn-online-softmax` into `attn.online_attention`.

    Example:

    ```mlir
    %o = attn.attention %q, %k, %v causal(top_left)
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask,
                   OptionalAttr<F32Attr>:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   OptionalAttr<Attn_TilingAttr>:$tiling);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`scale` `(` $scale^ `)`)?
    (`causal` `(` $causal^ `)`)?
    (`tiling` $tiling^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let extraClassDeclaration = [{
    /// The scale applied to Q Kᵀ: the attribute, or 1/sqrt(D).
    float getEffectiveScale();
  }];
  let hasVerifier = 1;
}

def Attn_OnlineAttentionOp : Attn_Op<"online_attention",
    [Pure]> {
  let summary = "attention as running (acc, max, sum) triples over KV tiles";
  let description = [{
    The online-softmax form of `attn.attention` (same operands, scale, mask
    and causal semantics), produced by `--attn-online-softmax`. The keys of
    each of the `kv_splits` ranges are visited in blocks of `kv_tile`; per
    query row the op carries the running max `m`, the running sum `l` and
    the accumulator `acc`, each block's triple merging exactly:

    ```
    m' = max(m, m_b)
    l' = l·e^(m - m') + l_b·e^(m_b - m')
    acc' = acc·e^(m - m') + (P_b V_b)·e^(m_b - m')
    ```

    Results, one slice per KV split: `acc` `[S, B, Hq, N, Dv]` (unnormalized),
    `max` and `sum` `[S, B, Hq, N]`. `attn.online_finalize` merges the splits
    and divides by the sum.

    ```mlir
    %acc, %max, %sum = attn.online_attention %q, %k, %v
        tiling <query_tile = 1, kv_tile = 512, kv_splits = 4>
        : tensor<1x8x1x64xf32>, tensor<1x8x8192x64xf32>, tensor<1x8x8192x64xf32>
        -> tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask,
                   F32Attr:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   Attn_TilingAttr:$tiling);
  let results = (outs AnyRankedTensor:$acc, AnyRankedTensor:$max,
                      AnyRankedTensor:$sum);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    `scale` `(` $scale `)`
    (`causal` `(` $causal^ `)`)?
    `tiling` $tiling
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->`
    type($acc) `,` type($max) `,` type($sum)
  }];
  let hasVerifier = 1;
}

def Attn_OnlineFinalizeOp : Attn_Op<"online_finalize", [Pure]> {
  let summary = "merges the KV splits of an online attention and normalizes";
  let description = [{
    Merges the `S` partial triples with the same exact rule and returns
    `acc / sum` (`[B, Hq, N, Dv]`); a row whose sum is 0 (all keys masked)
    yields zeros.

    ```mlir
    %o = attn.online_finalize %acc, %max, %sum
        : tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
        -> tensor<1x8x1x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$acc, AnyRankedTensor:$max,
                   AnyRankedTensor:$sum);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $acc `,` $max `,` $sum attr-dict `:` type($acc) `,` type($max) `,`
    type($sum) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

def Attn_LinearAttentionOp : Attn_Op<"linear_attention", [Pure]> {
  let summary = "kernel-based linear attention (Katharopoulos et al. 2020)";
  let description = [{
    Attention with the softmax replaced by a positive feature map `phi`
    (elementwise on the head dim), per batch and query head:

    ```
    non-causal: out_i = phi(q_i)ᵀ S / phi(q_i)ᵀ z,
                S = Σ_j phi(k_j) v_jᵀ  (D × Dv),  z = Σ_j phi(k_j)  (D)
    causal:     the same sums over j <= i only
    ```

    - `query`: `[B, H, N, D]`, `key`: `[B, Hkv, M, D]`,
      `value`: `[B, Hkv, M, Dv]`, result: `[B, H, N, Dv]`.
    - `H` must be a multiple of `Hkv`; query head `h` reads key/value head
      `h / (H / Hkv)` (grouped-query and multi-query attention).
    - `feature_map`: `elu_plus_one` (the default, and the only map so far):
      `phi(x) = elu(x) + 1`, i.e. `x + 1` for `x > 0` and `exp(x)`
      otherwise. `phi > 0`, so the denominator is positive and no epsilon
      is added.
    - `causal`: key `j` is kept for query `i` when `j <= i` (top-left
      alignment); it requires `N == M`.
    - There is no scale: `phi` is not invariant under scaling, so scaling
      belongs to the producer of `q` and `k`.

    The code generator is O(N): the non-causal form builds `S` and `z` once
    per key/value head; the causal form sums chunks of rows and runs an
    exclusive prefix over the chunks (docs/LinearAttention.md).

    Example:

    ```mlir
    %o = attn.linear_attention %q, %k, %v causal
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value,
                   DefaultValuedAttr<Attn_FeatureMap,
                     "::mlir::attn::FeatureMap::elu_plus_one">:$feature_map,
                   UnitAttr:$causal);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`feature_map` `(` $feature_map^ `)`)?
    (`causal` $causal^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph ops
//===----------------------------------------------------------------------===//

def Attn_MatmulOp : Attn_Op<"matmul", [Pure]> {
  let summary = "(batched) matrix product with optional transposes";
  let description = [{
    `lhs` is `[..., M, K]` (`[..., K, M]` with `transpose_lhs`), `rhs` is
    `[..., K, N]` (`[..., N, K]` with `transpose_rhs`); the result is
    `[..., M, N]`. Leading (batch) dimensions broadcast as in numpy.

    ```mlir
    %s = attn.matmul %q, %k transpose_rhs
        : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
                   UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
  // An operand that is attn.transpose of its last two dims becomes a flag.
  let hasCanonicalizer = 1;
}

def Attn_ScaleOp : Attn_Op<"scale",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "multiplies a tensor by a constant";
  let description = [{
    ```mlir
    %y = attn.scale %x by 1.250000e-01 : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$factor);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `by` $factor attr-dict `:` type($input)";
  let hasVerifier = 1;
  // Scaling by 1 folds away; a scale of a scale multiplies the factors.
  let hasFolder = 1;
}

def Attn_AddOp : Attn_Op<"add", [Pure]> {
  let summary = "elementwise sum with numpy broadcasting";
  let description = [{
    Adds a bias (an additive mask, ALiBi, a projection bias) to a tensor;
    the operand shapes broadcast as in numpy to the result shape.

    ```mlir
    %y = attn.add %s, %bias : tensor<2x8x16x16xf32>, tensor<16x16xf32> -> tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_MaskOp : Attn_Op<"mask",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "applies a boolean or additive mask to scores";
  let description = [{
    With an `i1` mask, keeps the scores where the mask is true and sets the
    others to `-inf`; with an `f32` mask, adds it. The mask broadcasts to the
    scores as in numpy.

    ```mlir
    %y = attn.mask %s, %m : tensor<2x8x16x16xf32>, tensor<16x16xi1>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$mask);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $mask attr-dict `:` type($input) `,` type($mask)
  }];
  let hasVerifier = 1;
}

def Attn_SoftmaxOp : Attn_Op<"softmax",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "softmax along one axis";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along `axis` (negative counts from the
    end). Values at or below `-1e30` count as `-inf`; a slice that is all
    `-inf` yields zeros.

    ```mlir
    %p = attn.softmax %s axis(3) : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `axis` `(` $axis `)` attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    /// The axis in [0, rank).
    int64_t getNormalizedAxis();
  }];
  let hasVerifier = 1;
}

def Attn_LinearOp : Attn_Op<"linear", [Pure]> {
  let summary = "linear projection x·Wᵀ + b (torch.nn.functional.linear)";
  let description = [{
    `input` is `[..., K]`, `weight` is `[Nout, K]`, the optional `bias` is
    `[Nout]`; the result is `[..., Nout]`.

    ```mlir
    %y = attn.linear %x, %w bias(%b : tensor<512xf32>)
        : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   Optional<AnyRankedTensor>:$bias);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `:` type($bias) `)`)?
    attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_SplitHeadsOp : Attn_Op<"split_heads", [Pure]> {
  let summary = "[B, N, H·D] -> [B, H, N, D]";
  let description = [{
    Splits the last dimension into heads and moves the head dimension before
    the sequence dimension; the head count is the result's dimension 1.

    ```mlir
    %h = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_MergeHeadsOp : Attn_Op<"merge_heads", [Pure]> {
  let summary = "[B, H, N, D] -> [B, N, H·D]";
  let description = [{
    The inverse of `attn.split_heads`.

    ```mlir
    %x = attn.merge_heads %h : tensor<2x8x16x64xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_TransposeOp : Attn_Op<"transpose", [Pure]> {
  let summary = "permutes dimensions";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`. Works on `f32`
    and `i1` (masks) tensors.

    ```mlir
    %t = attn.transpose %x permutation [0, 2, 1, 3]
        : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `permutation` $permutation attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // The identity folds away; a transpose of a transpose composes.
  let hasFolder = 1;
}

def Attn_ReshapeOp : Attn_Op<"reshape", [Pure]> {
  let summary = "reinterprets a row-major tensor with another shape";
  let description = [{
    Works on `f32` and `i1` (masks) tensors.

    ```mlir
    %r = attn.reshape %x : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  // The identity folds away; a reshape of a reshape is one reshape.
  let hasFolder = 1;
}

#endif // ATTN_OPS_TD
