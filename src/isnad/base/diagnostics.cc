#include "isnad/base/diagnostics.h"

namespace isnad {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.origin;
  if (d.line > 0) {
    out += ':';
    out += std::to_string(d.line);
  }
  switch (d.severity) {
    case Severity::kNote: out += ": note: "; break;
    case Severity::kWarning: out += ": warning: "; break;
    case Severity::kError: out += ": error: "; break;
  }
  out += d.message;
  return out;
}

void Diagnostics::Report(Severity severity, std::string origin, uint64_t line,
                         std::string message) {
  if (severity == Severity::kError) errors_++;
  if (severity == Severity::kWarning) warnings_++;
  std::lock_guard<std::mutex> lock(mutex_);
  Emit(Diagnostic{severity, std::move(origin), line, std::move(message)});
}

}  // namespace isnad
