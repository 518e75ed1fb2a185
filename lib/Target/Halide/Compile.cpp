//===- Compile.cpp - lowered functions to objects and shared libraries ----===//
//
// Each public function becomes a Halide pipeline compiled without a runtime;
// one Halide runtime, the attn runtime and generated C entry points join them
// in a shared library that exports only the public contract.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Compile.h"

#include "GpuLibrary.h"
#include "Lowering.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::attn;

#ifndef ATTN_RUNTIME_INCLUDE_DIR
#error "ATTN_RUNTIME_INCLUDE_DIR must be defined by the build"
#endif

namespace {

std::string cType(const TensorSignature &sig, bool input) {
  return (input ? "const " : "") + std::string(sig.cElementType()) + " *";
}

std::string shapeComment(const TensorSignature &sig) {
  std::string s = sig.name + " [";
  for (size_t i = 0; i < sig.shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(sig.shape[i]);
  return s + "] " + (sig.isBool() ? "bool" : sig.dtypeName());
}

std::string cStringLiteral(StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n') {
      out += "\\n\"\n\"";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

llvm::json::Array signatureJson(const std::vector<TensorSignature> &sigs) {
  llvm::json::Array array;
  for (const TensorSignature &sig : sigs)
    array.push_back(llvm::json::Object{{"name", sig.name},
                                       {"shape", llvm::json::Array(sig.shape)},
                                       {"dtype", sig.dtypeName()}});
  return array;
}

std::string manifestJson(StringRef library, const std::string &target,
                         const std::vector<LoweredFunction> &functions,
                         const std::string &gpu) {
  llvm::json::Array fns;
  for (const LoweredFunction &f : functions) {
    auto parsed = [](const std::vector<std::string> &objects) {
      llvm::json::Array array;
      for (const std::string &s : objects)
        array.push_back(cantFail(llvm::json::parse(s)));
      return array;
    };
    llvm::json::Object schedule{{"attention", parsed(f.schedules)}};
    if (!f.productSchedules.empty())
      schedule["products"] = parsed(f.productSchedules);
    fns.push_back(llvm::json::Object{{"name", f.name},
                                     {"symbol", f.name},
                                     {"halide_symbol", f.name + "_halide"},
                                     {"args", signatureJson(f.inputs)},
                                     {"results", signatureJson(f.outputs)},
                                     {"schedule", std::move(schedule)}});
  }
  llvm::json::Object manifest{{"library", library},
                              {"target", target},
                              {"abi_version", 1},
                              {"functions", std::move(fns)}};
  if (!gpu.empty())
    manifest["gpu"] = cantFail(llvm::json::parse(gpu));
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest)));
  return text;
}

