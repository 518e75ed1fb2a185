//===- Lowering.cpp - attn functions to Halide pipelines ------------------===//

#include "Lowering.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;
using namespace mlir::attn;
namespace hl = ::attn::halide;

namespace {

bool isCIdentifier(StringRef name) {
  if (name.empty() || !(isalpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name, [](char c) { return isalnum(c) || c == '_'; });
}

/// Why `name` cannot name an exported function or a C parameter, or "".
/// Exported names share the process's symbol namespace: a function called
/// `malloc` would interpose libc's for every library loaded after it.
std::string reservedNameReason(StringRef name) {
  static const llvm::StringSet<> cKeywords = {"auto",          "break",
                                              "case",          "char",
                                              "const",         "continue",
                                              "default",       "do",
                                              "double",        "else",
                                              "enum",          "extern",
                                              "float",         "for",
                                              "goto",          "if",
                                              "inline",        "int",
                                              "long",          "register",
                                              "restrict",      "return",
                                              "short",         "signed",
                                              "sizeof",        "static",
                                              "struct",        "switch",
                                              "typedef",       "union",
                                              "unsigned",      "void",
                                              "volatile",      "while",
                                              "_Bool",         "_Complex",
                                              "_Alignas",      "_Alignof",
                                              "_Atomic",       "_Generic",
                                              "_Noreturn",     "_Static_assert",
                                              "_Thread_local", "bool",
                                              "true",          "false",
                                              "NULL",          "int8_t",
                                              "int16_t",       "int32_t",
                                              "int64_t",       "uint8_t",
                                              "uint16_t",      "uint32_t",
                                              "uint64_t",      "size_t",
                                              "main"};
  // The C library functions a generated library or its callers rely on.
  static const llvm::StringSet<> libcNames = {"malloc",
                                              "calloc",
                                              "realloc",
                                              "free",
                                              "memcpy",
                                              "memmove",
                                              "memset",
                                              "memcmp",
                                              "strlen",
                                              "strcmp",
                                              "strncmp",
                                              "strcpy",
                                              "strncpy",
                                              "strchr",
                                              "strstr",
                                              "printf",
                                              "fprintf",
                                              "sprintf",
                                              "snprintf",
                                              "vsnprintf",
                                              "puts",
                                              "abort",
                                              "exit",
                                              "atexit",
                                              "getenv",
                                              "qsort",
                                              "exp",
                                              "expf",
                                              "log",
                                              "logf",
                                              "sqrt",
                                              "sqrtf",
                                              "pow",
                                              "powf",
                                              "sin",
                                              "cos",
                                              "tanh",
                                              "tanhf",
                                              "fabs",
                                              "floor",
                                              "ceil",
                                              "round",
                                              "fmaf",
                                              "fma",
                                              "open",
                                              "close",
                                              "read",
                                              "write",
                                              "mmap",
                                              "munmap",
                                              "dlopen",
                                              "dlsym",
                                              "dlclose",
                                              "sysconf",
                                              "pthread_create",
                                              "pthread_join",
                                              "pthread_mutex_lock",
                                              "pthread_mutex_unlock",
                                              "pthread_cond_wait",
                                              "pthread_cond_signal",
                                              "pthread_cond_broadcast",
                                              "sched_yield",
                                              "usleep",
                                              "nanosleep",
                                              "clock_gettime",
                                              "errno"};
  if (cKeywords.contains(name))
    return "is a C keyword or standard type name";
  if (libcNames.contains(name))
    return "is a C library function";
  if (name.starts_with("attn_") || name.starts_with("halide_") ||
      name.starts_with("__"))
    return "uses a prefix reserved for the runtime ('attn_', 'halide_', "
           "'__')";
  return "";
}

/// Checks that an argument or result type can cross the C ABI: f32, f16 or
/// bf16; arguments may also be i1 (masks) or i32 (indices, segment ids).
LogicalResult checkSignatureType(Location loc, Type type, StringRef what,
                                 bool isArgument, TensorSignature &sig) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return emitError(loc) << what
                          << " must be a statically shaped ranked tensor, got "
                          << type;
  Type elem = tensor.getElementType();
  if (elem.isF32())
    sig.kind = ElementKind::F32;
  else if (elem.isF16())
    sig.kind = ElementKind::F16;
  else if (elem.isBF16())
    sig.kind = ElementKind::BF16;
  else if (isArgument && elem.isSignlessInteger(1))
    sig.kind = ElementKind::I1;
  else if (isArgument && elem.isSignlessInteger(32))
    sig.kind = ElementKind::I32;
  else
    return emitError(loc) << what << " has element type " << elem
                          << "; only f32, f16, bf16"
                          << (isArgument ? ", i1 and i32" : "")
                          << " are supported";
  if (llvm::is_contained(tensor.getShape(), 0))
    return emitError(loc) << what << " has a zero-sized dimension";
  if (tensor.getNumElements() > std::numeric_limits<int32_t>::max())
    return emitError(loc) << what << " has " << tensor.getNumElements()
                          << " elements, more than the 2^31-1 that the code "
                             "generator can index";
  sig.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return success();
}

/// The element type a fused attention stores its result in.
hl::Storage storageOf(Value result) {
  Type elem = cast<RankedTensorType>(result.getType()).getElementType();
  if (elem.isF16())
    return hl::Storage::F16;
  if (elem.isBF16())
    return hl::Storage::BF16;
  return hl::Storage::F32;
}

/// Pins a buffer to the static row-major shape (Halide dims innermost
/// first); Halide checks it at run time.
void constrainToShape(Halide::OutputImageParam buffer, const hl::Shape &shape) {
  int rank = static_cast<int>(shape.size());
  for (int d = 0; d < rank; ++d)
    buffer.dim(d).set_min(0).set_extent(static_cast<int>(shape[rank - 1 - d]));
}

class FunctionLowering {
public:
  FunctionLowering(func::FuncOp func, const Halide::Target &target)
      : func(func), target(target) {}

