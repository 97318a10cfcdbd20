// Diagnostics: where the library reports problems with its input.
//
// WHAT THIS OBJECT REPRESENTS
//   A sink for messages about input that was skipped, repaired or converted.
//   Every message names the origin (a file path, "-" for standard input) and,
//   where it applies, a 1-based line number. The library never writes to
//   standard error itself; the program decides how messages are shown.
//
// THREAD SAFETY
//   Report() may be called from several threads at once; implementations
//   must serialize. The counters are atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace isnad {

enum class Severity {
  kNote,     // lossless change (e.g. converted from Windows-1256)
  kWarning,  // input kept but repaired with loss (e.g. invalid bytes replaced)
  kError,    // input (a report, a line, a file) skipped
};

struct Diagnostic {
  Severity severity;
  std::string origin;  // file path, or "-" for standard input
  uint64_t line;       // 1-based; 0 when the message is about the whole file
  std::string message;
};

std::string FormatDiagnostic(const Diagnostic& d);

class Diagnostics {
 public:
  virtual ~Diagnostics() = default;

  void Report(Severity severity, std::string origin, uint64_t line, std::string message);
  void Note(std::string origin, uint64_t line, std::string message) {
    Report(Severity::kNote, std::move(origin), line, std::move(message));
  }
  void Warn(std::string origin, uint64_t line, std::string message) {
    Report(Severity::kWarning, std::move(origin), line, std::move(message));
  }
  void Error(std::string origin, uint64_t line, std::string message) {
    Report(Severity::kError, std::move(origin), line, std::move(message));
  }

  uint64_t errors() const { return errors_.load(); }
  uint64_t warnings() const { return warnings_.load(); }
  // True when anything was skipped or repaired with loss: the program's exit
  // status must then be non-zero, so that no loss goes unnoticed.
  bool lost_input() const { return errors() + warnings() > 0; }

 protected:
  virtual void Emit(const Diagnostic& d) = 0;

 private:
  std::mutex mutex_;
  std::atomic<uint64_t> errors_{0};
  std::atomic<uint64_t> warnings_{0};
};

// Keeps every message; for tests and for callers that show them later.
class CollectingDiagnostics : public Diagnostics {
 public:
  std::vector<Diagnostic> messages;

 protected:
  void Emit(const Diagnostic& d) override { messages.push_back(d); }
};

}  // namespace isnad