/// The exported entry points of one function, in C.
/// On a GPU target the dense entry point marks its inputs host-dirty (Halide
/// copies them to the device), copies the results back and frees every
/// device allocation it made.
void writeEntryPoints(llvm::raw_ostream &os, const LoweredFunction &f,
                      bool gpu) {
  std::vector<const TensorSignature *> all;
  for (const auto &s : f.inputs)
    all.push_back(&s);
  for (const auto &s : f.outputs)
    all.push_back(&s);
  size_t numInputs = f.inputs.size();
  auto shapeVar = [&](size_t i) {
    return "attn_shape_" + f.name + "_" + std::to_string(i);
  };

  os << "\n/* " << f.name << " */\n";
  for (size_t i = 0; i < all.size(); ++i) {
    os << "static const int64_t " << shapeVar(i) << "[] = {";
    for (size_t d = 0; d < all[i]->shape.size(); ++d)
      os << (d ? ", " : "") << all[i]->shape[d];
    if (all[i]->shape.empty())
      os << "0";
    os << "};\n";
  }
  auto declareBuffers = [&](size_t count) {
    for (size_t i = 0; i < count; ++i)
      os << (i ? ", " : "") << "struct halide_buffer_t *";
    os << ");\n";
  };
  os << "int " << f.pipelineSymbol() << "(";
  declareBuffers(all.size() + f.tables.size());
  // The tables made per call before the pipeline runs (TablePass).
  for (size_t t = 0; t < f.tables.size(); ++t) {
    const TablePass &table = f.tables[t];
    os << "int " << table.symbol() << "(";
    declareBuffers(table.inputIndices.size() + 1);
    os << "static const int64_t attn_shape_" << table.name << "[] = {";
    for (size_t d = 0; d < table.shape.size(); ++d)
      os << (d ? ", " : "") << table.shape[d];
    os << "};\n";
  }
  os << "\n";

  os << "ATTN_EXPORT int " << f.name << "_halide(";
  for (size_t i = 0; i < all.size(); ++i)
    os << (i ? ", " : "") << "struct halide_buffer_t *" << all[i]->name;
  os << ") {\n  int attn_rc;\n";
  for (size_t i = 0; i < all.size(); ++i)
    os << "  if ((attn_rc = attn_check_buffer(\"" << f.name << "\", \""
       << all[i]->name << "\", " << all[i]->name << ", " << all[i]->shape.size()
       << ", " << shapeVar(i) << ", " << static_cast<int>(all[i]->kind)
       << ")))\n    return attn_rc;\n";
  // f16 / bf16: the pipeline takes raw bits (a retyped view).
  auto pipelineArg = [&](size_t i) {
    return all[i]->isNarrowFloat() ? "&attn_raw_" + all[i]->name : all[i]->name;
  };
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i]->isNarrowFloat())
      os << "  struct halide_buffer_t attn_raw_" << all[i]->name << ";\n"
         << "  attn_raw_bits_view(&attn_raw_" << all[i]->name << ", "
         << all[i]->name << ");\n";
  // Each table: host memory for the pipelines' bounds, its device copy
  // made by its pass and read by the function's pipeline, then freed.
  os << "  attn_rc = ATTN_OK;\n";
  for (size_t t = 0; t < f.tables.size(); ++t) {
    const TablePass &table = f.tables[t];
    int64_t bytes = 1;
    for (int64_t extent : table.shape)
      bytes *= extent;
    std::string buffer = "attn_table" + std::to_string(t);
    os << "  struct halide_buffer_t " << buffer << ";\n"
       << "  struct halide_dimension_t " << buffer << "_dims["
       << table.shape.size() << "];\n"
       << "  void *" << buffer << "_host = malloc(" << bytes << ");\n"
       << "  attn_make_dense_buffer(&" << buffer << ", " << buffer << "_dims, "
       << buffer << "_host, " << table.shape.size() << ", attn_shape_"
       << table.name << ", ATTN_DTYPE_I1);\n"
       << "  if (!" << buffer << "_host && attn_rc == ATTN_OK) {\n"
       << "    attn_set_error(\"" << f.name
       << ": out of memory for a tile table\");\n"
       << "    attn_rc = ATTN_ERROR_RUNTIME;\n  }\n"
       << "  if (attn_rc == ATTN_OK)\n"
       << "    attn_rc = attn_pipeline_failed(\"" << f.name << "\", "
       << table.symbol() << "(";
    for (size_t i : table.inputIndices)
      os << pipelineArg(i) << ", ";
    os << "&" << buffer << "));\n";
  }
  os << "  if (attn_rc == ATTN_OK)\n"
     << "    attn_rc = attn_pipeline_failed(\"" << f.name << "\", "
     << f.pipelineSymbol() << "(";
  for (size_t i = 0; i < numInputs; ++i)
    os << pipelineArg(i) << ", ";
  for (size_t t = 0; t < f.tables.size(); ++t)
    os << "&attn_table" << t << ", ";
  for (size_t i = numInputs; i < all.size(); ++i)
    os << pipelineArg(i) << (i + 1 < all.size() ? ", " : "");
  os << "));\n";
  for (size_t t = 0; t < f.tables.size(); ++t)
    os << "  halide_device_free(NULL, &attn_table" << t << ");\n"
       << "  free(attn_table" << t << "_host);\n";
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i]->isNarrowFloat())
      os << "  attn_raw_bits_return(" << all[i]->name << ", &attn_raw_"
         << all[i]->name << ");\n";
  os << "  return attn_rc;\n}\n\n";

  os << "ATTN_EXPORT int " << f.name << "(";
  for (size_t i = 0; i < all.size(); ++i)
    os << (i ? ", " : "") << cType(*all[i], i < numInputs) << all[i]->name;
  os << ") {\n  int attn_rc;\n";
  for (size_t i = 0; i < all.size(); ++i)
    os << "  if ((attn_rc = attn_check_pointer(\"" << f.name << "\", \""
       << all[i]->name << "\", " << all[i]->name
       << ")))\n    return attn_rc;\n";
  for (size_t i = 0; i < all.size(); ++i) {
    size_t rank = all[i]->shape.size();
    os << "  struct halide_buffer_t attn_b" << i << ";\n"
       << "  struct halide_dimension_t attn_d" << i << "["
       << std::max<size_t>(rank, 1) << "];\n"
       << "  attn_make_dense_buffer(&attn_b" << i << ", attn_d" << i
       << ", (void *)" << all[i]->name << ", " << rank << ", " << shapeVar(i)
       << ", " << static_cast<int>(all[i]->kind) << ");\n";
  }
  if (!gpu) {
    os << "  return " << f.name << "_halide(";
    for (size_t i = 0; i < all.size(); ++i)
      os << (i ? ", " : "") << "&attn_b" << i;
    os << ");\n}\n";
    return;
  }
  for (size_t i = 0; i < numInputs; ++i)
    os << "  attn_b" << i << ".flags = halide_buffer_flag_host_dirty;\n";
  os << "  attn_rc = " << f.name << "_halide(";
  for (size_t i = 0; i < all.size(); ++i)
    os << (i ? ", " : "") << "&attn_b" << i;
  os << ");\n";
  for (size_t i = numInputs; i < all.size(); ++i)
    os << "  if (attn_rc == ATTN_OK)\n    attn_rc = attn_copy_to_host(&attn_b"
       << i << ");\n";
  for (size_t i = 0; i < all.size(); ++i)
    os << "  halide_device_free(NULL, &attn_b" << i << ");\n";
  os << "  return attn_rc;\n}\n";
}

