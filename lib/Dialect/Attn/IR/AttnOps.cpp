//===- AttnOps.cpp - attn dialect operations ------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;
using namespace mlir::attn;

#include "Attn/AttnEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Attn/AttnAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "Attn/AttnOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(shape, os);
  os << "]";
  return s;
}

// Storage: f32, f16 or bf16 (the fused attention ops' operands; they
// compute in f32).
enum class ElemKind { F32, F32OrI1, I32, Storage };

/// f16 and bf16 tensors are stored narrow and computed in f32.
bool isStorageFloat(Type elem) {
  return elem.isF32() || elem.isF16() || elem.isBF16();
}

/// Checks what the code generator relies on for every tensor: a static,
/// non-empty shape, the expected rank (if any) and a supported element type.
LogicalResult checkTensor(Operation *op, Type type, StringRef name,
                          ElemKind kind = ElemKind::F32, int64_t rank = -1,
                          StringRef layout = "") {
  auto tensor = cast<RankedTensorType>(type);
  Type elem = tensor.getElementType();
  bool elemOk = kind == ElemKind::I32 ? elem.isSignlessInteger(32)
                : kind == ElemKind::Storage
                    ? isStorageFloat(elem)
                    : elem.isF32() || (kind == ElemKind::F32OrI1 &&
                                       elem.isSignlessInteger(1));
  if (!elemOk) {
    auto diag = op->emitOpError() << name << " element type must be ";
    return diag << (kind == ElemKind::F32       ? "f32"
                    : kind == ElemKind::I32     ? "i32"
                    : kind == ElemKind::Storage ? "f32, f16 or bf16"
                                                : "f32 or i1")
                << ", got " << elem
                << " (other element types are not supported yet)";
  }
  if (rank >= 0 && tensor.getRank() != rank) {
    auto diag = op->emitOpError() << name << " must have rank " << rank;
    if (!layout.empty())
      diag << " (" << layout << ")";
    return diag << ", got rank " << tensor.getRank();
  }
  if (!tensor.hasStaticShape())
    return op->emitOpError()
           << name
           << " must have a static shape (dynamic dimensions are not "
              "supported yet)";
  if (llvm::is_contained(tensor.getShape(), 0))
    return op->emitOpError() << name << " has a zero-sized dimension";
  return success();
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

Type elementTypeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType();
}

/// The fused attention ops store query, key, value and result in one
/// element type.
LogicalResult checkStorageType(Operation *op, Value v, StringRef name,
                               Type storage) {
  Type elem = elementTypeOf(v);
  if (elem != storage)
    return op->emitOpError()
           << name << " element type " << elem << " differs from the query's "
           << storage << " (query, key, value and result share one)";
  return success();
}

/// True when `from` broadcasts (numpy rules) to exactly `to`.
bool broadcastsTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t offset = to.size() - from.size();
  for (auto [i, d] : llvm::enumerate(from))
    if (d != 1 && d != to[offset + i])
      return false;
  return true;
}

LogicalResult checkResultShape(Operation *op, ArrayRef<int64_t> expected) {
  ArrayRef<int64_t> actual = shapeOf(op->getResult(0));
  if (actual != expected)
    return op->emitOpError()
           << "result shape " << shapeStr(actual)
           << " does not match the expected shape " << shapeStr(expected);
  return success();
}

LogicalResult checkSameElementType(Operation *op, Value input, Value result) {
  Type in = cast<RankedTensorType>(input.getType()).getElementType();
  Type out = cast<RankedTensorType>(result.getType()).getElementType();
  if (in != out)
    return op->emitOpError() << "result element type " << out
                             << " differs from the input's " << in;
  return success();
}

/// transpose and reshape move f32 or i1 elements without changing them.
LogicalResult checkLayoutOperands(Operation *op, Value input, Value result) {
  if (failed(checkTensor(op, input.getType(), "input", ElemKind::F32OrI1)) ||
      failed(checkTensor(op, result.getType(), "result", ElemKind::F32OrI1)))
    return failure();
  return checkSameElementType(op, input, result);
}

LogicalResult checkFiniteAttr(Operation *op, float value, StringRef name) {
  if (std::isnan(value))
    return op->emitOpError() << name << " must be finite, got nan";
  if (std::isinf(value))
    return op->emitOpError()
           << name << " must be finite, got " << (value < 0 ? "-inf" : "inf");
  return success();
}

/// A mask's fill value (`attrName` on `op`): only with an i1 mask, finite,
/// and above -1e30, where scores count as -inf anyway.
LogicalResult checkMaskFill(Operation *op, FloatAttr fill, Value mask,
                            StringRef attrName) {
  if (!fill)
    return success();
  if (!mask)
    return op->emitOpError() << attrName << " needs a mask";
  if (!cast<RankedTensorType>(mask.getType()).getElementType().isInteger(1))
    return op->emitOpError()
           << attrName << " needs an i1 mask (an f32 mask is added)";
  double value = fill.getValueAsDouble();
  if (failed(checkFiniteAttr(op, value, attrName)))
    return failure();
  if (value <= -1e30)
    return op->emitOpError()
           << attrName << " of " << value
           << " masks like -inf (scores at or below -1e30 count as -inf): "
              "leave it out";
  return success();
}

/// Query, key and value share the batch size (dimension 0); key and value
/// the sequence length (dimension `seqDim`).
LogicalResult checkBatchAndKeyLength(Operation *op, ArrayRef<int64_t> q,
                                     ArrayRef<int64_t> k, ArrayRef<int64_t> v,
                                     unsigned seqDim) {
  if (k[0] != q[0] || v[0] != q[0])
    return op->emitOpError() << "batch sizes differ: query " << q[0] << ", key "
                             << k[0] << ", value " << v[0];
  if (v[seqDim] != k[seqDim])
    return op->emitOpError()
           << "value sequence length " << v[seqDim]
           << " does not match key sequence length " << k[seqDim];
  return success();
}