  FailureOr<LoweredFunction> run();

private:
  LogicalResult lowerArguments();
  LogicalResult lowerOp(Operation *op);
  LogicalResult lowerConstant(arith::ConstantOp op);
  LogicalResult lowerReturn(func::ReturnOp op);
  /// The scale, causal and mask (and its fill) of any attention op; the
  /// other clauses of attn.attention / attn.online_attention with
  /// `patternOf`.
  hl::AttentionSpec attentionSpec(float scale,
                                  std::optional<CausalAlignment> causal,
                                  Value mask, FloatAttr maskFill);
  template <typename OpTy> hl::AttentionSpec patternOf(OpTy op, float scale);
  /// Registers `table` as a pipeline of its own whose result the function's
  /// pipeline reads through `input`.
  LogicalResult addTablePass(Operation *op, const std::string &name,
                             Halide::Func table, Halide::ImageParam input,
                             const std::vector<int> &extents);
  /// Errors (tiles that do not fit a GPU's shared memory) go to `op`.
  FailureOr<hl::Tensor> lowerAttention(Operation *op, const std::string &name,
                                       const hl::Tensor &query,
                                       const hl::Tensor &key,
                                       const hl::Tensor &value,
                                       const hl::AttentionSpec &spec,
                                       TilingAttr tiling);
  LogicalResult lowerMultiHead(MultiHeadAttentionOp op);
  std::optional<hl::Tensor> transposedWeight(Value weight);
  LogicalResult lowerGraphAttention(GraphAttentionOp op);
  LogicalResult lowerAdditiveAttention(AdditiveAttentionOp op);
  LogicalResult lowerLuongAttention(LuongAttentionOp op);
  /// An attention's result: f16 / bf16 bits are the function's output as
  /// they are; other consumers read them widened.
  void bindAttention(Value v, hl::Storage storage, const hl::Tensor &raw) {
    if (storage == hl::Storage::F32) {
      values[v] = raw;
      return;
    }
    narrowResults[v] = raw.func;
    values[v] =
        hl::defineTensor(raw.func.name() + "_wide", raw.shape,
                         [&](const std::vector<Halide::Expr> &index) {
                           return hl::widenStorage(raw.at(index), storage,
                                                   hl::nativeHalfLoads(target));
                         });
  }
  void bind(Value v, hl::GraphOp graphOp) {
    schedule(graphOp);
    values[v] = graphOp.result;
  }
  void schedule(const hl::GraphOp &graphOp) {
    std::string json = hl::scheduleGraphOp(graphOp, target);
    if (!json.empty())
      result.productSchedules.push_back(std::move(json));
  }
  std::string stageName(Operation *op) {
    return "s" + std::to_string(counter++) + "_" +
           op->getName().stripDialect().str();
  }
  const hl::Tensor &get(Value v) { return values.find(v)->second; }
  static hl::Shape shapeOf(Value v) {
    auto shape = cast<RankedTensorType>(v.getType()).getShape();
    return hl::Shape(shape.begin(), shape.end());
  }