std::string headerText(StringRef guard,
                       const std::vector<LoweredFunction> &functions) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* Generated by attn-compile. Do not edit. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "struct halide_buffer_t;\n\n"
     << "#ifndef ATTN_ERROR_CODES\n#define ATTN_ERROR_CODES\n"
     << "enum {\n  ATTN_OK = 0,\n  ATTN_ERROR_NULL_POINTER = 1,\n"
     << "  ATTN_ERROR_BAD_BUFFER = 2,\n  ATTN_ERROR_RUNTIME = 3\n};\n#endif\n\n"
     << "/* The message of this thread's last failure. */\n"
     << "const char *attn_last_error(void);\n"
     << "/* JSON: functions, argument names, shapes, dtypes, target, schedule. "
        "*/\n"
     << "const char *attn_manifest(void);\n"
     << "/* Frees the scratch memory kept for later calls (at most 256 MiB). "
        "*/\n"
     << "void attn_release_scratch(void);\n";
  bool narrow = llvm::any_of(functions, [](const LoweredFunction &f) {
    auto isNarrow = [](const TensorSignature &s) { return s.isNarrowFloat(); };
    return llvm::any_of(f.inputs, isNarrow) ||
           llvm::any_of(f.outputs, isNarrow);
  });
  if (narrow)
    os << "\n/* f16 and bf16 elements are passed as uint16_t holding their raw "
          "bits:\n   IEEE binary16, or bfloat16 (the upper 16 bits of an "
          "IEEE float). In a\n   halide_buffer_t their type is "
          "halide_type_float / halide_type_bfloat,\n   16 bits. */\n";
  for (const LoweredFunction &f : functions) {
    os << "\n/* " << f.name << ": ";
    for (size_t i = 0; i < f.inputs.size(); ++i)
      os << (i ? ", " : "") << shapeComment(f.inputs[i]);
    os << " -> ";
    for (size_t i = 0; i < f.outputs.size(); ++i)
      os << (i ? ", " : "") << shapeComment(f.outputs[i]);
    os << ".\n   Dense row-major buffers; returns 0 or an ATTN_ERROR_* code. "
          "*/\n";
    os << "int " << f.name << "(";
    size_t i = 0;
    for (const auto &s : f.inputs)
      os << (i++ ? ", " : "") << cType(s, true) << s.name;
    for (const auto &s : f.outputs)
      os << (i++ ? ", " : "") << cType(s, false) << s.name;
    os << ");\nint " << f.name << "_halide(";
    i = 0;
    for (const auto &s : f.inputs)
      os << (i++ ? ", " : "") << "struct halide_buffer_t *" << s.name;
    for (const auto &s : f.outputs)
      os << (i++ ? ", " : "") << "struct halide_buffer_t *" << s.name;
    os << ");\n";
  }
  os << "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}