/// [B, Hq, N, D], [B, Hkv, M, D], [B, Hkv, M, Dv]: key and value heads
/// alike and dividing the query heads, one head dim for queries and keys.
LogicalResult checkHeadLayout(Operation *op, ArrayRef<int64_t> q,
                              ArrayRef<int64_t> k, ArrayRef<int64_t> v) {
  if (k[1] != v[1])
    return op->emitOpError() << "key and value head counts differ (" << k[1]
                             << " vs " << v[1] << ")";
  if (q[1] % k[1] != 0)
    return op->emitOpError()
           << "query heads (" << q[1]
           << ") must be a multiple of key/value heads (" << k[1] << ")";
  if (k[3] != q[3])
    return op->emitOpError() << "key head dim " << k[3]
                             << " does not match query head dim " << q[3];
  return checkBatchAndKeyLength(op, q, k, v, 2);
}
} // namespace

FailureOr<SmallVector<int64_t>>
mlir::attn::broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return failure();
    result[i] = da == 1 ? db : da;
  }
  return result;
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

float AttentionOp::getEffectiveScale() {
  if (auto scale = getScaleAttr())
    return scale.getValueAsDouble();
  return 1.0f / std::sqrt(static_cast<float>(shapeOf(getQuery())[3]));
}

/// The operand checks shared by attn.attention and attn.online_attention.
static LogicalResult verifyAttentionOperands(Operation *op, Value query,
                                             Value key, Value value, Value mask,
                                             FloatAttr scale) {
  if (failed(checkTensor(op, query.getType(), "query", ElemKind::Storage, 4,
                         "[B, Hq, N, D]")) ||
      failed(checkTensor(op, key.getType(), "key", ElemKind::Storage, 4,
                         "[B, Hkv, M, D]")) ||
      failed(checkTensor(op, value.getType(), "value", ElemKind::Storage, 4,
                         "[B, Hkv, M, Dv]")))
    return failure();
  Type storage = elementTypeOf(query);
  for (auto [operand, name] :
       {std::make_pair(key, "key"), std::make_pair(value, "value")})
    if (failed(checkStorageType(op, operand, name, storage)))
      return failure();
  ArrayRef<int64_t> q = shapeOf(query), k = shapeOf(key), v = shapeOf(value);
  if (failed(checkHeadLayout(op, q, k, v)))
    return failure();
  if (mask) {
    // An additive mask may also be stored like the query (f16, bf16).
    Type maskElem = elementTypeOf(mask);
    if (!maskElem.isSignlessInteger(1) && !maskElem.isF32() &&
        maskElem != storage) {
      auto diag = op->emitOpError() << "mask element type must be f32";
      if (!storage.isF32())
        diag << ", " << storage << " (the query's)";
      return diag << " or i1, got " << maskElem;
    }
    if (failed(checkTensor(op, mask.getType(), "mask",
                           maskElem.isSignlessInteger(1) ? ElemKind::F32OrI1
                                                         : ElemKind::Storage)))
      return failure();
    SmallVector<int64_t> scores = {q[0], q[1], q[2], k[2]};
    if (!broadcastsTo(shapeOf(mask), scores))
      return op->emitOpError()
             << "mask of shape " << shapeStr(shapeOf(mask))
             << " does not broadcast to the scores [B, Hq, N, M] = "
             << shapeStr(scores);
  }
  if (scale)
    return checkFiniteAttr(op, scale.getValueAsDouble(), "scale");
  return success();
}

/// The pattern clauses shared by attn.attention and attn.online_attention.
template <typename OpTy> static LogicalResult verifyAttentionPattern(OpTy op) {
  ArrayRef<int64_t> q = shapeOf(op.getQuery()), k = shapeOf(op.getKey());
  int64_t batch = q[0], heads = q[1], queries = q[2], keys = k[2];
  Value querySegments = op.getQuerySegments(),
        keySegments = op.getKeySegments();
  if (!querySegments != !keySegments)
    return op.emitOpError() << "segments need both the query and the key ids";
  if (querySegments) {
    for (auto [ids, name, length] :
         {std::make_tuple(querySegments, "query segment ids", queries),
          std::make_tuple(keySegments, "key segment ids", keys)}) {
      if (failed(checkTensor(op, ids.getType(), name, ElemKind::I32, 2,
                             "[B, length]")))
        return failure();
      ArrayRef<int64_t> shape = shapeOf(ids);
      if ((shape[0] != batch && shape[0] != 1) || shape[1] != length)
        return op.emitOpError()
               << name << " of shape " << shapeStr(shape) << " must be ["
               << (batch == 1 ? "" : std::to_string(batch) + " or ") << "1, "
               << length << "] ([B or 1, " << (ids == querySegments ? "N" : "M")
               << "])";
    }
  }
  if (auto chunk = op.getChunkAttr(); chunk && chunk.getInt() < 1)
    return op.emitOpError()
           << "chunk must be at least 1, got " << chunk.getInt();
  if (auto prefix = op.getPrefixAttr()) {
    if (prefix.getInt() < 1)
      return op.emitOpError()
             << "prefix must be at least 1, got " << prefix.getInt();
    if (!op.getCausal() && !op.getWindow() && !op.getChunkAttr())
      return op.emitOpError()
             << "prefix needs causal, window or chunk: without them every "
                "key is kept already";
  }
  if (BlockLayoutAttr layout = op.getBlockLayoutAttr()) {
    ArrayRef<int64_t> shape = layout.getLayout().getType().getShape();
    int64_t rows =
                (queries + layout.getQueryBlock() - 1) / layout.getQueryBlock(),
            cols = (keys + layout.getKeyBlock() - 1) / layout.getKeyBlock();
    ArrayRef<int64_t> cells = shape.take_back(2);
    if (cells[0] != rows || cells[1] != cols ||
        (shape.size() == 3 && shape[0] != heads && shape[0] != 1))
      return op.emitOpError()
             << "block layout of shape " << shapeStr(shape) << " must be ["
             << rows << ", " << cols << "] (N = " << queries << " by "
             << layout.getQueryBlock() << ", M = " << keys << " by "
             << layout.getKeyBlock() << "), with an optional leading " << heads
             << " or 1 (query heads)";
  }
  if (auto alibi = op.getAlibiAttr()) {
    if (alibi.size() != heads)
      return op.emitOpError() << "alibi needs one slope per query head ("
                              << heads << "), got " << alibi.size();
    for (float slope : alibi.asArrayRef())
      if (failed(checkFiniteAttr(op, slope, "alibi slope")))
        return failure();
  }
  if (auto softcap = op.getSoftcapAttr()) {
    double cap = softcap.getValueAsDouble();
    if (failed(checkFiniteAttr(op, cap, "softcap")))
      return failure();
    if (cap <= 0)
      return op.emitOpError() << "softcap must be positive, got " << cap;
  }
  return checkMaskFill(op, op.getMaskFillAttr(), op.getMask(), "mask_fill");
}