  func::FuncOp func;
  const Halide::Target &target;
  LoweredFunction result;
  llvm::DenseMap<Value, hl::Tensor> values;
  /// The raw f16 / bf16 result of each narrow attention.
  llvm::DenseMap<Value, Halide::Func> narrowResults;
  std::vector<Halide::Func> outputs;
  int counter = 0;
};

FailureOr<LoweredFunction> FunctionLowering::run() {
  result.name = func.getSymName().str();
  if (!isCIdentifier(result.name))
    return func.emitError()
           << "function name '" << result.name << "' is not a C identifier";
  if (std::string why = reservedNameReason(result.name); !why.empty())
    return func.emitError() << "function name '" << result.name << "' " << why
                            << "; rename the function";
  if (func.getBody().getBlocks().size() != 1)
    return func.emitError("functions with control flow are not supported");
  // Halide indexes buffers with 32-bit integers.
  WalkResult tooLarge = func.walk([](Operation *op) {
    for (Type type : op->getResultTypes())
      if (auto tensor = dyn_cast<RankedTensorType>(type);
          tensor && tensor.hasStaticShape() &&
          tensor.getNumElements() > std::numeric_limits<int32_t>::max()) {
        op->emitOpError() << "produces " << tensor.getNumElements()
                          << " elements, more than the 2^31-1 that the "
                             "code generator can index";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  if (tooLarge.wasInterrupted() || failed(lowerArguments()))
    return failure();
  for (Operation &op : func.getBody().front())
    if (failed(lowerOp(&op)))
      return failure();
  result.pipeline = Halide::Pipeline(outputs);
  return std::move(result);
}

LogicalResult FunctionLowering::lowerArguments() {
  llvm::StringSet<> names;
  auto claim = [&](Location loc, StringRef name) -> LogicalResult {
    if (!isCIdentifier(name))
      return emitError(loc) << "name '" << name << "' is not a C identifier";
    if (std::string why = reservedNameReason(name); !why.empty())
      return emitError(loc) << "name '" << name << "' " << why;
    if (!names.insert(name).second)
      return emitError(loc) << "name '" << name << "' is used twice";
    return success();
  };
  for (BlockArgument arg : func.getArguments()) {
    unsigned i = arg.getArgNumber();
    TensorSignature sig;
    auto nameAttr = func.getArgAttrOfType<StringAttr>(i, "attn.name");
    sig.name = nameAttr ? nameAttr.str() : "arg" + std::to_string(i);
    if (failed(checkSignatureType(arg.getLoc(), arg.getType(),
                                  "argument '" + sig.name + "'", true, sig)) ||
        failed(claim(arg.getLoc(), sig.name)))
      return failure();
    int rank = static_cast<int>(sig.shape.size());
    Halide::ImageParam param(sig.halideType(), rank, "in_" + sig.name);
    constrainToShape(param, sig.shape);
    result.halideArgs.push_back(param);
    // f16 / bf16 bits are widened where they are read: every kernel
    // computes in f32.
    values[arg] = hl::defineTensor(
        "arg_" + sig.name, sig.shape,
        [&](const std::vector<Halide::Expr> &index) {
          return hl::widenStorage(
              param(std::vector<Halide::Expr>(index.rbegin(), index.rend())),
              sig.storage(), hl::nativeHalfLoads(target));
        },
        sig.isBool());
    result.inputs.push_back(sig);
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    TensorSignature sig;
    auto nameAttr = func.getResultAttrOfType<StringAttr>(i, "attn.name");
    sig.name = nameAttr ? nameAttr.str() : "result" + std::to_string(i);
    if (failed(checkSignatureType(func.getLoc(), func.getResultTypes()[i],
                                  "result '" + sig.name + "'", false, sig)) ||
        failed(claim(func.getLoc(), sig.name)))
      return failure();
    result.outputs.push_back(sig);
  }
  if (result.outputs.empty())
    return func.emitError(
        "a compiled function must return at least one tensor");
  return success();
}

LogicalResult FunctionLowering::lowerConstant(arith::ConstantOp op) {
  auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
  auto type = dyn_cast<RankedTensorType>(op.getType());
  Type elem = type ? type.getElementType() : Type();
  if (!dense || !type || !type.hasStaticShape() ||
      !(elem.isF32() || elem.isF16() || elem.isBF16() ||
        elem.isSignlessInteger(1)))
    return op.emitError(
        "only dense f32, f16, bf16 or i1 tensor constants are supported");
  hl::Shape shape(type.getShape().begin(), type.getShape().end());
  bool isBool = type.getElementType().isSignlessInteger(1);
  std::vector<int> extents(shape.rbegin(), shape.rend());
  std::string name = stageName(op);
  Halide::Buffer<> buffer(isBool ? Halide::UInt(8) : Halide::Float(32), extents,
                          name + "_data");
  // Row-major element i lands at the same linear offset of the dense buffer.
  if (isBool) {
    auto *data = static_cast<uint8_t *>(buffer.data());
    int64_t i = 0;
    for (bool v : dense.getValues<bool>())
      data[i++] = v;
  } else {
    // f16 and bf16 values widen to f32 exactly: kernels compute in f32.
    auto *data = static_cast<float *>(buffer.data());
    int64_t i = 0;
    for (APFloat v : dense.getValues<APFloat>()) {
      bool losesInfo;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      data[i++] = v.convertToFloat();
    }
  }
  values[op.getResult()] = hl::defineTensor(
      name, shape,
      [&](const std::vector<Halide::Expr> &index) {
        return buffer(std::vector<Halide::Expr>(index.rbegin(), index.rend()));
      },
      isBool);
  return success();
}

LogicalResult FunctionLowering::lowerReturn(func::ReturnOp op) {
  llvm::SmallPtrSet<void *, 4> seen;
  for (auto [i, v] : llvm::enumerate(op.getOperands())) {
    const hl::Tensor &t = get(v);
    // Each output needs a Func of its own; arguments and constants are copied.
    bool ownFunc =
        !isa<BlockArgument>(v) &&
        !isa_and_nonnull<arith::ConstantOp, SliceOp>(v.getDefiningOp()) &&
        seen.insert(v.getAsOpaquePointer()).second;
    Halide::Func out = t.func;
    auto narrow = narrowResults.find(v);
    if (ownFunc && narrow != narrowResults.end()) {
      out = narrow->second;
    } else if (!ownFunc || result.outputs[i].isNarrowFloat()) {
      // A copy (rounded to f16 / bf16 bits: values are f32 in the kernels).
      hl::Storage storage = result.outputs[i].storage();
      hl::GraphOp copy{
          hl::defineTensor("copy_" + result.outputs[i].name, t.shape,
                           [&](const std::vector<Halide::Expr> &index) {
                             return hl::narrowStorage(t.at(index), storage);
                           }),
          {}};
      hl::scheduleGraphOp(copy, target);
      out = copy.result.func;
    }
    constrainToShape(out.output_buffer(), t.shape);
    outputs.push_back(out);
  }
  return success();
}

hl::AttentionSpec
FunctionLowering::attentionSpec(float scale,
                                std::optional<CausalAlignment> causal,
                                Value mask, FloatAttr maskFill) {
  hl::AttentionSpec spec;
  spec.scale = scale;
  if (causal)
    spec.causal = *causal == CausalAlignment::top_left
                      ? hl::Causal::TopLeft
                      : hl::Causal::BottomRight;
  if (mask && maskFill) {
    spec.filledMask = hl::AttentionSpec::FilledMask{
        get(mask), static_cast<float>(maskFill.getValueAsDouble())};
  } else if (mask) {
    spec.mask = get(mask);
    DenseElementsAttr constant;
    if (matchPattern(mask, m_Constant(&constant)))
      spec.constantMaskKeep = constantMaskKeep(constant);
  }
  return spec;
}

template <typename OpTy>
hl::AttentionSpec FunctionLowering::patternOf(OpTy op, float scale) {
  hl::AttentionSpec spec =
      attentionSpec(scale, op.getCausal(), op.getMask(), op.getMaskFillAttr());
  if (WindowAttr window = op.getWindowAttr())
    spec.window = hl::AttentionSpec::Window{window.getLeft(), window.getRight(),
                                            window.getDilation()};
  if (auto chunk = op.getChunkAttr())
    spec.chunk = chunk.getInt();
  if (auto prefix = op.getPrefixAttr())
    spec.prefix = prefix.getInt();
  if (BlockLayoutAttr layout = op.getBlockLayoutAttr()) {
    ArrayRef<int64_t> shape = layout.getLayout().getType().getShape();
    hl::AttentionSpec::BlockLayout l;
    l.queryBlock = layout.getQueryBlock();
    l.keyBlock = layout.getKeyBlock();
    l.heads = shape.size() == 3 ? shape[0] : 1;
    l.rows = shape[shape.size() - 2];
    l.cols = shape.back();
    // A splat holds one value for every cell.
    int64_t cells = l.heads * l.rows * l.cols;
    for (bool kept : layout.getLayout().getValues<bool>())
      l.cells.push_back(kept);
    l.cells.resize(cells, l.cells.empty() ? 0 : l.cells.back());
    spec.layout = std::move(l);
  }
  if (op.getQuerySegments()) {
    spec.querySegments = get(op.getQuerySegments());
    spec.keySegments = get(op.getKeySegments());
  }
  if (auto alibi = op.getAlibiAttr())
    spec.alibi.assign(alibi.asArrayRef().begin(), alibi.asArrayRef().end());
  if (auto softcap = op.getSoftcapAttr())
    spec.softcap = softcap.getValueAsDouble();
  return spec;
}

LogicalResult FunctionLowering::addTablePass(Operation *op,
                                             const std::string &name,
                                             Halide::Func table,
                                             Halide::ImageParam input,
                                             const std::vector<int> &extents) {
  TablePass pass;
  pass.name = result.name + "_" + name;
  pass.pipeline = Halide::Pipeline(table);
  pass.shape.assign(extents.rbegin(), extents.rend());
  std::vector<Halide::Argument> reads = pass.pipeline.infer_arguments();
  for (size_t i = 0; i < result.inputs.size(); ++i) {
    std::string param = "in_" + result.inputs[i].name;
    auto read = llvm::find_if(
        reads, [&](const Halide::Argument &arg) { return arg.name == param; });
    if (read == reads.end())
      continue;
    pass.halideArgs.push_back(*read);
    pass.inputIndices.push_back(i);
  }
  // Nothing but the function's arguments can feed it.
  if (pass.halideArgs.size() != reads.size())
    return op->emitOpError()
           << "the per-call tile table reads an input that is not an "
              "argument of the function";
  result.halideArgs.push_back(input);
  result.tables.push_back(std::move(pass));
  return success();
}

FailureOr<hl::Tensor> FunctionLowering::lowerAttention(
    Operation *op, const std::string &name, const hl::Tensor &query,
    const hl::Tensor &key, const hl::Tensor &value,
    const hl::AttentionSpec &spec, TilingAttr tiling) {
  if (target.has_gpu_feature()) {
    // GPU targets: the tiles in the IR (--attn-tile chooses them for the
    // GPU when attn-compile targets one), the rest of the layout from them
    // (attn/GpuSchedule.h).
    const hl::Shape &q = query.shape;
    // The keys one query row can see: a window's band (and a prefix), a
    // chunk; the thread layout depends on how long the blocks' KV walk is.
    int64_t visibleKeys = key.shape[2];
    if (spec.window)
      visibleKeys = spec.window->left + spec.window->right + 1 + spec.prefix;
    if (spec.chunk > 0)
      visibleKeys = std::min(visibleKeys, spec.chunk + spec.prefix);
    hl::GpuAttentionSchedule schedule = ::attn::chooseGpuAttentionSchedule(
        q[0], q[1], q[2], q[3], key.shape[2], value.shape[3],
        tiling ? tiling.getQueryTile() : 0, tiling ? tiling.getKvTile() : 0,
        tiling ? tiling.getKvSplits() : 0, visibleKeys);
    if (int64_t bytes = schedule.sharedBytes();
        bytes > ::attn::kGpuSharedBudget) {
      if (schedule.queryTile == 1 && schedule.kvTile == 1)
        return op->emitOpError()
               << "needs " << bytes
               << " bytes of GPU shared memory per thread block even with 1 x "
                  "1 tiles (head dim "
               << q[3] << ", value dim " << value.shape[3]
               << "), more than the " << ::attn::kGpuSharedBudget
               << " the GPU kernel may use; compile this function for a CPU "
                  "target";
      return op->emitOpError()
             << "tiling <query_tile = " << schedule.queryTile
             << ", kv_tile = " << schedule.kvTile << "> needs " << bytes
             << " bytes of GPU shared memory per thread block, more than the "
             << ::attn::kGpuSharedBudget
             << " the GPU kernel may use (Halide 14 launches CUDA kernels with "
                "48 KiB); use smaller tiles, or leave the tiling to "
                "--attn-tile";
    }
    hl::GpuAttention attention =
        hl::defineGpuAttention(name, query, key, value, spec, schedule);
    hl::scheduleGpuAttention(attention, schedule);
    if (attention.callKinds.defined() &&
        failed(addTablePass(op, name + "_callKinds", attention.callKinds,
                            attention.callKindsInput,
                            attention.callKindsExtents)))
      return failure();
    // Its own kernels even when another attention reads the result (an
    // inlined GPU output cannot keep its block and thread loops).
    attention.result.func.compute_root();
    this->result.schedules.push_back(schedule.toJson(key.shape[2]));
    return attention.result;
  }
  hl::AttentionSchedule schedule = hl::chooseAttentionSchedule(
      query.shape, key.shape, value.shape, tiling.getQueryTile(),
      tiling.getKvTile(), tiling.getKvSplits(), target);
  hl::Attention attention =
      hl::defineAttention(name, query, key, value, spec, schedule);
  hl::scheduleAttention(attention, schedule);
  this->result.schedules.push_back(schedule.toJson(key.shape[2]));
  return attention.result;
}

/// The projections are products of their own; the head split and merge are
/// index maps that the attention and the output projection read through,
/// so no head-split copy is made.
LogicalResult FunctionLowering::lowerMultiHead(MultiHeadAttentionOp op) {
  std::string name = stageName(op);
  auto project = [&](StringRef tag, Value input, Value weight, Value bias) {
    std::optional<hl::Tensor> b;
    if (bias)
      b = get(bias);
    hl::GraphOp linear =
        hl::defineLinear(name + "_" + tag.str(), get(input), get(weight), b,
                         transposedWeight(weight));
    schedule(linear);
    return linear.result;
  };
  auto heads = [&](StringRef tag, const hl::Tensor &projected, int64_t n) {
    return hl::defineSplitHeads(name + "_" + tag.str() + "_heads", projected, n)
        .result;
  };
  int64_t kvHeads = op.getKvHeads();
  hl::Tensor q =
      heads("q", project("q", op.getQuery(), op.getQWeight(), op.getQBias()),
            op.getNumHeads());
  hl::Tensor k = heads(
      "k", project("k", op.getKey(), op.getKWeight(), op.getKBias()), kvHeads);
  hl::Tensor v =
      heads("v", project("v", op.getValue(), op.getVWeight(), op.getVBias()),
            kvHeads);
  TilingAttr tiling = op.getTilingAttr();
  if (!tiling)
    tiling = chooseTiling(op.getContext(), q.shape, k.shape);
  FailureOr<hl::Tensor> attended =
      lowerAttention(op, name + "_attention", q, k, v,
                     attentionSpec(op.getEffectiveScale(), op.getCausal(),
                                   op.getMask(), op.getMaskFillAttr()),
                     tiling);
  if (failed(attended))
    return failure();
  hl::Tensor merged = hl::defineMergeHeads(name + "_merged", *attended).result;
  std::optional<hl::Tensor> outBias;
  if (op.getOBias())
    outBias = get(op.getOBias());
  bind(op.getResult(),
       hl::defineLinear(name + "_o", merged, get(op.getOWeight()), outBias,
                        transposedWeight(op.getOWeight())));
  return success();
}

/// A weight given as attn.transpose(W, [1, 0]) (a Conv1D weight [in, out],
/// or a slice of one) is already Wᵀ: the product reads W in place.
std::optional<hl::Tensor> FunctionLowering::transposedWeight(Value weight) {
  auto transpose = weight.getDefiningOp<TransposeOp>();
  if (!transpose || transpose.getPermutation() != ArrayRef<int64_t>({1, 0}))
    return std::nullopt;
  return get(transpose.getInput());
}

LogicalResult FunctionLowering::lowerGraphAttention(GraphAttentionOp op) {
  hl::GraphAttentionSpec spec;
  spec.negativeSlope = op.getNegativeSlope().convertToFloat();
  spec.meanHeads = op.getHeads() == GraphHeads::mean;
  if (op.getAdjacency()) {
    spec.adjacency = get(op.getAdjacency());
  } else {
    spec.rowPtr = get(op.getRowPtr());
    spec.colIdx = get(op.getColIdx());
  }
  hl::GraphAttention attention = hl::defineGraphAttention(
      stageName(op), get(op.getH()), get(op.getW()), get(op.getASrc()),
      get(op.getADst()), spec, target.natural_vector_size<float>());
  hl::scheduleGraphAttention(attention);
  values[op.getResult()] = attention.result;
  return success();
}

/// The projections of additive and Luong attention are buffers of their
/// own, which Halide indexes with 32-bit integers like the tensors.
LogicalResult checkProjections(Operation *op,
                               const std::vector<const hl::Tensor *> &ts) {
  for (const hl::Tensor *t : ts) {
    int64_t elements = 1;
    for (int64_t d : t->shape)
      elements *= d;
    if (elements > std::numeric_limits<int32_t>::max())
      return op->emitOpError()
             << "needs a projection of " << elements
             << " elements, more than the 2^31-1 that the code generator "
                "can index";
  }
  return success();
}

LogicalResult FunctionLowering::lowerAdditiveAttention(AdditiveAttentionOp op) {
  std::optional<hl::Tensor> mask;
  if (op.getMask())
    mask = get(op.getMask());
  hl::AdditiveAttention a = hl::defineAdditiveAttention(
      stageName(op), get(op.getQuery()), get(op.getKey()), get(op.getValue()),
      get(op.getQueryWeight()), get(op.getKeyWeight()),
      get(op.getScoreVector()), mask, target);
  if (failed(checkProjections(
          op, {&a.queryProjection.result, &a.keyProjection.result, &a.keyT})))
    return failure();
  hl::scheduleAdditiveAttention(a, target);
  values[op.getResult()] = a.result;
  return success();
}

LogicalResult FunctionLowering::lowerLuongAttention(LuongAttentionOp op) {
  // Global dot and general attention is attn.attention after
  // --attn-decompose-luong, which attn-compile always runs.
  if (op.isGlobalDotProduct())
    return op.emitOpError()
           << "global score(" << stringifyLuongScore(op.getScore())
           << ") is compiled as attn.attention: run --attn-decompose-luong "
              "first";
  std::string name = stageName(op);
  std::optional<hl::Tensor> mask;
  if (op.getMask())
    mask = get(op.getMask());
  hl::SequenceScore score;
  switch (op.getScore()) {
  case LuongScore::dot:
    score.kind = hl::SequenceScore::Kind::Dot;
    break;
  case LuongScore::general:
    score.kind = hl::SequenceScore::Kind::General;
    score.weight = get(op.getScoreWeights()[0]);
    break;
  case LuongScore::concat: {
    // Wa [A, Dq + Dk] = [Wq | Wk]: two column blocks, read in place.
    score.kind = hl::SequenceScore::Kind::Additive;
    const hl::Tensor &wa = get(op.getScoreWeights()[0]);
    int64_t attnDim = wa.shape[0];
    int dq = static_cast<int>(shapeOf(op.getQuery())[2]);
    int64_t dk = shapeOf(op.getKey())[2];
    score.queryWeight = hl::defineTensor(
        name + "_wq", {attnDim, dq},
        [&](const std::vector<Halide::Expr> &i) { return wa.at(i); });
    score.keyWeight = hl::defineTensor(name + "_wk", {attnDim, dk},
                                       [&](const std::vector<Halide::Expr> &i) {
                                         return wa.at({i[0], i[1] + dq});
                                       });
    score.vector = get(op.getScoreWeights()[1]);
    break;
  }
  }
  if (!op.getLocal()) {
    hl::AdditiveAttention a = hl::defineAdditiveAttention(
        name, get(op.getQuery()), get(op.getKey()), get(op.getValue()),
        *score.queryWeight, *score.keyWeight, *score.vector, mask, target);
    if (failed(checkProjections(
            op, {&a.queryProjection.result, &a.keyProjection.result, &a.keyT})))
      return failure();
    hl::scheduleAdditiveAttention(a, target);
    values[op.getResult()] = a.result;
    return success();
  }
  hl::LocalWindow window;
  window.halfWidth = op.getHalfWidthAttr().getInt();
  window.predictive = *op.getLocal() == LocalAlignment::predictive;
  if (window.predictive) {
    window.positionWeight = get(op.getAlignWeights()[0]);
    window.positionVector = get(op.getAlignWeights()[1]);
  }
  hl::LocalAttention a =
      hl::defineLocalAttention(name, get(op.getQuery()), get(op.getKey()),
                               get(op.getValue()), score, window, mask, target);
  std::vector<const hl::Tensor *> projections;
  for (const hl::GraphOp &p : a.projections)
    projections.push_back(&p.result);
  if (failed(checkProjections(op, projections)))
    return failure();
  hl::scheduleLocalAttention(a, target);
  values[op.getResult()] = a.result;
  return success();
}

LogicalResult FunctionLowering::lowerOp(Operation *op) {
  auto name = [&] { return stageName(op); };
  // GPU targets have schedules for fused attention only.
  if (target.has_gpu_feature() &&
      !isa<AttentionOp, OnlineAttentionOp, OnlineFinalizeOp, arith::ConstantOp,
           func::ReturnOp>(op))
    return op->emitOpError()
           << "cannot be compiled for GPU target '" << target.to_string()
           << "': only attn.attention (and its online form) has a GPU "
              "schedule; compile this function for a CPU target";
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](AttentionOp a) {
        // Without a tiling, the CPU's default (a GPU chooses its own).
        TilingAttr tiling = a.getTilingAttr();
        if (!tiling && !target.has_gpu_feature())
          tiling = chooseTiling(a.getContext(), shapeOf(a.getQuery()),
                                shapeOf(a.getKey()), a.getBlockLayoutAttr());
        hl::AttentionSpec spec = patternOf(a, a.getEffectiveScale());
        spec.storage = storageOf(a.getResult());
        FailureOr<hl::Tensor> attended =
            lowerAttention(a, stageName(a), get(a.getQuery()), get(a.getKey()),
                           get(a.getValue()), spec, tiling);
        if (failed(attended))
          return failure();
        bindAttention(a.getResult(), spec.storage, *attended);
        return success();
      })
      .Case([&](MultiHeadAttentionOp m) { return lowerMultiHead(m); })
      .Case([&](OnlineAttentionOp a) -> LogicalResult {
        // Lowered with its attn.online_finalize, as one fused pipeline.
        for (Operation *user : a->getUsers())
          if (!isa<OnlineFinalizeOp>(user) || user != *a->getUsers().begin())
            return a.emitOpError()
                   << "results must feed exactly one attn.online_finalize "
                      "for the code generator";
        if (a->use_empty())
          return a.emitOpError() << "results are unused";
        return success();
      })
      .Case([&](OnlineFinalizeOp f) -> LogicalResult {
        auto a = f.getAcc().getDefiningOp<OnlineAttentionOp>();
        if (!a || f.getMax().getDefiningOp() != a ||
            f.getSum().getDefiningOp() != a)
          return f.emitOpError()
                 << "operands must be the results of one "
                    "attn.online_attention for the code generator";
        hl::AttentionSpec spec = patternOf(a, a.getScale().convertToFloat());
        spec.storage = storageOf(f.getResult());
        FailureOr<hl::Tensor> attended =
            lowerAttention(a, stageName(a), get(a.getQuery()), get(a.getKey()),
                           get(a.getValue()), spec, a.getTiling());
        if (failed(attended))
          return failure();
        bindAttention(f.getResult(), spec.storage, *attended);
        return success();
      })
      .Case([&](AdditiveAttentionOp a) { return lowerAdditiveAttention(a); })
      .Case([&](LuongAttentionOp l) { return lowerLuongAttention(l); })
      .Case([&](LinearAttentionOp l) -> LogicalResult {
        // Each feature map is a Halide expression in LinearAttention.cpp.
        if (l.getFeatureMap() != FeatureMap::elu_plus_one)
          return l.emitOpError()
                 << "feature map " << stringifyFeatureMap(l.getFeatureMap())
                 << " is not supported by the code generator";
        bool causal = l.getCausal();
        hl::LinearAttentionSchedule schedule =
            hl::chooseLinearAttentionSchedule(
                shapeOf(l.getQuery()), shapeOf(l.getKey()),
                shapeOf(l.getValue()), causal, target);
        // Halide allocations (without large_buffers) stop at 2^31-1 bytes.
        if (schedule.stateBytes > std::numeric_limits<int32_t>::max()) {
          auto diag = l.emitOpError()
                      << "needs a key/value state of " << schedule.stateBytes
                      << " bytes (a D x Dv sum per batch and key/value head";
          if (causal)
            diag << " and per chunk of " << schedule.chunk << " keys";
          return diag << "), more than the 2^31-1 that the code generator "
                         "can allocate";
        }
        hl::LinearAttention attention = hl::defineLinearAttention(
            name(), get(l.getQuery()), get(l.getKey()), get(l.getValue()),
            causal, schedule);
        hl::scheduleLinearAttention(attention, schedule);
        values[l.getResult()] = attention.result;
        return success();
      })
      .Case([&](MatmulOp m) {
        bind(m.getResult(),
             hl::defineMatmul(name(), get(m.getLhs()), get(m.getRhs()),
                              m.getTransposeLhs(), m.getTransposeRhs(),
                              shapeOf(m.getResult())));
        return success();
      })
      .Case([&](ScaleOp s) {
        bind(s.getResult(), hl::defineScale(name(), get(s.getInput()),
                                            s.getFactor().convertToFloat()));
        return success();
      })
      .Case([&](AddOp s) {
        bind(s.getResult(),
             hl::defineAdd(name(), get(s.getLhs()), get(s.getRhs()),
                           shapeOf(s.getResult())));
        return success();
      })
      .Case([&](MaskOp s) {
        bind(s.getResult(),
             hl::defineMask(name(), get(s.getInput()), get(s.getMask()),
                            s.getFill() ? s.getFill()->convertToFloat()
                                        : -INFINITY));
        return success();
      })
      .Case([&](SoftmaxOp s) {
        bind(s.getResult(),
             hl::defineSoftmax(name(), get(s.getInput()),
                               static_cast<int>(s.getNormalizedAxis())));
        return success();
      })
      .Case([&](LinearOp s) {
        std::optional<hl::Tensor> bias;
        if (s.getBias())
          bias = get(s.getBias());
        bind(s.getResult(),
             hl::defineLinear(name(), get(s.getInput()), get(s.getWeight()),
                              bias, transposedWeight(s.getWeight())));
        return success();
      })
      .Case([&](LayerNormOp s) {
        std::optional<hl::Tensor> weight, bias;
        if (s.getWeight())
          weight = get(s.getWeight());
        if (s.getBias())
          bias = get(s.getBias());
        hl::LayerNorm ln =
            hl::defineLayerNorm(name(), get(s.getInput()), weight, bias,
                                s.getEps().convertToFloat(), s.getRms());
        hl::scheduleLayerNorm(ln, target);
        values[s.getResult()] = ln.result;
        return success();
      })
      .Case([&](GeluOp s) {
        bind(s.getResult(),
             hl::defineGelu(name(), get(s.getInput()),
                            s.getApproximate() == GeluApproximation::tanh));
        return success();
      })
      .Case([&](RopeOp s) {
        bind(s.getResult(), hl::defineRope(name(), get(s.getInput()),
                                           get(s.getCos()), get(s.getSin())));
        return success();
      })
      .Case([&](SliceOp s) {
        // Not scheduled: consumers read through the index shift.
        values[s.getResult()] = hl::defineSlice(
            name(), get(s.getInput()),
            std::vector<int64_t>(s.getOffsets().begin(), s.getOffsets().end()),
            shapeOf(s.getResult()));
        return success();
      })
      .Case([&](SplitHeadsOp s) {
        bind(s.getResult(), hl::defineSplitHeads(name(), get(s.getInput()),
                                                 shapeOf(s.getResult())[1]));
        return success();
      })
      .Case([&](MergeHeadsOp s) {
        bind(s.getResult(), hl::defineMergeHeads(name(), get(s.getInput())));
        return success();
      })
      .Case([&](TransposeOp s) {
        bind(s.getResult(), hl::defineTranspose(name(), get(s.getInput()),
                                                std::vector<int64_t>(
                                                    s.getPermutation().begin(),
                                                    s.getPermutation().end())));
        return success();
      })
      .Case([&](ReshapeOp s) {
        bind(s.getResult(), hl::defineReshape(name(), get(s.getInput()),
                                              shapeOf(s.getResult())));
        return success();
      })
      .Case([&](GraphAttentionOp g) { return lowerGraphAttention(g); })
      .Case([&](arith::ConstantOp c) { return lowerConstant(c); })
      .Case([&](func::ReturnOp r) { return lowerReturn(r); })
      .Default([&](Operation *other) {
        return other->emitOpError()
               << "cannot be compiled by attn-compile yet; the code generator "
                  "handles attn ops, func.return and dense arith.constant "
                  "tensors";
      });
}

} // namespace

namespace {
/// What each element kind is called in the manifest, in C and in Halide.
struct ElementKindInfo {
  const char *dtype;
  const char *cType;
  Halide::Type halideType;
};

const ElementKindInfo &infoOf(ElementKind kind) {
  // f16 and bf16 cross the C ABI as raw bits: C has no portable half type.
  static const ElementKindInfo infos[] = {
      {"f32", "float", Halide::Float(32)},
      {"i1", "uint8_t", Halide::UInt(8)},
      {"i32", "int32_t", Halide::Int(32)},
      {"f16", "uint16_t", Halide::UInt(16)},
      {"bf16", "uint16_t", Halide::UInt(16)}};
  return infos[static_cast<int>(kind)];
}
} // namespace

const char *TensorSignature::dtypeName() const { return infoOf(kind).dtype; }

const char *TensorSignature::cElementType() const { return infoOf(kind).cType; }

Halide::Type TensorSignature::halideType() const {
  return infoOf(kind).halideType;
}

hl::Storage TensorSignature::storage() const {
  return kind == ElementKind::F16    ? hl::Storage::F16
         : kind == ElementKind::BF16 ? hl::Storage::BF16
                                     : hl::Storage::F32;
}

FailureOr<LoweredFunction>
mlir::attn::lowerFunction(func::FuncOp func, const Halide::Target &target) {
  return FunctionLowering(func, target).run();
}