/// Where compiled Halide runtimes are kept: $ATTN_CACHE_DIR, else
/// $XDG_CACHE_HOME/attn, else ~/.cache/attn; empty when none is known.
std::string runtimeCacheDir() {
  if (const char *dir = std::getenv("ATTN_CACHE_DIR"); dir && *dir)
    return dir;
  SmallString<128> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    path = xdg;
  else if (const char *home = std::getenv("HOME"); home && *home)
    llvm::sys::path::append(path, home, ".cache");
  else
    return "";
  llvm::sys::path::append(path, "attn");
  return path.str().str();
}

/// The Halide runtime object for `target`. Compiling it takes about a
/// second, half of a one-attention compile, so it is cached per target and
/// libHalide build; without a usable cache it is compiled into `fallback`.
std::string runtimeObjectFor(const Halide::Target &target,
                             const std::string &fallback) {
  std::string dir = runtimeCacheDir();
  llvm::sys::fs::file_status halide;
  if (dir.empty() || llvm::sys::fs::status(ATTN_HALIDE_LIBRARY, halide) ||
      llvm::sys::fs::create_directories(dir)) {
    Halide::compile_standalone_runtime(fallback, target);
    return fallback;
  }
  std::string key =
      target.to_string() + "-" + std::to_string(halide.getSize()) + "-" +
      std::to_string(llvm::sys::toTimeT(halide.getLastModificationTime()));
  SmallString<128> cached(dir);
  llvm::sys::path::append(cached, "halide-runtime-" +
                                      llvm::toHex(llvm::SHA256::hash(
                                          llvm::arrayRefFromStringRef(key))) +
                                      ".o");
  if (llvm::sys::fs::exists(cached))
    return cached.str().str();
  Halide::compile_standalone_runtime(fallback, target);
  // Publish with a rename so concurrent compiles never see half a file.
  SmallString<128> staged(cached);
  staged += "." + std::to_string(llvm::sys::Process::getProcessId());
  if (!llvm::sys::fs::copy_file(fallback, staged) &&
      !llvm::sys::fs::rename(staged, cached))
    return cached.str().str();
  llvm::sys::fs::remove(staged);
  return fallback;
}

/// Compiles and links in a temporary folder; moves results into place last.
class LibraryBuilder {
public:
  LibraryBuilder(ModuleOp module, const CompileOptions &options)
      : module(module), options(options) {}

  LogicalResult run();

private:
  FailureOr<Halide::Target> parseTarget();
  LogicalResult runTool(ArrayRef<std::string> argv, StringRef what);
  LogicalResult writeFile(StringRef path, StringRef text);
  LogicalResult install(StringRef from, StringRef to);

  ModuleOp module;
  const CompileOptions &options;
  SmallString<128> tempDir;
};

FailureOr<Halide::Target> LibraryBuilder::parseTarget() {
  StringRef name = options.target;
  FailureOr<GpuTarget> gpu = parseGpuTarget(name);
  if (failed(gpu))
    return emitError(module.getLoc())
           << "unknown GPU target '" << name
           << "'; use 'cuda', 'cuda-smNN' (e.g. cuda-sm80, cuda-sm90) or "
              "'opencl'";
  if (gpu->target)
    return *gpu->target;
  if (!Halide::Target::validate_target_string(options.target))
    return emitError(module.getLoc())
           << "unknown target '" << name
           << "'; use 'host', 'cuda', 'cuda-smNN', 'opencl' or a Halide "
              "target string such as 'x86-64-linux-avx2'";
  Halide::Target target(options.target);
  if (target.has_gpu_feature() && !target.has_feature(Halide::Target::CUDA) &&
      !target.has_feature(Halide::Target::OpenCL))
    return emitError(module.getLoc())
           << "target '" << name
           << "' has a GPU feature other than CUDA and OpenCL, which are the "
              "only GPU APIs supported";
  return target;
}