LogicalResult AttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyAttentionOperands(op, getQuery(), getKey(), getValue(),
                                     getMask(), getScaleAttr())) ||
      failed(verifyAttentionPattern(*this)) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::Storage,
                         4, "[B, Hq, N, Dv]")) ||
      failed(checkStorageType(op, getResult(), "result",
                              elementTypeOf(getQuery()))))
    return failure();
  ArrayRef<int64_t> q = shapeOf(getQuery());
  return checkResultShape(op, {q[0], q[1], q[2], shapeOf(getValue())[3]});
}

LogicalResult OnlineAttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyAttentionOperands(op, getQuery(), getKey(), getValue(),
                                     getMask(), getScaleAttr())) ||
      failed(verifyAttentionPattern(*this)))
    return failure();
  ArrayRef<int64_t> q = shapeOf(getQuery());
  int64_t splits = getTiling().getKvSplits();
  SmallVector<int64_t> rows = {splits, q[0], q[1], q[2]};
  SmallVector<int64_t> acc(rows);
  acc.push_back(shapeOf(getValue())[3]);
  for (auto [value, name, expected] :
       {std::make_tuple(getAcc(), "acc", ArrayRef<int64_t>(acc)),
        std::make_tuple(getMax(), "max", ArrayRef<int64_t>(rows)),
        std::make_tuple(getSum(), "sum", ArrayRef<int64_t>(rows))}) {
    if (failed(checkTensor(op, value.getType(), name)))
      return failure();
    if (shapeOf(value) != expected)
      return emitOpError() << name << " shape " << shapeStr(shapeOf(value))
                           << " does not match the expected shape "
                           << shapeStr(expected) << " ([kv_splits, B, Hq, N"
                           << (value == getAcc() ? ", Dv]" : "]") << ")";
  }
  return success();
}

LogicalResult OnlineFinalizeOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getAcc().getType(), "acc", ElemKind::F32, 5,
                         "[S, B, Hq, N, Dv]")) ||
      failed(checkTensor(op, getMax().getType(), "max", ElemKind::F32, 4,
                         "[S, B, Hq, N]")) ||
      failed(checkTensor(op, getSum().getType(), "sum", ElemKind::F32, 4,
                         "[S, B, Hq, N]")) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::Storage,
                         4, "[B, Hq, N, Dv]")))
    return failure();
  ArrayRef<int64_t> acc = shapeOf(getAcc());
  if (shapeOf(getMax()) != acc.drop_back() ||
      shapeOf(getSum()) != acc.drop_back())
    return emitOpError() << "max and sum must have the shape of acc without "
                            "its last dimension, "
                         << shapeStr(acc.drop_back());
  // Narrow storage: the result is stored like the attention's query.
  if (auto online = getAcc().getDefiningOp<OnlineAttentionOp>())
    if (failed(checkStorageType(op, getResult(), "result",
                                elementTypeOf(online.getQuery()))))
      return failure();
  return checkResultShape(op, acc.drop_front());
}

//===----------------------------------------------------------------------===//
// MultiHeadAttentionOp
//===----------------------------------------------------------------------===//

int64_t MultiHeadAttentionOp::getKvHeads() {
  return getNumKvHeads().value_or(getNumHeads());
}

int64_t MultiHeadAttentionOp::getHeadDim() {
  return shapeOf(getQWeight())[0] / getNumHeads();
}

int64_t MultiHeadAttentionOp::getValueHeadDim() {
  return shapeOf(getVWeight())[0] / getKvHeads();
}

SmallVector<int64_t> MultiHeadAttentionOp::getQueryHeadsShape() {
  ArrayRef<int64_t> q = shapeOf(getQuery());
  return {q[0], static_cast<int64_t>(getNumHeads()), q[1], getHeadDim()};
}

SmallVector<int64_t> MultiHeadAttentionOp::getKeyHeadsShape() {
  ArrayRef<int64_t> k = shapeOf(getKey());
  return {k[0], getKvHeads(), k[1], getHeadDim()};
}

SmallVector<int64_t> MultiHeadAttentionOp::getValueHeadsShape() {
  ArrayRef<int64_t> v = shapeOf(getValue());
  return {v[0], getKvHeads(), v[1], getValueHeadDim()};
}

float MultiHeadAttentionOp::getEffectiveScale() {
  if (auto scale = getScaleAttr())
    return scale.getValueAsDouble();
  return 1.0f / std::sqrt(static_cast<float>(getHeadDim()));
}

