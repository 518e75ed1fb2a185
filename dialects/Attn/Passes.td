//===- Passes.td - attn passes -----------------------------*- tablegen -*-===//

#ifndef ATTN_PASSES_TD
#define ATTN_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnFusePass : Pass<"attn-fuse", "func::FuncOp"> {
  let summary = "Fuse matmul-scale-mask-softmax-matmul chains into attn.attention";
  let description = [{
    Rewrites attention written with graph ops into one `attn.attention`:

    ```mlir
    %s = attn.matmul %q, %k transpose_rhs   // [B, Hq, N, M]
    %t = attn.scale %s by 0.125             // any number of constant scales
    %u = attn.mask %t, %m                   // optional: i1 or f32 mask, or
                                            // attn.add of an additive mask
    %p = attn.softmax %u axis(3)            // over the key axis
    %o = attn.matmul %p, %v                 // [B, Hq, N, Dv]
    =>
    %o = attn.attention %q, %k, %v mask(%m : ...) scale(0.125) ...
    ```

    The constant scales multiply into the attention scale; an additive mask
    followed by a scale is scaled by it. A key operand given untransposed
    (`attn.matmul %q, %kT` with `%kT : [B, H, D, M]`), or a value operand
    given transposed, gets an `attn.transpose`. Key/value heads that
    broadcast (one head against Hq query heads) become multi-query attention.

    Nothing is fused unless the chain is exactly attention: every
    intermediate has one use, the softmax runs over the last axis, there is
    at most one mask, a boolean mask is followed only by positive scales
    (a mask with a finite `fill` becomes `mask_fill`, times the scales after
    it, whatever their sign), and the shapes meet `attn.attention`'s
    verifier (same batch, key and value heads equal and dividing the query
    heads).

    With `multi-head` (the default), an attention whose Q, K and V are
    projections split into heads and whose merged result is projected again
    becomes one `attn.multi_head_attention` that keeps the four projections:

    ```mlir
    %q = attn.linear %x, %wq bias(%bq : ...)      // and %k, %v alike
    %qh = attn.split_heads %q                     // and %kh, %vh
    %o = attn.attention %qh, %kh, %vh ...
    %m = attn.merge_heads %o
    %y = attn.linear %m, %wo bias(%bo : ...)
    =>
    %y = attn.multi_head_attention %x, %x, %x heads(H)
           q_proj(%wq : ... bias %bq : ...) k_proj(...) v_proj(...)
           o_proj(%wo : ... bias %bo : ...) ...
    ```

    Only when each of those intermediates has that one use (a projection
    also returned, a KV cache, keeps the unfused form) and the attention has
    no clause beyond the mask, `mask_fill` and `causal`.
  }];
  let options = [
    Option<"multiHead", "multi-head", "bool", /*default=*/"true",
           "Form attn.multi_head_attention from projected, split and merged "
           "attention">
  ];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def AttnRaisePass : Pass<"attn-raise", "func::FuncOp"> {
  let summary = "Raise TOSA and linalg attention subgraphs to attn graph ops";
  let description = [{
    Rewrites the ops that frontends (torch-mlir, onnx-mlir, TFLite) emit for
    attention into attn graph ops, so that `--attn-fuse` can turn them into
    `attn.attention`. It reads f32 TOSA, and the same graphs after MLIR's
    `--tosa-to-linalg-named --tosa-to-linalg --tosa-to-arith
    --tosa-to-tensor` (elementwise `linalg.generic`, `linalg.reduce`,
    `linalg.batch_matmul` / `matmul`, `linalg.transpose`, `linalg.softmax`,
    `tensor.expand_shape` / `collapse_shape`):

    ```mlir
    tosa.matmul %a, %b, %zp0, %zp0         => attn.matmul %a, %b
    tosa.transpose / tosa.reshape          => attn.transpose / attn.reshape
    tosa.mul %x, splat(c)                  => attn.scale %x by c
    tosa.mul %x, tosa.reciprocal(splat(c)) => attn.scale %x by 1/c
    tosa.add %x, %y / tosa.sub %x, const   => attn.add (the constant negated)
    tosa.select %keep, %x, splat(-inf)     => attn.mask %x, %keep
    tosa.select %keep, %x, splat(F)        => attn.mask %x, %keep fill(F)
                                              (F finite: masked_fill(-1e9))
    %m = tosa.reduce_max %x {axis = a}
    %e = tosa.exp(tosa.sub %x, %m)
    %s = tosa.reduce_sum %e {axis = a}
    tosa.mul %e, tosa.reciprocal(%s)       => attn.softmax %x axis(a)
    (exp(%d) / sum(exp(%d)) without the max => attn.softmax %d axis(a))
    tosa.tile (of size-1 dimensions)       => attn.add %x, zeros (a broadcast)
    tosa.const (f32, i1)                   => arith.constant
    tosa.slice / tensor.extract_slice      => attn.slice
    ```

    The rest of a transformer block (GPT-2's, ViT's and Llama's attention,
    as torch-mlir writes them):

    ```mlir
    (x - mean(x)) * rsqrt(mean((x - mean(x))²) + eps)   // over the last dim
                                           => attn.layer_norm %x eps(eps)
    x * rsqrt(mean(x²) + eps)              => attn.layer_norm %x rms eps(eps)
    layer_norm(x) * w + b                  => attn.layer_norm %x weight(w) bias(b)
    0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³)))
                                           => attn.gelu %x approximate(tanh)
    0.5·x·(1 + erf(x/√2))                  => attn.gelu %x approximate(none)
    x * cos + concat(-x[.., D/2:], x[.., :D/2]) * sin   // rotate_half
                                           => attn.rope %x, cos, sin
    matmul(x, W [K, N]) (Conv1D; W an argument or constant)
                                           => attn.linear %x, attn.transpose(W)
    slice(linear(x, W, b), features [o, o+n)) (every use a slice)
                                           => attn.linear %x, W[o:o+n], b[o:o+n]
    slice(transpose(reshape(p [.., F] -> [.., 3, H, D])), part i)
      (timm's qkv.reshape().permute(2, 0, 3, 1, 4).unbind(0))
                                           => split_heads(slice(p, [i·H·D, ..)))
    ```

    Then it tidies the result for `--attn-fuse`: the [B, H] -> [B*H]
    flattening around rank-3 matmuls is undone (the remaining reshapes move
    down the score chain until they cancel), a key / value broadcast over
    heads is dropped where `attn.matmul` broadcasts anyway (multi-query
    attention), and projections and head layout become `attn.linear` (bias
    folded in), `attn.split_heads` and `attn.merge_heads` (one head
    included, where the split and merge are transposes of a unit
    dimension).

    Only exact forms are raised; anything else is left as it is (a softmax
    whose exponentials are used elsewhere, a select of +inf or NaN, the
    product of two data tensors), so the function still verifies and
    computes the same values. See docs/Raising.md for each recognized
    pattern with its IR before and after.
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect",
                           "::mlir::arith::ArithDialect"];
}

def AttnTilePass : Pass<"attn-tile", "func::FuncOp"> {
  let summary = "Choose tile sizes and KV partitioning for attention";
  let description = [{
    Records on every `attn.attention` and `attn.multi_head_attention` (for
    its per-head attention) a `tiling` attribute: query rows per
    parallel task, keys per online-softmax block, and the number of key
    ranges computed in parallel. By default: query tiles of 64 rows; all keys
    in one block (the two-pass form) up to 256 keys, blocks of 256 beyond;
    KV splits when fewer than 16 tasks would run (decode). With a block
    layout (`blocks`), the tiles divide its cells where tiles of at least 16
    rows / keys can, so that every pair is full or empty. With `gpu`, the
    tiles of the GPU kernel for `attn.attention` instead (docs/GPU.md):
    32 x 32 (64 keys for up to 4 rows), halved until a thread block's
    stages fit the shared memory, and KV splits when few blocks would run.
    The options override any of the three; an existing attribute is kept
    unless an option is given.

    ```mlir
    %o = attn.attention %q, %k, %v : ...
    =>
    %o = attn.attention %q, %k, %v
        tiling <query_tile = 64, kv_tile = 256, kv_splits = 1> : ...
    ```
  }];
  let options = [
    Option<"queryTile", "query-tile", "int64_t", /*default=*/"0",
           "Query rows per task (0: choose)">,
    Option<"kvTile", "kv-tile", "int64_t", /*default=*/"0",
           "Keys per online-softmax block (0: choose)">,
    Option<"kvSplits", "kv-splits", "int64_t", /*default=*/"0",
           "Key ranges computed in parallel and merged (0: choose)">,
    Option<"gpu", "gpu", "bool", /*default=*/"false",
           "Choose the GPU kernel's tiles for attn.attention (attn-compile "
           "sets it for CUDA and OpenCL targets)">,
  ];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def AttnSparsityPass : Pass<"attn-sparsity", "func::FuncOp"> {
  let summary = "Turn constant masks into causal / window / block-layout clauses and classify KV blocks";
  let description = [{
    For `attn.attention` and `attn.multi_head_attention`:

    1. A constant mask (`i1`, or `f32` of only 0 and -inf) that broadcasts
       over batch and heads, on an op with no other structural clause, is
       dropped for the clauses that say the same:
       - exactly a causal or sliding-window band: `causal` / `window`
         (bottom-right when the diagonal is shifted by `M - N`; a band cut
         on the left too adds `window <left = L, right = 0>`; a two-sided
         band without causal is a top-left `window`; the multi-head op
         takes causal bands only);
       - made of uniform cells of at least 8 × 8 pairs (a block-sparse
         table expanded to pairs, e.g. Longformer / BigBird): a
         `blocks #attn.block_layout<...>` of the largest such cells.

       ```mlir
       %m = arith.constant dense<[[true, false, ...], ...]> : tensor<1x1x128x128xi1>
       %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x128x128xi1>) ...
       =>
       %o = attn.attention %q, %k, %v causal(top_left) ...
       ```
    2. Every tiled op (after `--attn-tile`) gets a discardable
       `attn.blocks` dictionary: how many (query tile, KV block) pairs of
       its tiling are `empty` (never computed), `full` (every pair kept: no
       per-element test) and `partial` (tested per element), and from what
       `source`: the clauses joined by `+` (`causal`, `window`,
       `dilated_window`, `chunk`, `prefix`, `block_layout`,
       `constant_mask`, `runtime_mask`, `segments`, `filled_mask`), or
       `dense`. A mask with `mask_fill` is no clause: it is not read for
       structure, and its blocks are classified as if it were absent. The
       rules are those of `include/attn/BlockPattern.h`, which the code
       generator evaluates too; a constant mask is classified from its
       values, and run-time masks and segment ids make every block the
       static clauses keep partial (the kernel's scan at call time refines
       them).

       ```mlir
       %o = attn.attention %q, %k, %v causal(top_left)
           tiling <query_tile = 64, kv_tile = 256, kv_splits = 1>
           {attn.blocks = {empty = 24 : i64, full = 24 : i64,
                           partial = 16 : i64, source = "causal"}} : ...
       ```
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def AttnOnlineSoftmaxPass : Pass<"attn-online-softmax", "func::FuncOp"> {
  let summary = "Rewrite attention over several KV blocks into its online form";
  let description = [{
    An `attn.attention` whose tiling has more than one KV block (`kv_tile`
    smaller than the key count, or `kv_splits` above 1) becomes
    `attn.online_attention`, which carries the running (acc, max, sum) over
    the KV blocks of each split, followed by `attn.online_finalize`, which
    merges the splits and normalizes. Attention whose keys fit one block
    stays as it is: the two-pass form. Attention without a tiling attribute
    gets the one `--attn-tile` would choose. `attn.multi_head_attention`
    keeps its tiling as it is: the code generator gives its per-head
    attention the form that tiling describes.

    ```mlir
    %o = attn.attention %q, %k, %v
        tiling <query_tile = 1, kv_tile = 256, kv_splits = 4> : ...
    =>
    %acc, %max, %sum = attn.online_attention %q, %k, %v scale(0.125)
        tiling <query_tile = 1, kv_tile = 256, kv_splits = 4> : ...
    %o = attn.online_finalize %acc, %max, %sum : ...
    ```
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def AttnDecomposeLuongPass : Pass<"attn-decompose-luong", "func::FuncOp"> {
  let summary = "Rewrite global dot / general Luong attention into attn.attention";
  let description = [{
    Global `attn.luong_attention` with a `dot` or `general` score is
    scaled dot-product attention with a scale of 1 over one head; this pass
    rewrites it into `attn.attention`, so that it gets the fused attention
    kernel, `--attn-tile` and `--attn-online-softmax`. A `general` score
    first multiplies the queries by `W` (`q' = q·W`, then `q'ᵀk = qᵀWk`):

    ```mlir
    %o = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>)
        mask(%m : tensor<2x13x29xi1>) : ...
    =>
    %qw = attn.matmul %q, %w : tensor<2x13x7xf32>, tensor<7x5xf32> -> tensor<2x13x5xf32>
    %q4 = attn.reshape %qw : tensor<2x13x5xf32> -> tensor<2x1x13x5xf32>
    %k4 = attn.reshape %k : tensor<2x29x5xf32> -> tensor<2x1x29x5xf32>
    %v4 = attn.reshape %v : tensor<2x29x3xf32> -> tensor<2x1x29x3xf32>
    %m4 = attn.reshape %m : tensor<2x13x29xi1> -> tensor<2x1x13x29xi1>
    %o4 = attn.attention %q4, %k4, %v4 mask(%m4 : tensor<2x1x13x29xi1>)
        scale(1.000000e+00) : ... -> tensor<2x1x13x3xf32>
    %o = attn.reshape %o4 : tensor<2x1x13x3xf32> -> tensor<2x13x3xf32>
    ```

    A mask of rank 3 gets the head dimension; masks of rank 1 or 2 already
    broadcast to `[B, 1, N, M]` and are kept. `concat` scores and local
    attention stay as they are: the code generator compiles them with the
    additive and windowed kernels.
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

#endif // ATTN_PASSES_TD