LogicalResult LibraryBuilder::runTool(ArrayRef<std::string> argv,
                                      StringRef what) {
  auto program = llvm::sys::findProgramByName(argv[0]);
  if (!program)
    return emitError(module.getLoc())
           << "cannot find '" << argv[0] << "' to " << what;
  SmallString<128> log(tempDir);
  llvm::sys::path::append(log, "tool.log");
  std::optional<StringRef> redirects[] = {std::nullopt, log.str(), log.str()};
  SmallVector<StringRef> args(argv.begin(), argv.end());
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*program, args, std::nullopt, redirects, 0,
                                     0, &message);
  if (rc == 0)
    return success();
  std::string output;
  if (auto buffer = llvm::MemoryBuffer::getFile(log))
    output = (*buffer)->getBuffer().str();
  return emitError(module.getLoc())
         << "failed to " << what << " (" << argv[0] << " exited with " << rc
         << message << "):\n"
         << output;
}

LogicalResult LibraryBuilder::writeFile(StringRef path, StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec)
    os << text;
  if (ec || os.has_error())
    return emitError(module.getLoc()) << "cannot write " << path;
  return success();
}

LogicalResult LibraryBuilder::install(StringRef from, StringRef to) {
  if (std::error_code ec = llvm::sys::fs::rename(from, to)) {
    // A rename across file systems fails; copy instead.
    if (llvm::sys::fs::copy_file(from, to))
      return emitError(module.getLoc())
             << "cannot write " << to << ": " << ec.message();
  }
  return success();
}