LogicalResult MultiHeadAttentionOp::verify() {
  Operation *op = getOperation();
  for (auto [value, name] :
       {std::make_pair(getQuery(), "query"), std::make_pair(getKey(), "key"),
        std::make_pair(getValue(), "value")})
    if (failed(checkTensor(op, value.getType(), name, ElemKind::F32, 3,
                           "[B, sequence, features]")))
      return failure();
  if (failed(checkTensor(op, getResult().getType(), "result", ElemKind::F32, 3,
                         "[B, N, Eo]")))
    return failure();
  ArrayRef<int64_t> q = shapeOf(getQuery()), k = shapeOf(getKey()),
                    v = shapeOf(getValue());
  if (failed(checkBatchAndKeyLength(op, q, k, v, 1)))
    return failure();
  int64_t heads = getNumHeads();
  if (heads < 1 || (getNumKvHeads() && *getNumKvHeads() < 1))
    return emitOpError() << "head counts must be positive";
  int64_t kvHeads = getKvHeads();
  if (heads % kvHeads != 0)
    return emitOpError() << "query heads (" << heads
                         << ") must be a multiple of key/value heads ("
                         << kvHeads << ")";

  // Each projection: weight [rows, in_features], bias [rows].
  auto checkProjection = [&](StringRef which, Value weight, Value bias,
                             int64_t inFeatures) -> FailureOr<int64_t> {
    std::string weightName = (which + "_weight").str();
    if (failed(checkTensor(op, weight.getType(), weightName, ElemKind::F32, 2,
                           "[out, in]")))
      return failure();
    ArrayRef<int64_t> w = shapeOf(weight);
    if (w[1] != inFeatures)
      return emitOpError() << weightName << " has " << w[1]
                           << " input features, its input has " << inFeatures;
    if (bias) {
      std::string biasName = (which + "_bias").str();
      if (failed(checkTensor(op, bias.getType(), biasName, ElemKind::F32, 1)))
        return failure();
      if (shapeOf(bias)[0] != w[0])
        return emitOpError()
               << biasName << " has " << shapeOf(bias)[0] << " elements, "
               << weightName << " has " << w[0] << " rows";
    }
    return w[0];
  };
  FailureOr<int64_t> qRows =
      checkProjection("q", getQWeight(), getQBias(), q[2]);
  if (failed(qRows))
    return failure();
  FailureOr<int64_t> kRows =
      checkProjection("k", getKWeight(), getKBias(), k[2]);
  if (failed(kRows))
    return failure();
  FailureOr<int64_t> vRows =
      checkProjection("v", getVWeight(), getVBias(), v[2]);
  if (failed(vRows))
    return failure();
  if (*qRows % heads != 0)
    return emitOpError() << "q_weight rows (" << *qRows
                         << ") are not a multiple of the " << heads << " heads";
  int64_t headDim = *qRows / heads;
  if (*kRows != kvHeads * headDim)
    return emitOpError() << "k_weight rows (" << *kRows << ") must be "
                         << kvHeads << " key/value heads x head dim "
                         << headDim;
  if (*vRows % kvHeads != 0)
    return emitOpError() << "v_weight rows (" << *vRows
                         << ") are not a multiple of the " << kvHeads
                         << " key/value heads";
  int64_t valueDim = *vRows / kvHeads;
  FailureOr<int64_t> oRows =
      checkProjection("o", getOWeight(), getOBias(), heads * valueDim);
  if (failed(oRows))
    return failure();
  if (Value mask = getMask()) {
    if (failed(checkTensor(op, mask.getType(), "mask", ElemKind::F32OrI1)))
      return failure();
    SmallVector<int64_t> scores = {q[0], heads, q[1], k[1]};
    if (!broadcastsTo(shapeOf(mask), scores))
      return emitOpError() << "mask of shape " << shapeStr(shapeOf(mask))
                           << " does not broadcast to the scores [B, H, N, M] "
                              "= "
                           << shapeStr(scores);
  }
  if (auto scale = getScaleAttr();
      scale && failed(checkFiniteAttr(op, scale.getValueAsDouble(), "scale")))
    return failure();
  if (failed(checkMaskFill(op, getMaskFillAttr(), getMask(), "mask_fill")))
    return failure();
  return checkResultShape(op, {q[0], q[1], *oRows});
}

TilingAttr mlir::attn::chooseTiling(MLIRContext *context,
                                    ArrayRef<int64_t> queryShape,
                                    ArrayRef<int64_t> keyShape,
                                    BlockLayoutAttr layout) {
  int64_t queries = queryShape[2], keys = keyShape[2];
  int64_t queryTile = std::min<int64_t>(queries, 64);
  int64_t wholeKeys = (keys + 15) / 16 * 16;
  // 256 keys of K and V (256 KiB at a head dim of 128) stay in L2 while
  // every register block of the tile reads them; measured on AVX2 (Zen 3)
  // against 512 and whole-range blocks at D = 64 and 128.
  int64_t kvTile = std::min<int64_t>(wholeKeys, 256);
  if (layout) {
    // The largest tiles that divide the cells, if not too small.
    int64_t rows = std::gcd(layout.getQueryBlock(), queryTile);
    int64_t cols = std::gcd(layout.getKeyBlock(), kvTile);
    if (rows >= 16 || rows == queries)
      queryTile = rows;
    if (cols >= 16 && cols % 16 == 0)
      kvTile = cols;
  }
  int64_t blocks = (keys + kvTile - 1) / kvTile;
  int64_t tasks =
      queryShape[0] * queryShape[1] * ((queries + queryTile - 1) / queryTile);
  int64_t splits = 1;
  if (tasks < 16 && blocks > 1)
    splits = std::min<int64_t>(blocks, 16 / tasks + 1);
  return TilingAttr::get(context, queryTile, kvTile, splits);
}

std::optional<std::vector<uint8_t>>
mlir::attn::constantMaskKeep(DenseElementsAttr mask, bool structureOnly) {
  std::vector<uint8_t> keep;
  keep.reserve(mask.getNumElements());
  if (mask.getElementType().isSignlessInteger(1)) {
    for (bool v : mask.getValues<bool>())
      keep.push_back(v);
  } else if (isa<FloatType>(mask.getElementType())) {
    // f16 / bf16 masks: their values widen to f32 exactly.
    for (APFloat value : mask.getValues<APFloat>()) {
      bool losesInfo;
      value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
      float v = value.convertToFloat();
      bool kept = v > kAttnMaskedThreshold;
      if (structureOnly && kept && v != 0.0f)
        return std::nullopt;
      keep.push_back(kept);
    }
  } else {
    return std::nullopt;
  }
  return keep;
}

LogicalResult WindowAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t left, int64_t right,
                                 int64_t dilation) {
  if (left < 0 || right < 0)
    return emitError() << "window extents must not be negative, got left = "
                       << left << ", right = " << right;
  if (dilation < 1)
    return emitError() << "window dilation must be at least 1, got "
                       << dilation;
  return success();
}

LogicalResult
BlockLayoutAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                        int64_t queryBlock, int64_t keyBlock,
                        DenseElementsAttr layout) {
  if (queryBlock < 1 || keyBlock < 1)
    return emitError() << "block sizes must be positive, got query_block = "
                       << queryBlock << ", key_block = " << keyBlock;
  ShapedType type = layout.getType();
  if (!type.getElementType().isSignlessInteger(1) ||
      (type.getRank() != 2 && type.getRank() != 3))
    return emitError() << "block layout must be an i1 tensor of rank 2 "
                          "([query blocks, key blocks]) or 3 (per head), "
                          "got "
                       << type;
  return success();
}

LogicalResult TilingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t queryTile, int64_t kvTile,
                                 int64_t kvSplits) {
  if (queryTile < 1 || kvTile < 1 || kvSplits < 1)
    return emitError() << "tile sizes and splits must be positive, got "
                          "query_tile = "
                       << queryTile << ", kv_tile = " << kvTile
                       << ", kv_splits = " << kvSplits;
  return success();
}

//===----------------------------------------------------------------------===//
// Graph ops
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getLhs().getType(), "lhs")) ||
      failed(checkTensor(op, getRhs().getType(), "rhs")) ||
      failed(checkTensor(op, getResult().getType(), "result")))
    return failure();
  ArrayRef<int64_t> lhs = shapeOf(getLhs()), rhs = shapeOf(getRhs());
  if (lhs.size() < 2 || rhs.size() < 2)
    return emitOpError("operands must have rank 2 or more");
  size_t lr = lhs.size(), rr = rhs.size();
  int64_t m = getTransposeLhs() ? lhs[lr - 1] : lhs[lr - 2];
  int64_t lk = getTransposeLhs() ? lhs[lr - 2] : lhs[lr - 1];
  int64_t rk = getTransposeRhs() ? rhs[rr - 1] : rhs[rr - 2];
  int64_t n = getTransposeRhs() ? rhs[rr - 2] : rhs[rr - 1];
  if (lk != rk)
    return emitOpError() << "contraction dimensions differ: lhs has " << lk
                         << ", rhs has " << rk;
  auto batch = broadcastShapes(lhs.drop_back(2), rhs.drop_back(2));
  if (failed(batch))
    return emitOpError() << "batch dimensions " << shapeStr(lhs.drop_back(2))
                         << " and " << shapeStr(rhs.drop_back(2))
                         << " do not broadcast";
  SmallVector<int64_t> expected = *batch;
  expected.append({m, n});
  return checkResultShape(op, expected);
}

LogicalResult ScaleOp::verify() {
  if (failed(checkTensor(getOperation(), getInput().getType(), "input")))
    return failure();
  return checkFiniteAttr(getOperation(), getFactor().convertToFloat(),
                         "factor");
}

LogicalResult AddOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getLhs().getType(), "lhs")) ||
      failed(checkTensor(op, getRhs().getType(), "rhs")) ||
      failed(checkTensor(op, getResult().getType(), "result")))
    return failure();
  auto shape = broadcastShapes(shapeOf(getLhs()), shapeOf(getRhs()));
  if (failed(shape))
    return emitOpError() << "operand shapes " << shapeStr(shapeOf(getLhs()))
                         << " and " << shapeStr(shapeOf(getRhs()))
                         << " do not broadcast";
  return checkResultShape(op, *shape);
}

LogicalResult MaskOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input")) ||
      failed(checkTensor(op, getMask().getType(), "mask", ElemKind::F32OrI1)))
    return failure();
  if (!broadcastsTo(shapeOf(getMask()), shapeOf(getInput())))
    return emitOpError() << "mask of shape " << shapeStr(shapeOf(getMask()))
                         << " does not broadcast to the input shape "
                         << shapeStr(shapeOf(getInput()));
  return checkMaskFill(op, getFillAttr(), getMask(), "fill");
}

int64_t SoftmaxOp::getNormalizedAxis() {
  int64_t axis = getAxis();
  return axis < 0
             ? axis + cast<RankedTensorType>(getInput().getType()).getRank()
             : axis;
}

LogicalResult SoftmaxOp::verify() {
  if (failed(checkTensor(getOperation(), getInput().getType(), "input")))
    return failure();
  int64_t rank = shapeOf(getInput()).size();
  // getAxis() returns the I64Attr as uint64_t; compare it signed.
  int64_t axis = getAxisAttr().getInt();
  if (axis < -rank || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank << " (expected [" << -rank << ", " << rank
                         << "))";
  return success();
}

LogicalResult LinearOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input")) ||
      failed(checkTensor(op, getWeight().getType(), "weight", ElemKind::F32, 2,
                         "[Nout, K]")) ||
      failed(checkTensor(op, getResult().getType(), "result")))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight());
  if (x.empty())
    return emitOpError("input must have rank 1 or more ([..., K])");
  if (w[1] != x.back())
    return emitOpError() << "weight has " << w[1]
                         << " input features, the input has " << x.back();
  if (Value bias = getBias()) {
    if (failed(checkTensor(op, bias.getType(), "bias", ElemKind::F32, 1,
                           "[Nout]")))
      return failure();
    if (shapeOf(bias)[0] != w[0])
      return emitOpError() << "bias has " << shapeOf(bias)[0]
                           << " elements, the weight has " << w[0]
                           << " output features";
  }
  SmallVector<int64_t> expected(x.drop_back());
  expected.push_back(w[0]);
  return checkResultShape(op, expected);
}

LogicalResult SplitHeadsOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input", ElemKind::F32, 3,
                         "[B, N, H*D]")) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::F32, 4,
                         "[B, H, N, D]")))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), r = shapeOf(getResult());
  if (x[2] % r[1] != 0)
    return emitOpError() << "feature size " << x[2]
                         << " is not divisible by the head count " << r[1];
  return checkResultShape(op, {x[0], r[1], x[1], x[2] / r[1]});
}

LogicalResult MergeHeadsOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input", ElemKind::F32, 4,
                         "[B, H, N, D]")) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::F32, 3,
                         "[B, N, H*D]")))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  return checkResultShape(op, {x[0], x[2], x[1] * x[3]});
}

LogicalResult TransposeOp::verify() {
  Operation *op = getOperation();
  if (failed(checkLayoutOperands(op, getInput(), getResult())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  ArrayRef<int64_t> perm = getPermutation();
  if (perm.size() != x.size())
    return emitOpError() << "permutation has " << perm.size()
                         << " entries, the input has rank " << x.size();
  SmallVector<bool> seen(x.size(), false);
  SmallVector<int64_t> expected;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(x.size()) || seen[p])
      return emitOpError() << "permutation " << shapeStr(perm)
                           << " is not a permutation of [0, " << x.size()
                           << ")";
    seen[p] = true;
    expected.push_back(x[p]);
  }
  return checkResultShape(op, expected);
}

LogicalResult ReshapeOp::verify() {
  Operation *op = getOperation();
  if (failed(checkLayoutOperands(op, getInput(), getResult())))
    return failure();
  int64_t in = cast<RankedTensorType>(getInput().getType()).getNumElements();
  int64_t out = cast<RankedTensorType>(getResult().getType()).getNumElements();
  if (in != out)
    return emitOpError() << "reshape changes the element count from " << in
                         << " to " << out;
  return success();
}

//===----------------------------------------------------------------------===//
// Additive (Bahdanau) and Luong attention
//===----------------------------------------------------------------------===//