LogicalResult LibraryBuilder::run() {
  FailureOr<Halide::Target> target = parseTarget();
  if (failed(target))
    return failure();
  std::string targetName = target->to_string();

  std::vector<LoweredFunction> functions;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isPrivate() || func.isDeclaration())
      continue;
    FailureOr<LoweredFunction> lowered = lowerFunction(func, *target);
    if (failed(lowered))
      return failure();
    functions.push_back(std::move(*lowered));
  }
  // Every exported symbol once: `f_halide` may not also be a function name,
  // and a parameter may not shadow an entry point its body calls.
  llvm::StringMap<Location> symbols;
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isPrivate() && !func.isDeclaration())
      symbols.try_emplace(func.getSymName(), func.getLoc());
  for (const LoweredFunction &f : functions) {
    auto clash = symbols.find(f.name + "_halide");
    if (clash != symbols.end())
      return emitError(clash->second)
             << "function name '" << clash->first()
             << "' clashes with the Halide entry point of function '" << f.name
             << "'";
    for (const auto *sigs : {&f.inputs, &f.outputs})
      for (const TensorSignature &sig : *sigs)
        if (symbols.count(sig.name) ||
            (StringRef(sig.name).ends_with("_halide") &&
             symbols.count(StringRef(sig.name).drop_back(7))))
          return emitError(symbols.find(f.name)->second)
                 << "argument or result name '" << sig.name << "' of function '"
                 << f.name << "' is also the name of an exported function";
  }
  if (functions.empty())
    return emitError(module.getLoc(),
                     "the module has no public function to compile");

  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("attn-compile", tempDir))
    return emitError(module.getLoc())
           << "cannot create a temporary folder: " << ec.message();
  llvm::scope_exit cleanup([&] {
    if (!options.keepTemps)
      llvm::sys::fs::remove_directories(tempDir);
    else
      llvm::errs() << "attn-compile: temporary files kept in " << tempDir
                   << "\n";
  });
  auto temp = [&](const std::string &file) {
    SmallString<128> path(tempDir);
    llvm::sys::path::append(path, file);
    return path.str().str();
  };

  // Text outputs (statements, GPU source): to stdout, or staged and
  // installed like a library.
  auto emitText = [&](const std::string &text,
                      const std::string &stagedName) -> LogicalResult {
    if (options.outputPath == "-") {
      llvm::outs() << text;
      return success();
    }
    std::string staged = temp(stagedName);
    if (failed(writeFile(staged, text)))
      return failure();
    return install(staged, options.outputPath);
  };

  Halide::Target pipelineTarget =
      target->with_feature(Halide::Target::NoRuntime)
          .with_feature(Halide::Target::NoBoundsQuery);

  // Text per pipeline (a function's, then its table passes'), each after
  // a comment line naming it.
  auto pipelineTexts =
      [&](bool blockComments,
          llvm::function_ref<LogicalResult(
              Halide::Pipeline &, const std::vector<Halide::Argument> &,
              const std::string &, std::string &)>
              textOf) -> FailureOr<std::string> {
    std::string all;
    auto add = [&](Halide::Pipeline &pipeline,
                   const std::vector<Halide::Argument> &args,
                   const std::string &symbol,
                   const std::string &label) -> LogicalResult {
      std::string text;
      if (failed(textOf(pipeline, args, symbol, text)))
        return failure();
      all += (blockComments ? "/* " : "// ") + ("attn-compile: " + label) +
             (blockComments ? " */\n" : "\n") + text + "\n";
      return success();
    };
    for (LoweredFunction &f : functions) {
      if (failed(add(f.pipeline, f.halideArgs, f.pipelineSymbol(),
                     "function @" + f.name)))
        return failure();
      for (TablePass &table : f.tables)
        if (failed(add(table.pipeline, table.halideArgs, table.symbol(),
                       "table " + table.name + " of function @" + f.name)))
          return failure();
    }
    return all;
  };

  if (options.emit == EmitKind::HalideStmt) {
    FailureOr<std::string> all = pipelineTexts(
        false,
        [&](Halide::Pipeline &pipeline,
            const std::vector<Halide::Argument> &args,
            const std::string &symbol, std::string &text) -> LogicalResult {
          std::string path = temp(symbol + ".stmt");
          pipeline.compile_to_lowered_stmt(path, args, Halide::Text,
                                           pipelineTarget);
          auto buffer = llvm::MemoryBuffer::getFile(path);
          if (!buffer)
            return emitError(module.getLoc())
                   << "Halide wrote no statement file";
          text = (*buffer)->getBuffer().str();
          return success();
        });
    return failed(all) ? failure() : emitText(*all, "out.stmt");
  }

  if (options.emit == EmitKind::GpuSource) {
    if (!target->has_gpu_feature())
      return emitError(module.getLoc())
             << "--emit=gpu-source needs a GPU target ('cuda', 'cuda-smNN' "
                "or 'opencl'), got '"
             << options.target << "'";
    // PTX takes // comments; OpenCL C sources are read as C.
    FailureOr<std::string> all = pipelineTexts(
        !target->has_feature(Halide::Target::CUDA),
        [&](Halide::Pipeline &pipeline,
            const std::vector<Halide::Argument> &args,
            const std::string &symbol, std::string &text) -> LogicalResult {
          std::string path = temp(symbol + ".ll");
          pipeline.compile_to_llvm_assembly(path, args, symbol, pipelineTarget);
          auto buffer = llvm::MemoryBuffer::getFile(path);
          if (!buffer)
            return emitError(module.getLoc())
                   << "Halide wrote no LLVM assembly";
          text = extractGpuSource((*buffer)->getBuffer());
          return success();
        });
    return failed(all) ? failure() : emitText(*all, "out.gpu");
  }

  // Objects: one per pipeline, one Halide runtime, the C entry points.
  std::vector<std::string> objects;
  for (LoweredFunction &f : functions) {
    std::string path = temp(f.name + ".o");
    f.pipeline.compile_to_object(path, f.halideArgs, f.pipelineSymbol(),
                                 pipelineTarget);
    objects.push_back(path);
    for (TablePass &table : f.tables) {
      std::string tablePath = temp(table.name + ".o");
      table.pipeline.compile_to_object(tablePath, table.halideArgs,
                                       table.symbol(), pipelineTarget);
      objects.push_back(tablePath);
    }
  }
  objects.push_back(runtimeObjectFor(*target, temp("halide_runtime.o")));

  StringRef stem = llvm::sys::path::stem(options.outputPath);
  std::string entryText;
  bool gpu = target->has_gpu_feature();
  {
    llvm::raw_string_ostream os(entryText);
    os << "/* Generated by attn-compile: the exported entry points. */\n"
       << "#include \"attn_runtime.h\"\n\n#include <stdlib.h>\n\n"
       << "#define ATTN_EXPORT __attribute__((visibility(\"default\")))\n";
    if (gpu)
      writeGpuSupport(os, *target);
    for (const LoweredFunction &f : functions)
      writeEntryPoints(os, f, gpu);
    os << "\nstatic const char attn_manifest_text[] =\n"
       << cStringLiteral(manifestJson(stem, targetName, functions,
                                      gpuManifestJson(*target, options.target)))
       << ";\n\n"
       << "ATTN_EXPORT const char *attn_manifest(void) {\n"
       << "  return attn_manifest_text;\n}\n";
  }
  std::string entrySource = temp("entry_points.c");
  std::string entryObject = temp("entry_points.o");
  if (failed(writeFile(entrySource, entryText)) ||
      failed(runTool({options.cCompiler, "-O2", "-fPIC", "-std=c11",
                      "-fvisibility=hidden", "-I", ATTN_RUNTIME_INCLUDE_DIR,
                      "-I", ATTN_HALIDE_INCLUDE_DIR, "-c", entrySource, "-o",
                      entryObject},
                     "compile the generated entry points")))
    return failure();
  objects.insert(objects.begin(), entryObject);

  std::string staged;
  if (options.emit == EmitKind::Object) {
    staged = temp("combined.o");
    std::vector<std::string> argv = {options.cCompiler, "-r", "-o", staged};
    argv.insert(argv.end(), objects.begin(), objects.end());
    // Whole: its halide_malloc / halide_free override the runtime's weak
    // ones, which no undefined symbol would pull from the archive.
    argv.insert(argv.end(), {"-Wl,--whole-archive", ATTN_RUNTIME_LIBRARY,
                             "-Wl,--no-whole-archive"});
    if (failed(runTool(argv, "combine the objects")))
      return failure();
  } else {
    std::string exports = temp("exports.map");
    std::string script =
        "{\n  global:\n    attn_last_error;\n    attn_manifest;\n"
        "    attn_release_scratch;\n";
    for (const LoweredFunction &f : functions)
      script += "    " + f.name + ";\n    " + f.name + "_halide;\n";
    if (gpu)
      for (const std::string &symbol : gpuExportedSymbols())
        script += "    " + symbol + ";\n";
    script += "  local: *;\n};\n";
    staged = temp("library.so");
    std::vector<std::string> argv = {options.cCompiler, "-shared", "-o",
                                     staged};
    argv.insert(argv.end(), objects.begin(), objects.end());
    argv.insert(argv.end(),
                {"-Wl,--whole-archive", ATTN_RUNTIME_LIBRARY,
                 "-Wl,--no-whole-archive", "-Wl,--version-script=" + exports,
                 "-Wl,--no-undefined", "-lpthread", "-ldl", "-lm"});
    if (failed(writeFile(exports, script)) ||
        failed(runTool(argv, "link the shared library")))
      return failure();
  }

  // The header goes beside the result: libX.so -> libX.h.
  SmallString<128> headerPath(options.outputPath);
  llvm::sys::path::replace_extension(headerPath, "h");
  std::string guard = "ATTN_GENERATED_" + stem.upper() + "_H";
  for (char &c : guard)
    if (!isalnum(c))
      c = '_';
  std::string stagedHeader = temp("library.h");
  if (failed(writeFile(stagedHeader, headerText(guard, functions))) ||
      failed(install(staged, options.outputPath)))
    return failure();
  if (failed(install(stagedHeader, headerPath))) {
    llvm::sys::fs::remove(options.outputPath);
    return failure();
  }
  return success();
}

} // namespace

bool mlir::attn::isGpuTarget(StringRef target) {
  FailureOr<GpuTarget> gpu = parseGpuTarget(target);
  if (failed(gpu))
    return false;
  if (gpu->target)
    return true;
  return Halide::Target::validate_target_string(target.str()) &&
         Halide::Target(target.str()).has_gpu_feature();
}

LogicalResult mlir::attn::compileModule(ModuleOp module,
                                        const CompileOptions &options) {
  if (options.emit == EmitKind::Mlir) {
    std::error_code ec;
    llvm::raw_fd_ostream os(options.outputPath, ec);
    if (ec)
      return emitError(module.getLoc())
             << "cannot write " << options.outputPath;
    module.print(os);
    return success();
  }
  try {
    return LibraryBuilder(module, options).run();
  } catch (const Halide::CompileError &e) {
    return emitError(module.getLoc()) << "Halide compile error: " << e.what();
  } catch (const Halide::InternalError &e) {
    return emitError(module.getLoc()) << "Halide internal error: " << e.what();
  } catch (const Halide::Error &e) {
    return emitError(module.getLoc()) << "Halide error: " << e.what();
  }
}