namespace {
/// query [B, N, Dq], key [B, M, Dk], value [B, M, Dv], the optional i1 mask
/// broadcastable to [B, N, M] and the result [B, N, Dv]: the checks shared by
/// additive and Luong attention.
LogicalResult verifySequenceAttention(Operation *op, Value query, Value key,
                                      Value value, Value mask, Value result) {
  if (failed(checkTensor(op, query.getType(), "query", ElemKind::F32, 3,
                         "[B, N, Dq]")) ||
      failed(checkTensor(op, key.getType(), "key", ElemKind::F32, 3,
                         "[B, M, Dk]")) ||
      failed(checkTensor(op, value.getType(), "value", ElemKind::F32, 3,
                         "[B, M, Dv]")) ||
      failed(checkTensor(op, result.getType(), "result", ElemKind::F32, 3,
                         "[B, N, Dv]")))
    return failure();
  ArrayRef<int64_t> q = shapeOf(query), k = shapeOf(key), v = shapeOf(value);
  if (failed(checkBatchAndKeyLength(op, q, k, v, 1)))
    return failure();
  if (mask) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    if (!maskType.getElementType().isSignlessInteger(1))
      return op->emitOpError()
             << "mask element type must be i1 (true keeps a key), got "
             << maskType.getElementType();
    if (failed(checkTensor(op, mask.getType(), "mask", ElemKind::F32OrI1)))
      return failure();
    SmallVector<int64_t> scores = {q[0], q[1], k[1]};
    if (!broadcastsTo(shapeOf(mask), scores))
      return op->emitOpError()
             << "mask of shape " << shapeStr(shapeOf(mask))
             << " does not broadcast to the scores [B, N, M] = "
             << shapeStr(scores);
  }
  return checkResultShape(op, {q[0], q[1], v[2]});
}

/// The additive score's weights: Wq [A, Dq], Wk [A, Dk] (or, for Luong
/// concat, Wa [A, Dq + Dk]) and v [A].
LogicalResult verifyScoreVector(Operation *op, Value vector, StringRef name,
                                int64_t attnDim, StringRef weightName) {
  if (failed(checkTensor(op, vector.getType(), name, ElemKind::F32, 1, "[A]")))
    return failure();
  if (shapeOf(vector)[0] != attnDim)
    return op->emitOpError()
           << name << " has " << shapeOf(vector)[0] << " elements, "
           << weightName << " has " << attnDim << " rows (A)";
  return success();
}
} // namespace

LogicalResult AdditiveAttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(verifySequenceAttention(op, getQuery(), getKey(), getValue(),
                                     getMask(), getResult())) ||
      failed(checkTensor(op, getQueryWeight().getType(), "query_weight",
                         ElemKind::F32, 2, "[A, Dq]")) ||
      failed(checkTensor(op, getKeyWeight().getType(), "key_weight",
                         ElemKind::F32, 2, "[A, Dk]")))
    return failure();
  ArrayRef<int64_t> wq = shapeOf(getQueryWeight()),
                    wk = shapeOf(getKeyWeight());
  int64_t dq = shapeOf(getQuery())[2], dk = shapeOf(getKey())[2];
  if (wq[1] != dq)
    return emitOpError() << "query_weight has " << wq[1]
                         << " columns, the query has " << dq << " features";
  if (wk[1] != dk)
    return emitOpError() << "key_weight has " << wk[1]
                         << " columns, the key has " << dk << " features";
  if (wk[0] != wq[0])
    return emitOpError() << "query_weight and key_weight have different "
                            "attention sizes (rows): "
                         << wq[0] << " vs " << wk[0];
  return verifyScoreVector(op, getScoreVector(), "score_vector", wq[0],
                           "query_weight");
}

LogicalResult LuongAttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(verifySequenceAttention(op, getQuery(), getKey(), getValue(),
                                     getMask(), getResult())))
    return failure();
  int64_t dq = shapeOf(getQuery())[2], dk = shapeOf(getKey())[2];
  OperandRange weights = getScoreWeights();
  size_t expected = getScore() == LuongScore::dot       ? 0
                    : getScore() == LuongScore::general ? 1
                                                        : 2;
  if (weights.size() != expected)
    return emitOpError() << "score(" << stringifyLuongScore(getScore())
                         << ") takes " << expected << " weight operand"
                         << (expected == 1 ? "" : "s") << " ("
                         << (expected == 0   ? "none"
                             : expected == 1 ? "W: [Dq, Dk]"
                                             : "Wa: [A, Dq + Dk], va: [A]")
                         << "), got " << weights.size();
  switch (getScore()) {
  case LuongScore::dot:
    if (dq != dk)
      return emitOpError() << "score(dot) needs equal query and key feature "
                              "sizes, got Dq = "
                           << dq << ", Dk = " << dk;
    break;
  case LuongScore::general: {
    if (failed(checkTensor(op, weights[0].getType(), "score weight W",
                           ElemKind::F32, 2, "[Dq, Dk]")))
      return failure();
    ArrayRef<int64_t> w = shapeOf(weights[0]);
    if (w[0] != dq || w[1] != dk)
      return emitOpError() << "score weight W has shape " << shapeStr(w)
                           << ", expected [Dq, Dk] = " << shapeStr({dq, dk});
    break;
  }
  case LuongScore::concat: {
    if (failed(checkTensor(op, weights[0].getType(), "score weight Wa",
                           ElemKind::F32, 2, "[A, Dq + Dk]")))
      return failure();
    ArrayRef<int64_t> wa = shapeOf(weights[0]);
    if (wa[1] != dq + dk)
      return emitOpError() << "score weight Wa has " << wa[1]
                           << " columns, expected Dq + Dk = " << dq + dk;
    if (failed(
            verifyScoreVector(op, weights[1], "score vector va", wa[0], "Wa")))
      return failure();
    break;
  }
  }

  OperandRange align = getAlignWeights();
  std::optional<LocalAlignment> local = getLocal();
  if (!local) {
    if (getHalfWidthAttr())
      return emitOpError("half_width is only meaningful with local(...)");
    if (!align.empty())
      return emitOpError("alignment weights are only meaningful with "
                         "local(predictive, ...)");
    return success();
  }
  if (!getHalfWidthAttr())
    return emitOpError("local attention needs a half_width");
  // getHalfWidth() returns the I64Attr as uint64_t; read it signed.
  int64_t halfWidth = getHalfWidthAttr().getInt();
  if (halfWidth < 0)
    return emitOpError() << "half_width must be >= 0, got " << halfWidth;
  // The code generator indexes with 32-bit integers (c_i ± D).
  if (halfWidth > (int64_t(1) << 30))
    return emitOpError() << "half_width must be at most 2^30, got "
                         << halfWidth;
  if (*local == LocalAlignment::monotonic) {
    if (!align.empty())
      return emitOpError() << "local(monotonic) takes no alignment weights, "
                              "got "
                           << align.size();
    return success();
  }
  if (align.size() != 2)
    return emitOpError() << "local(predictive) takes 2 alignment weights "
                            "(Wp: [Ap, Dq], vp: [Ap]), got "
                         << align.size();
  if (failed(checkTensor(op, align[0].getType(), "alignment weight Wp",
                         ElemKind::F32, 2, "[Ap, Dq]")))
    return failure();
  ArrayRef<int64_t> wp = shapeOf(align[0]);
  if (wp[1] != dq)
    return emitOpError() << "alignment weight Wp has " << wp[1]
                         << " columns, the query has " << dq << " features";
  return verifyScoreVector(op, align[1], "alignment vector vp", wp[0], "Wp");
}

//===----------------------------------------------------------------------===//
// Folders and canonicalization
//===----------------------------------------------------------------------===//

OpFoldResult ScaleOp::fold(FoldAdaptor) {
  float factor = getFactor().convertToFloat();
  if (factor == 1.0f)
    return getInput();
  if (auto inner = getInput().getDefiningOp<ScaleOp>()) {
    float combined = factor * inner.getFactor().convertToFloat();
    if (!std::isfinite(combined))
      return {};
    getInputMutable().assign(inner.getInput());
    setFactorAttr(FloatAttr::get(getFactorAttr().getType(), combined));
    return getResult();
  }
  return {};
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getInput().getType() == getType() ? getInput() : getResult();
  }
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> perm = getPermutation();
  bool identity = llvm::all_of(llvm::enumerate(perm), [](auto p) {
    return static_cast<int64_t>(p.index()) == p.value();
  });
  if (identity)
    return getInput();
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    // result[i] = inner[perm[i]] = x[innerPerm[perm[i]]].
    SmallVector<int64_t> composed;
    for (int64_t p : perm)
      composed.push_back(inner.getPermutation()[p]);
    getInputMutable().assign(inner.getInput());
    setPermutation(composed);
    return getResult();
  }
  return {};
}

namespace {
/// True when `v` is attn.transpose swapping only the last two dimensions.
TransposeOp getLastTwoSwap(Value v) {
  auto t = v.getDefiningOp<TransposeOp>();
  if (!t)
    return nullptr;
  ArrayRef<int64_t> perm = t.getPermutation();
  int64_t rank = perm.size();
  for (int64_t i = 0; i < rank - 2; ++i)
    if (perm[i] != i)
      return nullptr;
  return perm[rank - 2] == rank - 1 && perm[rank - 1] == rank - 2 ? t : nullptr;
}

struct FoldTransposeIntoMatmul : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    TransposeOp lhs = getLastTwoSwap(op.getLhs());
    TransposeOp rhs = getLastTwoSwap(op.getRhs());
    if (!lhs && !rhs)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (lhs) {
        op.getLhsMutable().assign(lhs.getInput());
        op.setTransposeLhs(!op.getTransposeLhs());
      }
      if (rhs) {
        op.getRhsMutable().assign(rhs.getInput());
        op.setTransposeRhs(!op.getTransposeRhs());
      }
    });
    return success();
  }
};
} // namespace

void MatmulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<FoldTransposeIntoMatmul>(context);
}

//===----------------------------------------------------------------------===//
// LinearAttentionOp
//===----------------------------------------------------------------------===//

LogicalResult LinearAttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getQuery().getType(), "query", ElemKind::F32, 4,
                         "[B, H, N, D]")) ||
      failed(checkTensor(op, getKey().getType(), "key", ElemKind::F32, 4,
                         "[B, Hkv, M, D]")) ||
      failed(checkTensor(op, getValue().getType(), "value", ElemKind::F32, 4,
                         "[B, Hkv, M, Dv]")) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::F32, 4,
                         "[B, H, N, Dv]")))
    return failure();
  ArrayRef<int64_t> q = shapeOf(getQuery()), k = shapeOf(getKey()),
                    v = shapeOf(getValue());
  if (failed(checkHeadLayout(getOperation(), q, k, v)))
    return failure();
  // The causal sums are defined row by row over one sequence.
  if (getCausal() && q[2] != k[2])
    return emitOpError() << "causal requires as many queries as keys (N == "
                            "M), got N = "
                         << q[2] << ", M = " << k[2];
  return checkResultShape(op, {q[0], q[1], q[2], v[3]});
}

//===----------------------------------------------------------------------===//
// Transformer block ops: layer_norm, gelu, slice
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input")))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  if (x.empty())
    return emitOpError("input must have rank 1 or more ([..., E])");
  for (auto [value, name] : {std::make_pair(getWeight(), "weight"),
                             std::make_pair(getBias(), "bias")}) {
    if (!value)
      continue;
    if (failed(checkTensor(op, value.getType(), name, ElemKind::F32, 1, "[E]")))
      return failure();
    if (shapeOf(value)[0] != x.back())
      return emitOpError() << name << " has " << shapeOf(value)[0]
                           << " elements, the normalized dimension has "
                           << x.back();
  }
  float eps = getEps().convertToFloat();
  if (failed(checkFiniteAttr(op, eps, "eps")))
    return failure();
  if (eps < 0.0f)
    return emitOpError() << "eps must be non-negative, got " << eps;
  return success();
}

LogicalResult GeluOp::verify() {
  return checkTensor(getOperation(), getInput().getType(), "input");
}

LogicalResult RopeOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getInput().getType(), "input")) ||
      failed(checkTensor(op, getCos().getType(), "cos")))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  if (x.empty() || x.back() % 2 != 0)
    return emitOpError() << "rotates pairs of the last dimension, which must "
                            "have an even size; the input is "
                         << shapeStr(x);
  if (!broadcastsTo(shapeOf(getCos()), x))
    return emitOpError() << "cos and sin of shape "
                         << shapeStr(shapeOf(getCos()))
                         << " do not broadcast to the input shape "
                         << shapeStr(x);
  return success();
}

LogicalResult SliceOp::verify() {
  Operation *op = getOperation();
  if (failed(checkLayoutOperands(op, getInput(), getResult())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), r = shapeOf(getResult());
  ArrayRef<int64_t> offsets = getOffsets();
  if (r.size() != x.size())
    return emitOpError() << "result rank " << r.size()
                         << " differs from the input rank " << x.size();
  if (offsets.size() != x.size())
    return emitOpError() << "has " << offsets.size()
                         << " offsets, the input has rank " << x.size();
  for (size_t d = 0; d < x.size(); ++d)
    if (offsets[d] < 0 || offsets[d] + r[d] > x[d])
      return emitOpError() << "dimension " << d << ": [" << offsets[d] << ", "
                           << offsets[d] + r[d]
                           << ") is not inside the input's [0, " << x[d] << ")";
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<SliceOp>()) {
    SmallVector<int64_t> offsets;
    for (auto [a, b] : llvm::zip(getOffsets(), inner.getOffsets()))
      offsets.push_back(a + b);
    getInputMutable().assign(inner.getInput());
    setOffsets(offsets);
    return getResult();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

void AttnDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Attn/AttnAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "Attn/AttnOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// GraphAttentionOp
//===----------------------------------------------------------------------===//

namespace {
/// The neighbourhood operands: an i1 adjacency or i32 CSR indices, with the
/// same static-shape rules as checkTensor.
LogicalResult checkGraphIndexTensor(Operation *op, Value value, StringRef name,
                                    unsigned bits, int64_t rank,
                                    StringRef layout) {
  auto tensor = cast<RankedTensorType>(value.getType());
  if (!tensor.getElementType().isSignlessInteger(bits))
    return op->emitOpError() << name << " element type must be i" << bits
                             << ", got " << tensor.getElementType();
  if (tensor.getRank() != rank)
    return op->emitOpError() << name << " must have rank " << rank << " ("
                             << layout << "), got rank " << tensor.getRank();
  if (!tensor.hasStaticShape())
    return op->emitOpError()
           << name
           << " must have a static shape (dynamic dimensions are not "
              "supported yet)";
  if (llvm::is_contained(tensor.getShape(), 0))
    return op->emitOpError() << name << " has a zero-sized dimension";
  return success();
}
} // namespace

LogicalResult GraphAttentionOp::verify() {
  Operation *op = getOperation();
  if (failed(checkTensor(op, getH().getType(), "h", ElemKind::F32, 2,
                         "[Nn, F]")) ||
      failed(checkTensor(op, getW().getType(), "w", ElemKind::F32, 3,
                         "[H, F, Fo]")) ||
      failed(checkTensor(op, getASrc().getType(), "a_src", ElemKind::F32, 2,
                         "[H, Fo]")) ||
      failed(checkTensor(op, getADst().getType(), "a_dst", ElemKind::F32, 2,
                         "[H, Fo]")) ||
      failed(checkTensor(op, getResult().getType(), "result", ElemKind::F32, 2,
                         getHeads() == GraphHeads::concat ? "[Nn, H*Fo]"
                                                          : "[Nn, Fo]")))
    return failure();
  ArrayRef<int64_t> h = shapeOf(getH()), w = shapeOf(getW());
  int64_t nodes = h[0], heads = w[0], outFeatures = w[2];
  if (w[1] != h[1])
    return emitOpError() << "w has " << w[1]
                         << " input features ([H, F, Fo]), h has " << h[1]
                         << " ([Nn, F])";
  SmallVector<int64_t> perHead = {heads, outFeatures};
  for (auto [value, name] :
       {std::make_pair(getASrc(), "a_src"), std::make_pair(getADst(), "a_dst")})
    if (shapeOf(value) != ArrayRef<int64_t>(perHead))
      return emitOpError() << name << " shape " << shapeStr(shapeOf(value))
                           << " does not match [H, Fo] = " << shapeStr(perHead)
                           << " from w";

  Value adjacency = getAdjacency(), rowPtr = getRowPtr(), colIdx = getColIdx();
  if (!adjacency && !rowPtr && !colIdx)
    return emitOpError("needs a neighbourhood: adjacency(...) or csr(...)");
  if (adjacency && (rowPtr || colIdx))
    return emitOpError("takes adjacency(...) or csr(...), not both");
  if (adjacency) {
    if (failed(checkGraphIndexTensor(op, adjacency, "adjacency", 1, 2,
                                     "[Nn, Nn]")))
      return failure();
    if (shapeOf(adjacency) != ArrayRef<int64_t>{nodes, nodes})
      return emitOpError() << "adjacency shape " << shapeStr(shapeOf(adjacency))
                           << " does not match [Nn, Nn] = "
                           << shapeStr({nodes, nodes});
  } else {
    if (!rowPtr || !colIdx)
      return emitOpError("csr needs both row_ptr and col_idx");
    if (failed(checkGraphIndexTensor(op, rowPtr, "row_ptr", 32, 1, "[Nn+1]")) ||
        failed(checkGraphIndexTensor(op, colIdx, "col_idx", 32, 1, "[nnz]")))
      return failure();
    if (shapeOf(rowPtr)[0] != nodes + 1)
      return emitOpError() << "row_ptr has " << shapeOf(rowPtr)[0]
                           << " entries, expected Nn+1 = " << nodes + 1;
    if (shapeOf(colIdx)[0] > std::numeric_limits<int32_t>::max())
      return emitOpError() << "col_idx has " << shapeOf(colIdx)[0]
                           << " entries, more than row_ptr's i32 can index";
  }
  if (failed(checkFiniteAttr(op, getNegativeSlope().convertToFloat(),
                             "negative_slope")))
    return failure();
  bool concat = getHeads() == GraphHeads::concat;
  SmallVector<int64_t> expected = {nodes,
                                   concat ? heads * outFeatures : outFeatures};
  ArrayRef<int64_t> actual = shapeOf(getResult());
  if (actual != ArrayRef<int64_t>(expected))
    return emitOpError() << "result shape " << shapeStr(actual)
                         << " does not match the expected shape "
                         << shapeStr(expected)
                         << (concat ? " ([Nn, H*Fo] for heads(concat))"
                                    : " ([Nn, Fo] for heads(mean))");
  return success();
}
